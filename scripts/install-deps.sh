#!/usr/bin/env bash
# Installs every Debian 12 package tracuu needs to build, test and run.
# Idempotent: when everything is present it does nothing (no apt-get update).
#   scripts/install-deps.sh           build + test + run (includes Chromium/Node for browser tests)
#   scripts/install-deps.sh --bench   also the benchmark peers (Sphinx, PostgreSQL, wrk, gnuplot, ...) and python3 (bench/soak)
#   scripts/install-deps.sh --package also what building and checking the .deb needs (help2man, lintian)
#   scripts/install-deps.sh --fuzz    also clang and libFuzzer (fuzz/run)
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build git ca-certificates clang-format
  libxapian-dev xapian-tools libicu-dev
  libboost1.81-dev libboost-url1.81-dev
  nlohmann-json3-dev catch2 libcli11-dev libfmt-dev libspdlog-dev
  libpoppler-cpp-dev libzip-dev libpugixml-dev zlib1g-dev libzstd-dev
  libsqlite3-dev libkainjow-mustache-dev libsodium-dev
  chromium curl procps
)
if [[ "${1:-}" == "--package" ]]; then
  # dpkg-dev brings dpkg-shlibdeps (computed Depends); systemd brings systemd-analyze for the unit checks.
  packages+=(dpkg-dev help2man lintian systemd)
fi
if [[ "${1:-}" == "--bench" ]]; then
  # libpq-dev and libmariadb-dev: bench/ talks to PostgreSQL (libpq) and to Sphinx's SphinxQL (MySQL protocol).
  packages+=(sqlite3 sphinxsearch postgresql postgresql-contrib wrk gnuplot-nox hyperfine time libpq-dev libmariadb-dev)
  command -v python3 >/dev/null 2>&1 || packages+=(python3)
fi
if [[ "${1:-}" == "--fuzz" ]]; then
  packages+=(clang libclang-rt-14-dev)
fi
# Node is needed for the browser tests; keep whatever node the machine already has.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
