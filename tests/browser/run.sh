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

# playwright-core (no browser download) and axe-core, pinned by package-lock.json.
if [[ ! -f $here/node_modules/playwright-core/package.json || ! -f $here/node_modules/axe-core/axe.min.js ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tracuu-browser.XXXXXX")
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The real-size portal (issue 18): the samples plus the 563 long documents of vn-legal when the shared
# datasets are beside the checkout (TRACUU_BROWSER_CORPUS overrides; empty: the samples alone, and the
# tests that need long documents say they were skipped).
corpus=${TRACUU_BROWSER_CORPUS-$source_dir/../shared/datasets/vn-legal/docs.jsonl.gz}
# tests/browser/fixtures: a PDF (its original offered for download, passages linked to their page).
inputs=("$source_dir/data/samples" "$source_dir/tests/browser/fixtures")
real_index=0
if [[ -n $corpus && -f $corpus ]]; then inputs+=("$corpus"); real_index=1; fi
"$indexer" build --db "$work/index" --threads 2 "${inputs[@]}" >/dev/null 2>"$work/indexer.log" || { cat "$work/indexer.log" >&2; exit 1; }
# A staff key, for the staff pages (signed in through the portal's form).
staff_key=$("$searchd" keys add --keys "$work/keys" --name "kiem-thu" --scope staff 2>/dev/null | grep '^tk_')
"$searchd" serve --config "" --db "$work/index" --port 0 --threads 2 --web "$source_dir/web" --keys "$work/keys" \
  >"$work/stdout" 2>"$work/requests.log" &
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
BASE_URL=${url%/} STAFF_KEY=$staff_key REAL_INDEX=$real_index ARTIFACTS=$artifacts CHROMIUM=$chromium node --test --test-concurrency=1 "$here/portal.test.mjs"
