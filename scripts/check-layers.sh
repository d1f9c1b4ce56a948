#!/usr/bin/env bash
# The layering of docs/STYLE.md §1, checked on every quoted #include of the libraries (ctest: layering).
#   scripts/check-layers.sh [ROOT]     (default: the source tree holding this script)
#   scripts/check-layers.sh --self-test  (a small tree with one back-edge and one loop must fail, its
#                                         clean part must pass)
# Fails, naming file and include, when a directory includes a layer it may not, when an include is
# relative ("../"), and when the includes of text/, schema/ or cli/ form a loop (between parts: the
# header and source of one name count as one part). indexer/ and searchd/ still hold loops between a
# class and its private header or helpers (pipeline <-> run_state, searcher <-> searcher_impl,
# query_builder <-> field_filters, server <-> session, router <-> portal): not checked there yet.
set -euo pipefail

# directory of the including file | the roots it may include. The longest matching directory applies.
rules='
text/|text/
schema/|text/ schema/
cli/|text/ schema/ cli/
indexer/ingest/|text/ schema/ indexer/ingest/
indexer/|text/ schema/ indexer/
searchd/|text/ schema/ searchd/
searchd/server/|text/ schema/ searchd/
'
# Includes forbidden inside an allowed root: the search library knows no HTTP.
denied='
searchd/|searchd/server/
'
# The directories whose parts must form no include loop.
acyclic='text/ schema/ cli/'
# The main() files and their command lines: the only ones that may use cli/ (configuration, logs).
mains='indexer/main.cc indexer/cli.h indexer/cli.cc searchd/server/main.cc searchd/server/cli.h searchd/server/cli.cc'

check() {
  local root=$1 status=0 file inc dir allowed ok r part
  local edges
  edges=$(mktemp)
  while IFS= read -r file; do
    dir=""
    while IFS='|' read -r d a; do
      [[ -n $d && $file == "$d"* && ${#d} -gt ${#dir} ]] && dir=$d && allowed=$a
    done <<<"$rules"
    [[ -z $dir ]] && continue
    [[ " $mains " == *" $file "* ]] && allowed="$allowed cli/"
    while IFS= read -r inc; do
      if [[ $inc == ../* || $inc == */../* ]]; then
        echo "check-layers: $file includes \"$inc\": relative includes walk around the layers" >&2
        status=1
        continue
      fi
      [[ $inc != */* ]] && continue  # a header beside the file (none in the libraries today)
      ok=0
      for r in $allowed; do [[ $inc == "$r"* ]] && ok=1; done
      while IFS='|' read -r d r; do
        [[ -n $d && $file == "$d"* && $dir == "$d" && $inc == "$r"* ]] && ok=0
      done <<<"$denied"
      if ((ok == 0)); then
        echo "check-layers: $file includes \"$inc\": $dir may include only ${allowed// /, } (docs/STYLE.md §1)" >&2
        status=1
      fi
      part=${file%.*}
      [[ ${inc%.*} != "$part" && " $acyclic " == *" ${file%%/*}/ "* ]] && echo "$part ${inc%.*}" >>"$edges"
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$root/$file")
  done < <(cd "$root" && find text schema cli indexer searchd -type f \( -name '*.h' -o -name '*.cc' -o -name '*.cc.in' \) 2>/dev/null | sort)
  if ! tsort "$edges" >/dev/null 2>"$edges.err"; then
    echo "check-layers: includes form a loop (split a part so that one side no longer needs the other):" >&2
    sed -n 's/^tsort: \([a-z].*\/.*\)$/  \1/p' "$edges.err" >&2
    status=1
  fi
  rm -f "$edges" "$edges.err"
  return $status
}

self_test() {
  local t out
  t=$(mktemp -d)
  trap 'rm -rf "$t"' RETURN
  mkdir -p "$t/text" "$t/schema" "$t/searchd/server" "$t/cli" "$t/indexer"
  printf '#include "text/word.h"\n' >"$t/schema/fields.h"
  touch "$t/text/word.h" "$t/searchd/server/router.h" "$t/cli/log.h"
  printf '#include "schema/fields.h"\n#include "text/word.h"\n' >"$t/searchd/search.cc"
  printf '#include "searchd/search.h"\n#include "cli/log.h"\n' >"$t/searchd/server/main.cc"
  printf '#include "cli/log.h"\n' >"$t/indexer/main.cc"
  check "$t" || { echo "check-layers: self-test: a clean tree was refused" >&2; return 1; }
  # One back-edge of each kind, a relative include, and a loop.
  printf '#include "schema/fields.h"\n' >"$t/text/tokenizer.cc"
  printf '#include "searchd/server/router.h"\n' >"$t/searchd/facets.cc"
  printf '#include "cli/log.h"\n' >"$t/indexer/pipeline.cc"
  printf '#include "../schema/fields.h"\n' >"$t/text/word.cc"
  printf '#include "text/b.h"\n' >"$t/text/a.h"
  printf '#include "text/a.h"\n' >"$t/text/b.h"
  if out=$(check "$t" 2>&1); then
    echo "check-layers: self-test: a tree with back-edges passed" >&2
    return 1
  fi
  for want in 'text/tokenizer.cc includes "schema/fields.h"' 'searchd/facets.cc includes "searchd/server/router.h"' \
    'indexer/pipeline.cc includes "cli/log.h"' 'text/word.cc includes "../schema/fields.h"' 'form a loop' \
    '  text/a' '  text/b'; do
    [[ $out == *"$want"* ]] || { printf 'check-layers: self-test: not reported: %s\n%s\n' "$want" "$out" >&2; return 1; }
  done
  echo "check-layers: self-test passed"
}

if [[ ${1:-} == --self-test ]]; then
  self_test
else
  check "${1:-$(cd "$(dirname "$0")/.." && pwd)}" && echo "check-layers: ok"
fi
