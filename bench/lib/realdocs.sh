# Relevance on real documents, shared by bench/run (relevance step) and bench/run-relevance:
# the judged set bench/data/vn-legal-queries.jsonl and the known-item sets over
# vn-legal + data/samples, and ALQAC 2024 alone vs with vn-legal's pages added.
# Sourced after common.sh and peers.sh; uses ROOT, BUILD, BENCH_BIN, WORK, DATASETS.
# Indexes are kept in $WORK/idx/CORPUS/{tracuu-t2,xapian,sqlite.db,sphinx} (the layout of
# the indexing step) and rebuilt only when missing or older than the program that writes
# them or their inputs, so a tuning loop re-indexes only when the indexer changed.

REAL_SET=$ROOT/bench/data/vn-legal-queries.jsonl

# stale FILE DEP...: true when FILE is missing or older than one of DEP.
stale() {
  local f=$1 d; shift
  [[ -e $f ]] || return 0
  for d; do [[ $d -nt $f ]] && return 0; done
  return 1
}

# real_index CORPUS ENGINES INPUT...: makes sure every engine of the comma list ENGINES
# (tracuu, xapian, sqlite, sphinx) has a current index of INPUT under $WORK/idx/CORPUS.
real_index() {
  local corpus=$1 engines=$2; shift 2
  local idx=$WORK/idx/$corpus e
  mkdir -p "$idx"
  for e in ${engines//,/ }; do
    case $e in
      tracuu)
        if stale "$idx/tracuu-t2/.built" "$BUILD/indexer/indexer" "$@"; then
          say "indexing $corpus with tracuu"
          rm -rf "$idx/tracuu-t2"
          "$BUILD/indexer/indexer" build --threads 2 --db "$idx/tracuu-t2" "$@" >"$idx/tracuu-t2.log" 2>&1 ||
            die "tracuu indexer failed on $corpus, see $idx/tracuu-t2.log"
          touch "$idx/tracuu-t2/.built"
        fi ;;
      xapian | sqlite)
        local target=$idx/xapian
        [[ $e == sqlite ]] && target=$idx/sqlite.db
        if stale "$target.built" "$BENCH_BIN/bench_index" "$@"; then
          say "indexing $corpus with $e"
          rm -rf "$target"
          "$BENCH_BIN/bench_index" --engine "$e" --target "$target" --config-dir "$ROOT/bench/peers" "$@" >"$idx/$e.log" 2>&1 ||
            die "$e failed on $corpus, see $idx/$e.log"
          touch "$target.built"
        fi ;;
      sphinx)
        have_sphinx || { say "Sphinx not installed (scripts/install-deps.sh --bench): skipping it"; continue; }
        if stale "$idx/sphinx.built" "$BENCH_BIN/bench_index" "$ROOT/bench/peers/sphinx.conf.in" "$@"; then
          say "indexing $corpus with sphinx"
          rm -rf "$idx/sphinx"
          sphinx_conf "$idx/sphinx" "$(free_port 19306)" "$@"
          "$SPHINX_INDEXER" --config "$idx/sphinx/sphinx.conf" --all >"$idx/sphinx.log" 2>&1 ||
            die "Sphinx failed on $corpus, see $idx/sphinx.log"
          touch "$idx/sphinx.built"
        fi ;;
      *) die "no real-document relevance for engine $e (tracuu, xapian, sqlite, sphinx)" ;;
    esac
  done
}

