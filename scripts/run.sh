#!/usr/bin/env bash
# Installs what tracuu needs (Debian 12, as root), builds it, indexes the bundled
# sample documents and serves them on http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
# Idempotent: unchanged documents are skipped, changed ones replaced.
build/indexer/indexer build --db var/index data/samples
exec build/searchd/server/searchd serve --db var/index --bind 127.0.0.1 --port "${PORT:-8080}" --web web
