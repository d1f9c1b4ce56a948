# The relevance step of bench/run: ALQAC 2024 indexed by every engine, the
# same 518 questions as OR of their words, as written and without marks
# ($RESULTS/relevance.md, a markdown table from bench_relevance); then the sets
# on real documents of lib/realdocs.sh ($RESULTS/real/*.md).

relevance_step() {
  if [[ ,$REL_SETS, == *,alqac,* ]]; then alqac_step; fi
  local sets=${REL_SETS//alqac/} engines="" e
  sets=$(tr -s ',' <<<"$sets" | sed 's/^,//; s/,$//')
  for e in tracuu xapian sqlite sphinx; do engine "$e" && engines+=${engines:+,}$e; done  # PostgreSQL: ALQAC only
  rm -rf "$RESULTS/real"
  if [[ -n $sets && -n $engines ]]; then real_sets "$RESULTS/real" "$engines" "$sets" >/dev/null; fi
  return 0
}

alqac_step() {
  local data=$DATASETS/alqac2024 dir=$WORK/alqac
  [[ -f $data/corpus.jsonl.gz && -f $data/queries.jsonl ]] || { say "ALQAC 2024 not found in $data: skipping relevance"; return; }
  rm -rf "$dir" && mkdir -p "$dir"
  "$BENCH_BIN/bench_relevance" prepare --corpus "$data/corpus.jsonl.gz" --queries "$data/queries.jsonl" --out "$dir" || die "prepare failed"
  local corpus=$dir/corpus.jsonl engines=()
  say "relevance: indexing ALQAC with every engine"
  if "$BUILD/indexer/indexer" build --threads 2 --db "$dir/tracuu" "$corpus" >"$dir/tracuu.log" 2>&1; then
    engines+=(--engine "tracuu=$dir/tracuu")
  else
    say "tracuu indexer failed on ALQAC, see $dir/tracuu.log"
  fi
  "$BENCH_BIN/bench_index" --engine xapian --target "$dir/xapian" "$corpus" >/dev/null && engines+=(--engine "xapian=$dir/xapian")
  "$BENCH_BIN/bench_index" --engine sqlite --target "$dir/sqlite.db" --config-dir "$ROOT/bench/peers" "$corpus" >/dev/null &&
    engines+=(--engine "sqlite=$dir/sqlite.db")
  if have_sphinx; then
    local port; port=$(free_port 19306)
    sphinx_conf "$dir/sphinx" "$port" "$corpus"
    if "$SPHINX_INDEXER" --config "$dir/sphinx/sphinx.conf" --all >"$dir/sphinx.log" 2>&1 && sphinx_start "$dir/sphinx"; then
      engines+=(--engine "sphinx=127.0.0.1:$port" --engine "sphinx-bm25=127.0.0.1:$port")
    else
      say "Sphinx failed on ALQAC, see $dir/sphinx.log"
    fi
  fi
  if pg_start; then
    pg_create_db alqac
    "$BENCH_BIN/bench_index" --engine postgres --target "$(pg_conninfo alqac)" --config-dir "$ROOT/bench/peers" "$corpus" >/dev/null &&
      engines+=(--engine "postgres=$(pg_conninfo alqac)" --engine "postgres-ts_rank=$(pg_conninfo alqac)")
  fi
  say "relevance: 518 queries × 2 forms × $((${#engines[@]} / 2)) engines"
  "$BENCH_BIN/bench_relevance" run --qrels "$dir/qrels.tsv" "${engines[@]}" >"$RESULTS/relevance.md"
  have_sphinx && sphinx_stop "$dir/sphinx"
  return 0
}
