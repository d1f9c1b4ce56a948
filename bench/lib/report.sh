# Turning $RESULTS/*.tsv into the markdown tables and plots of BENCHMARKS.md.
# Sourced, not run. Every number printed comes from the run's result files.

# record_meta STEP [DETAIL]: remembers the command, machine and date of a step's
# results, so a later `bench/run --report` labels them with what produced them.
# The load average tells a reader whether other work shared the machine.
record_meta() {
  printf '%s\n%s\n%s\n' "$COMMAND" "$(source_line); $(machine_line); load average $(cut -d' ' -f1 /proc/loadavg) when the step began" \
    "${2:-$1 step}" >"$RESULTS/$1.meta"
}

# source_line: the commit measured, flagged when tracuu's sources differ from it.
source_line() {
  local rev; rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  if ! git -C "$ROOT" diff --quiet HEAD -- text schema indexer searchd 2>/dev/null; then rev="$rev + uncommitted changes"; fi
  echo "commit $rev"
}

# header_note STEP: the line under each section heading: command, machine, date.
header_note() {
  local meta=$RESULTS/$1.meta
  [[ -f $meta ]] || return 1
  printf '_Measured by `%s` (%s) on %s._\n\n' "$(sed -n 1p "$meta")" "$(sed -n 3p "$meta")" "$(sed -n 2p "$meta")"
}

# How each engine is set up (the files are in bench/peers/ and bench/engines/).
engines_note() {
  cat <<'NOTE'
How each engine is set up, each as its documentation recommends for Vietnamese (configs in `bench/peers/`):

- **tracuu**: `indexer build --threads N --db DIR` (fresh build), 1 and 2 threads (the table says which were run); two layers (exact and accent-free) with positions.
- **xapian**: stock Xapian 1.4 `TermGenerator` with no stemmer and no accent folding, BM25, one glass database committed at the end (`bench/engines/xapian_engine.cc`).
- **sqlite**: FTS5 with `tokenize='unicode61 remove_diacritics 2'`, rows inserted in one transaction, then FTS5's `optimize` (`sqlite_*.sql`); bm25 ranking. It leaves `đ` unfolded.
- **sphinx**: Sphinx 2.2.11 `indexer` fed by an xmlpipe2 stream (`bench_index --xmlpipe2`, a second process, so it can use the second core), `searchd` over SphinxQL. Its default `charset_table` knows only English and Russian, so `sphinx.conf.in` lists the 134 Vietnamese letters folded to their ASCII base (đ→d) and makes the combining marks `ignore_chars` (NFD input folds the same), as the manual asks for other languages; `mem_limit` at its 2047M maximum; default ranker (proximity_bm25), and `sphinx-bm25` with `ranker=bm25` in the relevance table.
- **postgres**: PostgreSQL 15 in a private cluster started by the harness (as the `postgres` user when run as root; `postgresql.conf` there: 2 GB shared_buffers, 2 GB maintenance_work_mem, durability on), locale C.UTF-8; a text search configuration copying `simple` with `unaccent` in front for word tokens, a stored generated `tsvector` (title weighted A), `COPY`, then a GIN index; `ts_rank_cd` ordering, and `postgres-ts_rank` with `ts_rank` in the relevance table. Its peak RSS is that of the backend that ran COPY and CREATE INDEX (VmHWM); its CPU is not counted.

NOTE
}

render_indexing() {
  local tsv=$RESULTS/indexing.tsv
  [[ -s $tsv ]] || return 1
  header_note indexing || return 1
  engines_note
  echo "Each engine builds a fresh index of the same input in its own process; seconds and peak RSS are \`/usr/bin/time\` (wall, largest process); MB is title + text (UTF-8) of the input. CPU s = user + system of the process tree."
  echo
  echo "| corpus | engine | threads | docs | input MB | seconds | MB/s | docs/s | index MB | index MB per input MB | peak RSS MB | CPU s | note |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' '{
    mb = $5 / 1e6
    if ($6 == "-") { printf "| %s | %s | %s | %s | %.1f | - | - | - | - | - | - | - | %s |\n", $1, $2, $3, $4, mb, $10; next }
    printf "| %s | %s | %s | %s | %.1f | %.1f | %.2f | %.0f | %.1f | %.2f | %.0f | %s | %s |\n",
      $1, $2, $3, $4, mb, $6, mb / $6, $4 / $6, $7 / 1e6, ($7 / 1e6) / mb, $8 / 1024, $9, $10
  }' "$tsv"
  echo
  echo "Ratios (MB/s): tracuu with 2 threads over stock Xapian (goal ≥ 1.5×), and 2 threads over 1 (goal ≥ 1.8×):"
  echo
  awk -F'\t' '$6 != "-" { r[$1 "/" $2 "/" $3] = $5 / $6; if (!seen[$1]++) order[++n] = $1 }
    END { for (i = 1; i <= n; i++) { c = order[i]; t2 = r[c "/tracuu/2"]; t1 = r[c "/tracuu/1"]; x = r[c "/xapian/1"]
      printf "- %s: %s vs Xapian, %s vs 1 thread\n", c, (t2 && x) ? sprintf("%.2f×", t2 / x) : "n/a", (t2 && t1) ? sprintf("%.2f×", t2 / t1) : "n/a" } }' "$tsv"
}

