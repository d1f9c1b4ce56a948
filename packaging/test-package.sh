#!/usr/bin/env bash
# The package test (ctest -L package): builds the .deb from the existing build directory, checks it
# with lintian, unpacks it with dpkg -x into a temporary tree, indexes data/samples with the
# unpacked tracuu-indexer, serves that index with the unpacked tracuu-searchd and its portal (both
# with the packaged configuration files), checks /health, one search, one page, the JSON log and a
# reload; installs and purges it with dpkg in a throwaway mount namespace (packaging/test-install.sh);
# then verifies the systemd units.
#   packaging/test-package.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(realpath "$1")
source_dir=$(realpath "$2")

for tool in cpack dpkg-deb dpkg-shlibdeps lintian help2man systemd-analyze curl; do
  if ! command -v "$tool" >/dev/null; then
    echo "test-package: $tool is missing: run scripts/install-deps.sh --package, then cmake again" >&2
    exit 77  # ctest: skipped
  fi
done

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "test-package: $*" >&2
  exit 1
}

# --- build: the package from what is already built (no compilation here) ---
(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log") || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb=$(ls "$work"/out/tracuu_*_amd64.deb)
echo "test-package: built $(basename "$deb")"

# --- control data: computed Depends, conffiles, maintainer scripts ---
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libxapian30 libicu72 libc6 adduser; do
  [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done
dpkg-deb -e "$deb" "$work/control"
for f in /etc/tracuu/searchd.conf /etc/tracuu/indexer.conf /etc/logrotate.d/tracuu; do
  grep -qx "$f" "$work/control/conffiles" || fail "$f is not a conffile"
done

# --- lintian: no error, no warning (infos are listed in README) ---
lintian --fail-on error,warning "$deb" || fail "lintian found errors or warnings"

# --- contents ---
root="$work/root"
dpkg -x "$deb" "$root"
for f in usr/bin/tracuu-indexer usr/bin/tracuu-searchd usr/share/man/man1/tracuu-indexer.1.gz \
  usr/share/man/man1/tracuu-searchd.1.gz usr/share/tracuu/web/templates/layout.mustache \
  usr/share/tracuu/web/static/app.css lib/systemd/system/tracuu-searchd.service \
  lib/systemd/system/tracuu-index.service lib/systemd/system/tracuu-index.timer \
  lib/systemd/system/tracuu-replicate.service lib/systemd/system/tracuu-replicate-server.service \
  usr/share/doc/tracuu/copyright usr/share/doc/tracuu/changelog.gz; do
  [[ -e "$root/$f" ]] || fail "the package lacks /$f"
done
# Each man page documents the subcommands, not only the top-level help.
[[ $(zcat "$root/usr/share/man/man1/tracuu-indexer.1.gz") == *'tracuu-indexer rebuild'* ]] || fail "man page lacks rebuild"
[[ $(zcat "$root/usr/share/man/man1/tracuu-searchd.1.gz") == *'tracuu-searchd serve'* ]] || fail "man page lacks serve"

# --- the unpacked programs with the packaged configuration: index the samples, serve them ---
# The paths of the files (/var/lib/tracuu/index, /usr/share/tracuu/web) are overridden: on the command
# line for the indexer, in the environment for searchd (which both override the file).
"$root/usr/bin/tracuu-indexer" build --config "$root/etc/tracuu/indexer.conf" --db "$work/index" --threads 1 \
  "$source_dir/data/samples" >"$work/indexer.out" 2>"$work/indexer.log" ||
  fail "tracuu-indexer build failed: $(cat "$work/indexer.out" "$work/indexer.log")"
grep -q '"event":"indexed","indexed":5,' "$work/indexer.log" || fail "no JSON log line of the build: $(cat "$work/indexer.log")"
TRACUU_DB="$work/index" TRACUU_WEB="$root/usr/share/tracuu/web" TRACUU_PORT=0 TRACUU_THREADS=1 \
  "$root/usr/bin/tracuu-searchd" serve --config "$root/etc/tracuu/searchd.conf" --log-file "$work/searchd.log" \
  >"$work/stdout" 2>"$work/stderr" &
server_pid=$!
url=""
for _ in $(seq 100); do
  url=$(sed -n 's|^searchd: listening on \(http://[^ ]*\)$|\1|p' "$work/stdout")
  [[ -n $url ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/stderr" "$work/searchd.log" >&2; fail "tracuu-searchd exited"; }
  sleep 0.1
done
[[ -n $url ]] || fail "tracuu-searchd did not print its address"
health=$(curl -fsS "${url}health") || fail "/health failed"
[[ $health == *'"documents":5'* ]] || fail "/health does not count the 5 samples: $health"
search=$(curl -fsS "${url}api/v1/search?q=dong+chi+Huu+Lung") || fail "search failed"
[[ $search == *'"total":'[1-9]* ]] || fail "no hit for 'dong chi Huu Lung': ${search:0:300}"
[[ $(curl -fsS "${url}?q=UBND") == *'<html'* ]] || fail "the portal did not answer from /usr/share/tracuu/web"
kill -HUP "$server_pid"  # systemctl reload
for _ in $(seq 50); do
  grep -q '"event":"reload"' "$work/searchd.log" && break
  sleep 0.1
done
grep -q '"msg":{"event":"reload","what":"index","ok":true}' "$work/searchd.log" || fail "no reload on SIGHUP"
grep -q '"msg":{"method":"GET","path":"/api/v1/search"' "$work/searchd.log" || fail "no JSON request log line"
kill "$server_pid"
wait "$server_pid" || fail "tracuu-searchd did not stop cleanly"
server_pid=""
# A mistyped key stops the program with a message naming it.
printf 'db = %s\nprot = 8080\n' "$work/index" >"$work/bad.conf"
if "$root/usr/bin/tracuu-searchd" serve --config "$work/bad.conf" 2>"$work/bad.err"; then
  fail "tracuu-searchd accepted an unknown key"
fi
grep -q "unknown key 'prot'" "$work/bad.err" || fail "the error does not name the key: $(cat "$work/bad.err")"
echo "test-package: the unpacked programs indexed and served the samples with the packaged configuration"

# --- dpkg -i, the service's commands, dpkg --purge: for real, in a throwaway mount namespace ---
if [[ $(id -u) -eq 0 ]] && unshare -m --propagation private true 2>/dev/null; then
  unshare -m --propagation private bash "$source_dir/packaging/test-install.sh" "$deb" "$source_dir" "$work/install" ||
    fail "installing the package failed (packaging/test-install.sh)"
else
  echo "test-package: NOT CHECKED: dpkg -i and --purge need root and a mount namespace (unshare -m)" >&2
fi

# --- systemd units: verified against the unpacked binaries, sandbox score kept ---
units="$work/units"
mkdir -p "$units"
all_units="tracuu-searchd.service tracuu-index.service tracuu-index.timer tracuu-replicate.service
  tracuu-replicate-server.service"
for unit in $all_units; do
  # The package's own programs from the unpacked tree; xapian-replicate-server from xapian-tools (Recommends).
  sed "s|/usr/bin/tracuu-|$root/usr/bin/tracuu-|g" "$root/lib/systemd/system/$unit" >"$units/$unit"
done
unit_files=()
for unit in $all_units; do unit_files+=("$units/$unit"); done
systemd-analyze verify --man=no "${unit_files[@]}" || fail "systemd-analyze verify failed"
# The exposure README records (1.1 for searchd, 0.2 for the indexer): fail when a change weakens the sandbox.
systemd-analyze security --offline=true --threshold=11 "$units"/tracuu-searchd.service >/dev/null ||
  fail "tracuu-searchd.service is less sandboxed than README says (systemd-analyze security)"
systemd-analyze security --offline=true --threshold=2 "$units"/tracuu-index.service >/dev/null ||
  fail "tracuu-index.service is less sandboxed than README says (systemd-analyze security)"
for unit in tracuu-replicate.service tracuu-replicate-server.service; do
  systemd-analyze security --offline=true --threshold=11 "$units/$unit" >/dev/null ||
    fail "$unit is less sandboxed than tracuu-searchd.service (systemd-analyze security)"
done
grep -q '^Recommends: .*xapian-tools' "$work/control/control" || fail "the package does not recommend xapian-tools"
echo "test-package: ok"
