# The query step of bench/run: the same query list, the same concurrency and
# the same duration for every engine, on the indexes the indexing step kept.
# Servers (tracuu HTTP via wrk, Sphinx via SphinxQL, PostgreSQL via libpq) on
# loopback; libraries (tracuu, stock Xapian, SQLite FTS5) in process.
# Rows of $RESULTS/queries.tsv:
#   corpus engine interface clients qps p50_ms p99_ms requests errors empty note

query_row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RESULTS/queries.tsv"; }

# load_one CORPUS ENGINE INTERFACE CLIENTS KIND=TARGET: bench_load on one engine.
load_one() {
  local corpus=$1 engine=$2 iface=$3 clients=$4 spec=$5 out
  say "queries on $corpus: $engine ($iface), $clients client(s), ${DURATION}s"
  out=$("$BENCH_BIN/bench_load" --engine "$spec" --queries "$QUERIES" --threads "$clients" \
    --duration "$DURATION" --warmup "$WARMUP" 2>"$WORK/load.err") || true
  if [[ -n $(kv qps "$out") && $(kv requests "$out") != 0 ]]; then
    query_row "$corpus" "$engine" "$iface" "$clients" "$(kv qps "$out")" "$(kv p50_ms "$out")" "$(kv p99_ms "$out")" \
      "$(kv requests "$out")" "$(kv errors "$out")" "$(kv empty "$out")" "$(head -c 100 "$WORK/load.err" | tr '\n\t' '  ')"
  else
    say "  failed: $(head -c 200 "$WORK/load.err")"
    query_row "$corpus" "$engine" "$iface" "$clients" - - - - - - "failed: $(head -c 100 "$WORK/load.err" | tr '\n\t' '  ')"
  fi
}

# wrk_one CORPUS CLIENTS: tracuu's HTTP server with CLIENTS threads, loaded by wrk.
wrk_one() {
  local corpus=$1 clients=$2 port out
  if ! have wrk; then
    query_row "$corpus" tracuu "HTTP (wrk)" "$clients" - - - - - - "not measured: wrk is not installed"
    return
  fi
  port=$(free_port 18080)
  if ! tracuu_server_start "$WORK/idx/$corpus/tracuu-t2" "$port" "$clients"; then
    query_row "$corpus" tracuu "HTTP (wrk)" "$clients" - - - - - - "not measured: searchd serve is not built yet"
    return
  fi
  say "queries on $corpus: tracuu (HTTP, wrk), $clients connection(s), ${DURATION}s"
  local url=http://127.0.0.1:$port/ lua=$ROOT/bench/wrk_queries.lua
  BENCH_QUERIES=$QUERIES BENCH_THREADS=$clients wrk -t "$clients" -c "$clients" -d "${WARMUP}s" -s "$lua" "$url" >/dev/null 2>&1 || true
  out=$(BENCH_QUERIES=$QUERIES BENCH_THREADS=$clients wrk -t "$clients" -c "$clients" -d "${DURATION}s" -s "$lua" "$url" 2>&1 | grep '^WRK ') || true
  tracuu_server_stop
  if [[ -z $out ]]; then
    query_row "$corpus" tracuu "HTTP (wrk)" "$clients" - - - - - - "failed: wrk printed no result"
    return
  fi
  local req dur
  req=$(kv requests "$out") dur=$(kv duration_us "$out")
  query_row "$corpus" tracuu "HTTP (wrk)" "$clients" \
    "$(awk -v r="$req" -v d="$dur" 'BEGIN { printf "%.1f", r / (d / 1e6) }')" \
    "$(awk -v u="$(kv p50_us "$out")" 'BEGIN { printf "%.3f", u / 1000 }')" \
    "$(awk -v u="$(kv p99_us "$out")" 'BEGIN { printf "%.3f", u / 1000 }')" "$req" "$(kv errors "$out")" - ""
}