render_queries() {
  local tsv=$RESULTS/queries.tsv
  [[ -s $tsv ]] || return 1
  header_note queries || return 1
  echo "Closed loop: each client sends its next query when the previous answer arrives. tracuu answers what the portal asks (its default operator, 10 hits, 3 snippets each, facets); the peers answer the AND of the words with the top 10 ids and titles (no snippets, no facets), which is less work. Servers run on loopback with as many server threads/backends as clients."
  echo
  echo "| corpus | engine | interface | clients | QPS | p50 ms | p99 ms | requests | errors | empty results | note |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 }' "$tsv"
  echo
  echo "Best peer server (Sphinx or PostgreSQL) against tracuu's HTTP server, same corpus and clients (goal: QPS ≥ 2×; p99 < 50 ms at 1M):"
  echo
  # A peer server that failed on this corpus voids the ratio: the next one would flatter tracuu.
  awk -F'\t' '{ k = $1 "/" $4
      if (!seen[k]++) order[++n] = k
      if (($2 == "sphinx" || $2 == "postgres") && $5 == "-") { void[k] = void[k] (void[k] ? ", " : "") $2 " failed"; next }
      if ($5 == "-") next
      if ($2 == "tracuu" && $3 ~ /HTTP/) { t[k] = $5; p[k] = $7 }
      if ($2 == "sphinx" || $2 == "postgres") if ($5 > best[k]) { best[k] = $5; who[k] = $2 } }
    END { for (i = 1; i <= n; i++) { k = order[i]
      if (k in void) { printf "- %s clients: tracuu HTTP %s QPS, no ratio: %s\n", k, t[k] ? t[k] : "n/a", void[k]; continue }
      printf "- %s clients: tracuu HTTP %s QPS (p99 %s ms), best peer %s %s QPS → %s\n", k,
        t[k] ? t[k] : "n/a", p[k] ? p[k] : "n/a", who[k] ? who[k] : "n/a", best[k] ? best[k] : "n/a",
        (t[k] && best[k]) ? sprintf("%.2f×", t[k] / best[k]) : "n/a" } }' "$tsv"
  echo
  if grep -q $'\tsqlite-snippet\t' "$tsv"; then
    echo "SQLite FTS5 with \`snippet()\` (a passage of each hit, in process) against tracuu's library (facets and up to three snippets a hit), same corpus and clients (goal: QPS ≥ 2×):"
    echo
    awk -F'\t' '{ k = $1 "/" $4
        if (!seen[k]++) order[++n] = k
        if ($2 == "tracuu" && $3 == "library" && $5 != "-") t[k] = $5
        if ($2 == "sqlite-snippet") f[k] = $5 }
      END { for (i = 1; i <= n; i++) { k = order[i]
        if (!(k in f)) continue
        if (f[k] == "-") { printf "- %s clients: tracuu library %s QPS, no ratio: sqlite-snippet failed\n", k, t[k] ? t[k] : "n/a"; continue }
        printf "- %s clients: tracuu library %s QPS, FTS5 with snippet() %s QPS → %s\n", k, t[k] ? t[k] : "n/a", f[k],
          (t[k] && f[k]) ? sprintf("%.2f×", t[k] / f[k]) : "n/a" } }' "$tsv"
    echo
  fi
  echo "tracuu-nofacets, tracuu-nosnippets and tracuu-bare are tracuu's library without facets, snippets or both (1 client): what each feature costs."
  render_profile
}

# render_profile: the perf profile of tracuu's library, when the query step made one.
render_profile() {
  local f=$RESULTS/profile.txt
  [[ -s $f ]] || return 0
  echo
  echo "Where tracuu's library spends a 1-client run on $(head -1 "$f") (\`perf record --call-graph dwarf\`, functions of tracuu and Xapian above 2 % inclusive):"
  echo
  echo "| inclusive | self | function |"
  echo "|---|---|---|"
  tail -n +2 "$f" | awk -F'\t' '{ printf "| %s | %s | `%s` |\n", $1, $2, $3 }'
}

