# The indexing step of bench/run (issue #5): every engine indexes the same
# input from scratch; wall time and peak RSS come from /usr/bin/time.
# Rows of $RESULTS/indexing.tsv:
#   corpus engine threads docs input_bytes seconds index_bytes peak_rss_kib cpu_s note

index_row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RESULTS/indexing.tsv"; }

# index_one CORPUS ENGINE THREADS DOCS BYTES INDEX_PATH CMD...: times CMD and records a row.
# INDEX_PATH "-": the size is the index_bytes CMD prints (PostgreSQL's table).
index_one() {
  local corpus=$1 engine=$2 threads=$3 docs=$4 bytes=$5 path=$6; shift 6
  local tf=$WORK/time.txt log=$WORK/idx/$corpus/$engine-t$threads.log
  say "indexing $corpus with $engine ($threads thread(s))"
  if timed "$tf" "$@" >"$log" 2>&1; then
    read -r wall rss cpu <"$tf"
    local size
    if [[ $path == - ]]; then size=$(kv index_bytes "$(tail -1 "$log")"); else size=$(dir_bytes "$path"); fi
    local server_rss; server_rss=$(kv server_rss_kib "$(tail -1 "$log")")
    local note=""
    if [[ -n $server_rss && $server_rss != 0 ]]; then rss=$server_rss; cpu="-"; note="RSS of the server backend; CPU not counted"; fi
    index_row "$corpus" "$engine" "$threads" "$docs" "$bytes" "$wall" "$size" "$rss" "$cpu" "$note"
    # The stamp the relevance step checks (lib/realdocs.sh) before reusing this index.
    if [[ $path == - ]]; then :; elif [[ -d $path && $engine == tracuu ]]; then touch "$path/.built"; else touch "$path.built"; fi
  else
    say "  $engine failed: $(tail -2 "$log" | tr '\n' ' ')"
    index_row "$corpus" "$engine" "$threads" "$docs" "$bytes" "-" "-" "-" "-" "failed: $(tail -1 "$log" | cut -c1-100)"
  fi
}

# index_corpus CORPUS INPUT...: indexes INPUT with tracuu (--tracuu-threads, 1 and 2) and
# every peer; keeps the indexes under $WORK/idx/CORPUS for the query step.
index_corpus() {
  local corpus=$1; shift
  local idx=$WORK/idx/$corpus
  mkdir -p "$idx"
  local stats docs bytes
  stats=$("$BENCH_BIN/bench_index" --stats "$@") || die "cannot read $*"
  docs=$(kv docs "$stats") bytes=$(kv input_bytes "$stats")
  local t
  if engine tracuu; then
    for t in ${TRACUU_THREADS//,/ }; do
      rm -rf "$idx/tracuu-t$t"
      index_one "$corpus" tracuu "$t" "$docs" "$bytes" "$idx/tracuu-t$t" \
        "$BUILD/indexer/indexer" build --threads "$t" --db "$idx/tracuu-t$t" "$@"
    done
    rm -rf "$idx/tracuu-t1"  # the 2-thread index serves the query step
  fi
  if engine xapian; then
    rm -rf "$idx/xapian"
    index_one "$corpus" xapian 1 "$docs" "$bytes" "$idx/xapian" "$BENCH_BIN/bench_index" --engine xapian --target "$idx/xapian" "$@"
  fi
  if engine sqlite; then
    rm -f "$idx/sqlite.db"
    index_one "$corpus" sqlite 1 "$docs" "$bytes" "$idx/sqlite.db" \
      "$BENCH_BIN/bench_index" --engine sqlite --target "$idx/sqlite.db" --config-dir "$ROOT/bench/peers" "$@"
  fi
  if ! engine sphinx; then
    :
  elif have_sphinx; then
    rm -rf "$idx/sphinx"
    sphinx_conf "$idx/sphinx" "$(free_port 19306)" "$@"
    index_one "$corpus" sphinx 1 "$docs" "$bytes" "$idx/sphinx" "$SPHINX_INDEXER" --config "$idx/sphinx/sphinx.conf" --all
  else
    say "Sphinx not installed (scripts/install-deps.sh --bench): skipping it"
  fi
  if engine postgres && pg_start; then
    local db=c_${corpus//[^a-z0-9]/_}
    pg_create_db "$db"
    index_one "$corpus" postgres 1 "$docs" "$bytes" - \
      "$BENCH_BIN/bench_index" --engine postgres --target "$(pg_conninfo "$db")" --config-dir "$ROOT/bench/peers" "$@"
  fi
}
