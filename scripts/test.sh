#!/usr/bin/env bash
# Installs what tracuu needs (Debian 12, as root), builds with warnings as
# errors, and runs every test (unit, integration, crash, browser, package) with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --package
scripts/check-format.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRACUU_WERROR=ON >/dev/null
cmake --build build
ctest --test-dir build --output-on-failure --timeout 600 -j2