# real_engines CORPUS ENGINES INPUT...: prints the --engine arguments of bench_relevance
# for the indexes of CORPUS, one per line, starting Sphinx's searchd when asked for.
# Run it in this shell (into a file, not a pipe or $(...)) so stop_all knows the searchd.
real_engines() {
  local corpus=$1 engines=$2; shift 2
  local idx=$WORK/idx/$corpus e port
  for e in ${engines//,/ }; do
    case $e in
      tracuu) printf '%s\n' --engine "tracuu=$idx/tracuu-t2" ;;
      xapian) printf '%s\n' --engine "xapian=$idx/xapian" ;;
      sqlite) printf '%s\n' --engine "sqlite=$idx/sqlite.db" ;;
      sphinx)
        have_sphinx && [[ -d $idx/sphinx ]] || continue
        port=$(free_port 19306)
        sphinx_conf "$idx/sphinx" "$port" "$@"  # a free port now; the index files stay
        sphinx_start "$idx/sphinx" >&2 &&
          printf '%s\n' --engine "sphinx=127.0.0.1:$port" --engine "sphinx-bm25=127.0.0.1:$port" ;;
    esac
  done
}

# real_stop CORPUS: stops the Sphinx searchd of CORPUS, if any.
real_stop() { [[ -f $WORK/idx/$1/sphinx/sphinx.conf ]] && sphinx_stop "$WORK/idx/$1/sphinx"; return 0; }