# tracuu_breakdown CORPUS: tracuu's library with facets, snippets or both left
# out (1 client), to show what each costs.
tracuu_breakdown() {
  local kind
  for kind in tracuu-nofacets tracuu-nosnippets tracuu-bare; do
    load_one "$1" "$kind" "library" 1 "$kind=$WORK/idx/$1/tracuu-t2"
  done
}

# tracuu_profile CORPUS: where tracuu's library spends a 1-client run, from perf
# with DWARF call graphs (the build has no frame pointers): inclusive and self
# percentages of tracuu's and Xapian's functions, into $RESULTS/profile.txt.
tracuu_profile() {
  local data=$WORK/perf.data seconds=$((DURATION < 10 ? DURATION : 10))
  have perf || { say "perf not installed: no profile"; return 0; }
  say "profiling tracuu's library on $1 (perf, ${seconds}s)"
  if ! perf record -q -F 199 --call-graph dwarf,16384 -o "$data" -- "$BENCH_BIN/bench_load" --engine "tracuu=$WORK/idx/$1/tracuu-t2" \
    --queries "$QUERIES" --threads 1 --duration "$seconds" --warmup 0 >/dev/null 2>"$WORK/perf.err"; then
    say "perf record failed (see $WORK/perf.err): no profile"
    return 0
  fi
  {
    echo "$1"
    perf report -i "$data" --stdio --children --sort symbol -g none --percent-limit 2 2>/dev/null |
      grep -E '^ +[0-9.]+%' | sed -E 's/\[[.k]\] //; s/ +- +-? *$//' |
      awk '{ sym = $3; for (i = 4; i <= NF; i++) sym = sym " " $i
             gsub(/\(anonymous namespace\)::/, "", sym)
             while (gsub(/<[^<>]*>/, "", sym)); sub(/\(.*$/, "", sym); sub(/\[abi:cxx11\]/, "", sym)
             if (sym ~ /^(tracuu::(searchd|schema|text)|Xapian::)/ && !seen[sym]++) printf "%s\t%s\t%s\n", $1, $2, sym }' | head -20
  } >"$RESULTS/profile.txt"
  rm -f "$data"
}

# query_corpus CORPUS: every engine with 1 and 2 clients.
query_corpus() {
  local corpus=$1 idx=$WORK/idx/$1 clients sphinx_port=""
  [[ -d $idx ]] || { say "no indexes for $corpus (the indexing step makes them): skipping its queries"; return; }
  if engine sphinx && have_sphinx && [[ -f $idx/sphinx/sphinx.conf ]] && sphinx_start "$idx/sphinx"; then
    sphinx_port=$(sed -n 's/.*listen *= *127.0.0.1:\([0-9]*\):mysql41/\1/p' "$idx/sphinx/sphinx.conf")
  fi
  local db=c_${corpus//[^a-z0-9]/_}
  for clients in 1 2; do
    if engine tracuu; then wrk_one "$corpus" "$clients"; fi
    if [[ -n $sphinx_port ]]; then load_one "$corpus" sphinx "SphinxQL" "$clients" "sphinx=127.0.0.1:$sphinx_port"; fi
    if engine postgres && [[ -n $PG_PORT ]]; then load_one "$corpus" postgres "libpq" "$clients" "postgres=$(pg_conninfo "$db")"; fi
    if engine tracuu; then load_one "$corpus" tracuu "library" "$clients" "tracuu=$idx/tracuu-t2"; fi
    if engine xapian; then load_one "$corpus" xapian "library" "$clients" "xapian=$idx/xapian"; fi
    if engine sqlite; then load_one "$corpus" sqlite "library" "$clients" "sqlite=$idx/sqlite.db"; fi
    # FTS5 cutting a passage of every hit with snippet(), as tracuu cuts its snippets.
    if engine sqlite; then load_one "$corpus" sqlite-snippet "library" "$clients" "sqlite-snippet=$idx/sqlite.db"; fi
  done
  if [[ -n $sphinx_port ]]; then sphinx_stop "$idx/sphinx"; fi
  if engine tracuu; then tracuu_breakdown "$corpus"; fi
  return 0
}
