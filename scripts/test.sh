#!/usr/bin/env bash
# Installs what tracuu needs (Debian 12, as root), builds with warnings as
# errors, and runs every test (unit, integration, crash, browser, package, fuzz
# replays, OpenAPI lint) with ctest; then builds the tests seen green under the sanitizers again
# with AddressSanitizer (leaks included) and UndefinedBehaviorSanitizer (build-asan/) and
# runs them there (BENCHMARKS.md, "CI time with a sanitizer pass").
# TRACUU_SANITIZE=0 skips the second pass (a quick local run; CI runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --package
scripts/check-format.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRACUU_WERROR=ON >/dev/null
cmake --build build
ctest --test-dir build --output-on-failure --timeout 600 -j2
[[ ${TRACUU_SANITIZE:-1} == 0 ]] && exit 0

# Sanitizers, in build-asan/: only what was seen green under ASan + UBSan on the code this runs (a pass never
# seen green must not gate CI): the tests of text/ and schema/ (unit:*), the search library (searchd:*), the
# indexer pipeline (indexer:*), the readers and extraction (ingest:*) and seven corpus replays, 117 tests green with
# no report on main 62e54e9. Not sanitized yet (their instrumented build had not been seen through): the HTTP
# server's tests (server:*, http:*, cli:*, fuzz-replay:http) and crash:*; browser and package (notes/asan.md).
sanitized_targets=(unit_tests searchd_tests indexer_tests ingest_tests
  fuzz_text fuzz_docnum fuzz_query fuzz_extract fuzz_jsonl fuzz_docx fuzz_pdf)
sanitized_tests='^(unit|searchd|indexer|ingest):|^fuzz-replay:(text|docnum|query|extract|jsonl|docx|pdf)$'
# -O1 -g1 (line tables for the reports) compile faster than -O2 -g. An invalid access, a leak or undefined
# behaviour ends the process that meets it (-fno-sanitize-recover in CMakeLists.txt, halt_on_error). Reports go
# to files as well (log_path), so one from a child process whose exit status a test does not read fails too.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" \
  -DTRACUU_WERROR=ON -DTRACUU_SANITIZE=ON -DTRACUU_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan --target "${sanitized_targets[@]}"
reports=$PWD/build-asan/sanitizer-reports
rm -rf "$reports" && mkdir -p "$reports"
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:log_path=$reports/asan
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$reports/ubsan
status=0
ctest --test-dir build-asan --output-on-failure --timeout 900 -j2 -R "$sanitized_tests" || status=1
if compgen -G "$reports/*" >/dev/null; then
  echo "test.sh: sanitizer reports (build-asan/sanitizer-reports):" >&2
  cat "$reports"/* >&2
  status=1
fi
exit $status