render_relevance() {
  [[ -s $RESULTS/relevance.md ]] || return 1
  header_note relevance || return 1
  echo "ALQAC 2024: 2,249 law articles, 518 questions (README in ../shared/datasets/alqac2024). Each question is the OR of its words for every engine; tracuu through its library (op=Or, 100 hits, no facets or snippets). \"Unaccented\" removes every mark and maps đ to d, as a user typing without diacritics. Zalo 2021 legal retrieval is not available on this machine, so it is not measured. ALQAC is the only labelled set here: any parameter tuned on it (see \`git log\`) makes that engine's figures optimistic, since they are then not held out."
  echo
  cat "$RESULTS/relevance.md"
  echo
  awk -F'|' 'NR > 2 && $4 ~ /[0-9]/ { e = $2; gsub(/ /, "", e); m[e] = $4 + 0; u[e] = $8 + 0 }
    END { best = 0; for (e in m) if (e != "tracuu" && m[e] > best) { best = m[e]; who = e }
      if ("tracuu" in m) printf "Goals: tracuu MRR@10 %.3f vs best peer %s %.3f (goal ≥ +0.05: %+.3f); unaccented loses %.1f %% of it (goal ≤ 3 %%).\n",
        m["tracuu"], who, best, m["tracuu"] - best, (m["tracuu"] > 0 ? 100 * (1 - u["tracuu"] / m["tracuu"]) : 0) }' "$RESULTS/relevance.md"
}

# render_real: the sets of lib/realdocs.sh, when the relevance step ran them.
render_real() {
  local dir=$RESULTS/real
  [[ -s $dir/vn-legal.md || -s $dir/known.md || -s $dir/mixed.md ]] || return 1
  header_note relevance || return 1
  echo "Real documents: vn-legal (563 pages: laws, decrees, circulars, codified topic pages of up to 3 MB) plus the 5 samples, the same index each engine builds in the indexing step. tracuu gets each query as a user types it (\`SearchRequest\` with the portal's default operator Auto, 100 hits, no facets or snippets); the peers get its words (\`query_words\`), all of them, and any of them when no document has them all. PostgreSQL is left out here (ALQAC above). \`bench/run-relevance\` runs the same sets alone, and its per-query dump shows which queries fail."
  echo
  if [[ -s $dir/vn-legal.md ]]; then
    echo "**Judged queries** (\`bench/data/vn-legal-queries.jsonl\`, judging rule on its first line): typed with marks, and the same with every mark removed (đ→d). Grades 2 (what the query asks for) and 1 (also answers it); nDCG@10 uses gains 3 and 1; MRR@10, R@10 and S@k (a relevant document in the top k) count both grades; copies of one document are all relevant."
    echo
    sed -n '3,$p' "$dir/vn-legal.md"
  fi
  if [[ -s $dir/known.md ]]; then
    echo "**Known items**, generated from vn-legal's metadata (\`bench_relevance known-items\`, not judged by hand): every document with a number (so_hieu) queried by each spelling of its number, and every document whose title is more than its number, queried by its title without marks. The document and its copies (same number, in metadata or as the number its title opens with; same title) count as correct. S@1 by spelling for numbers (goal ≥ 0.98), S@3 for titles (goal ≥ 0.95)."
    echo
    sed 's/^#### /**/; /^\*\*known/s/$/**/' "$dir/known.md"
  fi
  if [[ -s $dir/mixed.md ]]; then
    echo "**ALQAC 2024 with vn-legal added**: the 518 questions (OR of their words, tracuu with op=Or, as in the ALQAC table) over the 2,249 articles alone, then with vn-legal's 563 pages in the same index; a page that holds a judged article verbatim (≥ 80 % of its 8-word shingles) counts as relevant too. Goal: tracuu keeps ≥ 95 % of its MRR@10 and stays ahead of every peer."
    echo
    sed -n '3,$p' "$dir/mixed.md"
  fi
  return 0
}

