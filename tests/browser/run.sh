#!/usr/bin/env bash
# Browser tests of the portal (ctest: browser). Builds the sample index, starts
# `searchd serve --port 0 --web web/`, runs portal.test.mjs in Debian's Chromium
# through playwright-core, and stops the server. Never downloads a browser.
#   run.sh SEARCHD INDEXER ARTIFACT_DIR
set -euo pipefail
searchd=$1 indexer=$2 artifacts=$3
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
[[ -x $chromium ]] || { echo "browser: $chromium not found (scripts/install-deps.sh installs it)" >&2; exit 1; }
command -v node >/dev/null || { echo "browser: node not found (scripts/install-deps.sh installs it)" >&2; exit 1; }

# playwright-core only (no browser download), pinned by package-lock.json.
if [[ ! -f $here/node_modules/playwright-core/package.json ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tracuu-browser.XXXXXX")
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$indexer" build --db "$work/index" --threads 1 "$source_dir/data/samples" >/dev/null
"$searchd" serve --config "" --db "$work/index" --port 0 --threads 2 --web "$source_dir/web" >"$work/stdout" 2>"$work/requests.log" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^searchd: listening on \(http:[^ ]*\)$/\1/p' "$work/stdout")
  [[ -n $url ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/requests.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n $url ]] || { echo "browser: searchd did not start" >&2; exit 1; }

mkdir -p "$artifacts"
BASE_URL=${url%/} ARTIFACTS=$artifacts CHROMIUM=$chromium node --test --test-concurrency=1 "$here/portal.test.mjs"
