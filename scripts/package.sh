#!/usr/bin/env bash
# Builds the Debian package build/tracuu_VERSION_amd64.deb (Debian 12, as root): tracuu-indexer and
# tracuu-searchd, the portal, /etc/tracuu, the systemd units and the man pages; then lintian checks it.
# Install it on a server with: apt install ./tracuu_VERSION_amd64.deb
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --package
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target indexer searchd package_files
deb=$(cd build && cpack -G DEB | sed -n 's/^CPack: - package: \(.*\) generated\.$/\1/p')
lintian --fail-on error "$deb"
echo "$deb"