# plot_data: one file per series, "docs value" rows, for gnuplot.
plot_data() {
  rm -f "$RESULTS"/plot-*.dat
  touch "$RESULTS/indexing.tsv" "$RESULTS/queries.tsv"
  awk -F'\t' '$1 ~ /^gen-/ && $6 != "-" { f = sprintf("%s/plot-index-%s-%st.dat", dir, $2, $3); print $4, $6 >> f }' dir="$RESULTS" "$RESULTS/indexing.tsv" 2>/dev/null
  # p99 and QPS of 1 client, one series per engine and interface (tracuu's HTTP server and library apart).
  # Documents from the indexing step, else from the corpus name (a query step alone: gen-1m is 1000000).
  awk -F'\t' 'FILENAME ~ /indexing.tsv$/ { if ($1 ~ /^gen-/) docs[$1] = $4; next }
    $1 ~ /^gen-[0-9]+[km]$/ && !($1 in docs) { n = substr($1, 5); docs[$1] = (n + 0) * (n ~ /m$/ ? 1000000 : 1000) }
    $1 ~ /^gen-/ && $5 != "-" && $4 == 1 && ($1 in docs) { g = $3; gsub(/[^A-Za-z]/, "", g)
      print docs[$1], $7 >> sprintf("%s/plot-p99-%s-%s.dat", dir, $2, g)
      print docs[$1], $5 >> sprintf("%s/plot-qps-%s-%s.dat", dir, $2, g) }' \
    dir="$RESULTS" "$RESULTS/indexing.tsv" "$RESULTS/queries.tsv" 2>/dev/null
  return 0
}

render_plots() {
  have gnuplot || { say "gnuplot not installed (scripts/install-deps.sh --bench): no plots"; return 1; }
  plot_data
  local out=$ROOT/bench/plots
  [[ $WRITE == 1 ]] || out=$RESULTS/plots  # --no-write leaves the committed PNGs alone
  mkdir -p "$out"
  local kind png label files
  # gnuplot warns about a one-size x range (the quick run): harmless, not shown.
  for kind in "index:index_time:indexing time (s)" "p99:p99_latency:p99 latency, 1 client (ms)" "qps:qps:queries per second, 1 client"; do
    IFS=: read -r kind png label <<<"$kind"
    files=$(ls "$RESULTS"/plot-"$kind"-*.dat 2>/dev/null | tr '\n' ' ')
    [[ -n $files ]] || continue
    gnuplot -e "files='$files'; out='$out/$png.png'; ylabel='$label'" "$ROOT/bench/plots.gp" 2>&1 | { grep -v 'empty x range' || true; } >&2
  done
  header_note indexing || header_note queries || return 1
  echo "Plotted from the indexing and query tables above."
  echo "Generated corpora of this run only ($(cat "$RESULTS/indexing.tsv" "$RESULTS/queries.tsv" 2>/dev/null |
    awk -F'\t' '$1 ~ /^gen-/ && !seen[$1]++ { printf "%s%s", n++ ? ", " : "", $1 }')), log-log axes."
  echo
  [[ -f $out/index_time.png ]] && echo '![indexing time vs corpus size](bench/plots/index_time.png)' && echo
  [[ -f $out/p99_latency.png ]] && echo '![p99 latency vs corpus size](bench/plots/p99_latency.png)' && echo
  [[ -f $out/qps.png ]] && echo '![queries per second vs corpus size](bench/plots/qps.png)'
  return 0
}

# report: prints each table and writes it into its BENCHMARKS.md section.
report() {
  local pair heading fn body
  local sections=()
  step indexing && sections+=("## Indexing:render_indexing")
  step queries && sections+=("## Queries:render_queries")
  step relevance && sections+=("## Relevance:render_relevance" "## Relevance on real documents:render_real")
  { step indexing || step queries; } && sections+=("## Plots:render_plots")
  # Only what this run measured (or, with --report, what the last run of this mode did),
  # each labelled with the command that measured it.
  for pair in "${sections[@]}"; do
    heading=${pair%%:*} fn=${pair#*:} body=$WORK/section.md
    if "$fn" >"$body"; then
      printf '\n%s\n\n' "$heading"
      cat "$body"
      [[ $WRITE == 1 ]] && write_section "$heading" "$body"
    fi
  done
  [[ $WRITE == 1 ]] && say "wrote the sections above into $ROOT/BENCHMARKS.md"
  return 0
}

# peer_failures: the peer steps of this run that failed ("sphinx queries on gen-10k/1, ..."),
# empty when none did. tracuu's own failures are reported in the tables too.
peer_failures() {
  {
    [[ -s $RESULTS/indexing.tsv ]] && awk -F'\t' '$2 != "tracuu" && $2 !~ /^tracuu/ && $NF ~ /^failed/ { print $2 " indexing " $1 }' "$RESULTS/indexing.tsv"
    [[ -s $RESULTS/queries.tsv ]] && awk -F'\t' '$2 !~ /^tracuu/ && $5 == "-" && $11 ~ /^failed/ { print $2 " queries on " $1 "/" $4 }' "$RESULTS/queries.tsv"
  } | paste -sd, - | sed 's/,/, /g'
}
