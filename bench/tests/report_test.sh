#!/usr/bin/env bash
# The harness must not flatter: a peer that failed voids the ratio and is listed as a failure.
# Usage: bench/tests/report_test.sh  (run by ctest as bench:report)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RESULTS=$(mktemp -d)
trap 'rm -rf "$RESULTS"' EXIT
source "$ROOT/bench/lib/common.sh"
source "$ROOT/bench/lib/report.sh"
header_note() { :; }
render_profile() { :; }
fail() { echo "FAIL: $*" >&2; exit 1; }

row() { printf '%s\t' "$@" | sed 's/\t$/\n/'; }
{
  row gen-10k tracuu "HTTP (wrk)" 1 900 1 5 100 0 0 ""
  row gen-10k sphinx SphinxQL 1 - - - - - - "failed: cannot connect"
  row gen-10k postgres libpq 1 90 1 5 100 0 0 ""
  row gen-100k tracuu "HTTP (wrk)" 1 500 1 5 100 0 0 ""
  row gen-100k sphinx SphinxQL 1 250 1 5 100 0 0 ""
  row gen-100k postgres libpq 1 40 1 5 100 0 0 ""
} >"$RESULTS/queries.tsv"
out=$(render_queries)
grep -q '^- gen-10k/1 clients: tracuu HTTP 900 QPS, no ratio: sphinx failed$' <<<"$out" ||
  fail "a failed Sphinx must void the 10k ratio, got: $out"
grep -q 'best peer postgres' <<<"$out" && fail "the ratio fell back to PostgreSQL: $out"
grep -q '^- gen-100k/1 clients: .*best peer sphinx 250 QPS → 2.00×$' <<<"$out" ||
  fail "the 100k ratio is against the best live peer, got: $out"
[[ $(peer_failures) == "sphinx queries on gen-10k/1" ]] || fail "peer_failures: '$(peer_failures)'"

{
  row gen-10k sqlite 1 10000 1000 - - - - "failed: disk full"
  row gen-10k tracuu 2 10000 1000 5 100 1 1 ""
} >"$RESULTS/indexing.tsv"
[[ $(peer_failures) == "sqlite indexing gen-10k, sphinx queries on gen-10k/1" ]] || fail "peer_failures: '$(peer_failures)'"

: >"$RESULTS/queries.tsv"
: >"$RESULTS/indexing.tsv"
[[ -z $(peer_failures) ]] || fail "no rows, no failures"
echo "ok"
