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
grep -q 'FTS5 with' <<<"$out" && fail "an FTS5 snippet() ratio with no sqlite-snippet rows: $out"

# FTS5 with snippet(): tracuu's library against it, library against library; its failure voids that ratio.
{
  row gen-10k tracuu library 1 300 1 5 100 0 0 ""
  row gen-10k sqlite-snippet library 1 100 1 5 100 0 0 ""
  row gen-10k tracuu library 2 500 1 5 100 0 0 ""
  row gen-10k sqlite-snippet library 2 - - - - - - "failed: database is locked"
} >"$RESULTS/queries.tsv"
out=$(render_queries)
grep -q '^- gen-10k/1 clients: tracuu library 300 QPS, FTS5 with snippet() 100 QPS → 3.00×$' <<<"$out" ||
  fail "tracuu's library against FTS5 with snippet(), got: $out"
grep -q '^- gen-10k/2 clients: tracuu library 500 QPS, no ratio: sqlite-snippet failed$' <<<"$out" ||
  fail "a failed FTS5 snippet() run must void its ratio, got: $out"
[[ $(peer_failures) == "sqlite-snippet queries on gen-10k/2" ]] || fail "peer_failures: '$(peer_failures)'"

{
  row gen-10k sqlite 1 10000 1000 - - - - "failed: disk full"
  row gen-10k tracuu 2 10000 1000 5 100 1 1 ""
} >"$RESULTS/indexing.tsv"
[[ $(peer_failures) == "sqlite indexing gen-10k, sqlite-snippet queries on gen-10k/2" ]] ||
  fail "peer_failures: '$(peer_failures)'"

# Plots: p99 and QPS of 1 client against corpus size, one series per engine and interface;
# failed rows and 2-client rows are not points.
{
  row gen-10k tracuu 2 10000 1000 5 100 1 1 ""
  row gen-100k tracuu 2 100000 10000 50 100 1 1 ""
  row gen-1m tracuu 2 1000000 100000 500 100 1 1 ""
} >"$RESULTS/indexing.tsv"
{
  row gen-10k tracuu "HTTP (wrk)" 1 900 1 5 100 0 0 ""
  row gen-10k sphinx SphinxQL 1 - - - - - - "failed: cannot connect"
  row gen-100k tracuu "HTTP (wrk)" 1 500 2 9 100 0 0 ""
  row gen-100k tracuu "HTTP (wrk)" 2 800 2 12 100 0 0 ""
  row gen-100k sphinx SphinxQL 1 250 3 7 100 0 0 ""
  row gen-1m tracuu "HTTP (wrk)" 1 100 8 60 100 0 0 ""
  row gen-1m sphinx SphinxQL 1 50 15 40 100 0 0 ""
  row vn-legal+samples sphinx SphinxQL 1 70 10 30 100 0 0 ""
} >"$RESULTS/queries.tsv"
plot_data
[[ $(cat "$RESULTS/plot-qps-tracuu-HTTPwrk.dat") == $'10000 900\n100000 500\n1000000 100' ]] ||
  fail "tracuu's QPS series: '$(cat "$RESULTS/plot-qps-tracuu-HTTPwrk.dat")'"
[[ $(cat "$RESULTS/plot-p99-tracuu-HTTPwrk.dat") == $'10000 5\n100000 9\n1000000 60' ]] ||
  fail "tracuu's p99 series: '$(cat "$RESULTS/plot-p99-tracuu-HTTPwrk.dat")'"
[[ $(cat "$RESULTS/plot-qps-sphinx-SphinxQL.dat") == $'100000 250\n1000000 50' ]] ||
  fail "Sphinx's QPS series (its failed 10k row left out): '$(cat "$RESULTS/plot-qps-sphinx-SphinxQL.dat")'"
[[ $(cat "$RESULTS/plot-index-tracuu-2t.dat") == $'10000 5\n100000 50\n1000000 500' ]] ||
  fail "tracuu's indexing series: '$(cat "$RESULTS/plot-index-tracuu-2t.dat")'"
# A query step alone (no indexing rows): the documents come from the corpus names.
mv "$RESULTS/indexing.tsv" "$RESULTS/indexing.kept"
plot_data
[[ $(cat "$RESULTS/plot-qps-tracuu-HTTPwrk.dat") == $'10000 900\n100000 500\n1000000 100' ]] ||
  fail "tracuu's QPS series without an indexing step: '$(cat "$RESULTS/plot-qps-tracuu-HTTPwrk.dat")'"
[[ ! -s $RESULTS/plot-index-tracuu-2t.dat ]] || fail "an indexing series without indexing rows"
mv "$RESULTS/indexing.kept" "$RESULTS/indexing.tsv"
plot_data
if have gnuplot; then
  WRITE=0
  out=$(render_plots)
  for png in index_time p99_latency qps; do
    [[ -s $RESULTS/plots/$png.png ]] || fail "render_plots drew no $png.png"
    grep -q "(bench/plots/$png.png)" <<<"$out" || fail "render_plots does not reference $png.png: $out"
  done
fi

: >"$RESULTS/queries.tsv"
: >"$RESULTS/indexing.tsv"
[[ -z $(peer_failures) ]] || fail "no rows, no failures"
echo "ok"
