#!/usr/bin/env bash
# Installs what tracuu needs (Debian 12, as root), builds with warnings as
# errors, and runs every test (unit, integration, crash, browser, package, fuzz
# replays, OpenAPI lint) with ctest; then builds the unit tests of text/, schema/ and
# the search library and the fuzz replays again with AddressSanitizer and
# UndefinedBehaviorSanitizer (build-asan/) and runs them there (BENCHMARKS.md, "CI time").
# TRACUU_SANITIZE=0 skips the second pass (a quick local run; CI runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --package
scripts/check-format.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRACUU_WERROR=ON >/dev/null
cmake --build build
ctest --test-dir build --output-on-failure --timeout 600 -j2
[[ ${TRACUU_SANITIZE:-1} == 0 ]] && exit 0

# Sanitizers: the code every input reaches (analysis, document numbers, the schema, the search library)
# and every fuzz corpus. The whole suite under ASan did not fit CI's time on 2 shared cores (BENCHMARKS.md).
# A leak, an invalid access or undefined behaviour fails the test (-fno-sanitize-recover in CMakeLists.txt).
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRACUU_WERROR=ON -DTRACUU_SANITIZE=ON \
  -DTRACUU_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan --target unit_tests searchd_tests \
  fuzz_text fuzz_docnum fuzz_query fuzz_extract fuzz_jsonl fuzz_docx fuzz_pdf fuzz_http
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
ctest --test-dir build-asan --output-on-failure --timeout 900 -j2 -R '^(unit|searchd|fuzz-replay):'