# real_sets OUT ENGINES SETS [bench_relevance judged options...]: runs the sets of the comma
# list SETS (vn-legal, known, mixed) with ENGINES; writes OUT/SET.md (and the per-query
# dumps OUT/SET-dump.tsv) and prints the markdown.
real_sets() {
  local out=$1 engines=$2 sets=$3; shift 3
  local vn=$DATASETS/vn-legal/docs.jsonl.gz samples=("$ROOT"/data/samples/*.txt) args=() s
  mkdir -p "$out"
  if [[ ,$sets, == *,vn-legal,* || ,$sets, == *,known,* ]]; then
    real_index vn-legal+samples "$engines" "$vn" "${samples[@]}"
    real_engines vn-legal+samples "$engines" "$vn" "${samples[@]}" >"$WORK/engines.txt"
    mapfile -t args <"$WORK/engines.txt"
  fi
  if [[ ,$sets, == *,vn-legal,* ]]; then
    say "relevance on real documents: $(grep -c '"qid"' "$REAL_SET") judged queries × 2 forms × ${engines//,/ }"
    "$BENCH_BIN/bench_relevance" judged --set "$REAL_SET" "${args[@]}" --title "vn-legal + samples, judged queries" \
      --dump "$out/vn-legal-dump.tsv" "$@" | tee "$out/vn-legal.md"
  fi
  if [[ ,$sets, == *,known,* ]]; then
    local known=$WORK/known
    mkdir -p "$known"
    if stale "$known/known-numbers.jsonl" "$BENCH_BIN/bench_relevance" "$vn"; then
      "$BENCH_BIN/bench_relevance" known-items --vn-legal "$vn" --out "$known" || die "known-items failed"
    fi
    say "known items: every number in each spelling, every title without marks"
    { "$BENCH_BIN/bench_relevance" judged --set "$known/known-numbers.jsonl" "${args[@]}" --forms written \
        --category-metric s1 --title "known items: a document's number (goal: first, S@1 ≥ 0.98)" \
        --dump "$out/known-numbers-dump.tsv" "$@"
      "$BENCH_BIN/bench_relevance" judged --set "$known/known-shared-numbers.jsonl" "${args[@]}" --forms written \
        --category-metric s1 \
        --title "known items: type + number + year naming several issuers' documents (any of them first, all in R@10)" \
        --dump "$out/known-shared-numbers-dump.tsv" "$@"
      "$BENCH_BIN/bench_relevance" judged --set "$known/known-titles.jsonl" "${args[@]}" --forms written \
        --title "known items: a document's title without marks (goal: top 3, S@3 ≥ 0.95)" \
        --dump "$out/known-titles-dump.tsv" "$@"; } | tee "$out/known.md"
  fi
  real_stop vn-legal+samples
  if [[ ,$sets, == *,mixed,* ]]; then real_mixed "$out" "$engines" "$@"; fi
}

# real_mixed OUT ENGINES [options...]: ALQAC 2024's questions over its articles alone and
# with vn-legal's pages added (a page holding a judged article verbatim counts as relevant).
real_mixed() {
  local out=$1 engines=$2; shift 2
  local data=$DATASETS/alqac2024 dir=$WORK/mixed vn=$DATASETS/vn-legal/docs.jsonl.gz args=()
  [[ -f $data/corpus.jsonl.gz ]] || { say "ALQAC 2024 not found in $data: no mixed-corpus test"; return 0; }
  mkdir -p "$dir"
  if stale "$dir/mixed-set.jsonl" "$BENCH_BIN/bench_relevance" "$data/corpus.jsonl.gz" "$data/queries.jsonl" "$vn"; then
    "$BENCH_BIN/bench_relevance" prepare-mixed --corpus "$data/corpus.jsonl.gz" --queries "$data/queries.jsonl" \
      --vn-legal "$vn" --out "$dir" 2>&1 | tee "$dir/prepare.log" >&2 || die "prepare-mixed failed"
  fi
  real_index alqac "$engines" "$dir/alqac.jsonl"
  real_index alqac+vn-legal "$engines" "$dir/alqac.jsonl" "$vn"
  say "mixed corpus: 518 ALQAC questions, alone and with vn-legal added"
  real_engines alqac "$engines" "$dir/alqac.jsonl" >"$WORK/engines.txt"
  mapfile -t args <"$WORK/engines.txt"
  "$BENCH_BIN/bench_relevance" judged --set "$dir/alqac-set.jsonl" "${args[@]}" --mode words --forms written \
    --title "ALQAC 2024 alone" --dump "$out/mixed-alone-dump.tsv" "$@" >"$out/mixed-alone.md"
  real_stop alqac
  real_engines alqac+vn-legal "$engines" "$dir/alqac.jsonl" "$vn" >"$WORK/engines.txt"
  mapfile -t args <"$WORK/engines.txt"
  "$BENCH_BIN/bench_relevance" judged --set "$dir/mixed-set.jsonl" "${args[@]}" --mode words --forms written \
    --title "ALQAC 2024 with vn-legal's 563 pages added" --dump "$out/mixed-dump.tsv" "$@" >"$out/mixed-added.md"
  real_stop alqac+vn-legal
  real_mixed_summary "$out" "$dir" | tee "$out/mixed.md"
}


# real_mixed_summary OUT DIR: one table of MRR@10 alone and with vn-legal added per engine,
# from OUT/mixed-alone.md and OUT/mixed-added.md (DIR/prepare.log gives the verbatim count).
real_mixed_summary() {
  local out=$1 dir=$2
  { echo "#### ALQAC 2024 alone and with vn-legal added: 518 questions, OR of their words"
    echo
    echo "$(tail -1 "$dir/prepare.log" | sed 's/^bench_relevance: //; s/ -> .*/./')"
    echo
    echo "| engine | MRR@10 alone | MRR@10 with vn-legal | kept | nDCG@10 alone | nDCG@10 with vn-legal |"
    echo "|---|---|---|---|---|---|"
    awk -F'|' 'FNR == 1 { file++ } /by category/ { done[file] = 1 }
      !done[file] && $3 ~ /^ [0-9]/ { e = $2; gsub(/ /, "", e); if (!(e in seen)) { seen[e] = 1; order[++n] = e }
        mrr[file, e] = $3 + 0; ndcg[file, e] = $4 + 0 }
      END { for (i = 1; i <= n; i++) { e = order[i]; a = mrr[1, e]; m = mrr[2, e]
        printf "| %s | %.3f | %.3f | %s | %.3f | %.3f |\n", e, a, m, (a > 0 ? sprintf("%.0f %%", 100 * m / a) : "n/a"), ndcg[1, e], ndcg[2, e] } }' \
      "$out/mixed-alone.md" "$out/mixed-added.md"
    echo
    echo "MRR@10 by category with vn-legal added (in-vn-legal: a judged article is also in some page):"
    echo
    sed -n '/by category/,$p' "$out/mixed-added.md" | tail -n +3
  }
}
