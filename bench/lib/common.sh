# Shared helpers of bench/run: messages, prerequisites, timing, machine facts,
# and rewriting one section of BENCHMARKS.md. Sourced, not run.

say() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# need CMD HINT: fail with HINT unless CMD exists (a path or a command name).
need() {
  if [[ "$1" == */* ]]; then [[ -x "$1" ]] || die "missing $1 — $2"
  else command -v "$1" >/dev/null 2>&1 || die "missing $1 — $2"; fi
}

# have CMD: true when CMD (a path or a command name) can run.
have() { if [[ "$1" == */* ]]; then [[ -x "$1" ]]; else command -v "$1" >/dev/null 2>&1; fi; }

# kv KEY LINE: the value of KEY in a "k=v k=v" line.
kv() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p" | head -1; }

# timed OUT CMD...: runs CMD under /usr/bin/time; OUT gets "wall rss_kib cpu_s".
# Wall time and peak RSS (the largest process of the tree) are measured the same
# way for every engine. Returns CMD's status.
timed() {
  local out=$1; shift
  local tf; tf=$(mktemp)
  local rc=0
  /usr/bin/time -f '%e %M %U %S' -o "$tf" "$@" || rc=$?
  awk 'END { printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$tf" >"$out"
  rm -f "$tf"
  return $rc
}

dir_bytes() { du -sb "$@" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'; }

free_port() {
  local p
  for p in $(seq "$1" $(($1 + 200))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  die "no free TCP port near $1"
}

# wait_port PORT SECONDS: wait until something listens on 127.0.0.1:PORT.
wait_port() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

machine_line() {
  local model mem gxx xap sql sph pg
  model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
  mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
  gxx=$(g++ -dumpfullversion 2>/dev/null || echo '?')
  xap=$(xapian-config --version 2>/dev/null | awk '{ print $NF }')
  sql=$(sqlite3 --version 2>/dev/null | awk '{ print $1 }')
  sph=$(/usr/bin/indexer 2>/dev/null | sed -n 's/^Sphinx \([^ ]*\).*/\1/p' | head -1)
  pg=$("$PG_BIN/postgres" --version 2>/dev/null | awk '{ print $3 }')
  echo "$(nproc) × ${model:-?}, ${mem}; g++ ${gxx}, Xapian ${xap:-?}, SQLite ${sql:-?}, Sphinx ${sph:-?}, PostgreSQL ${pg:-?}; $(date -u +%Y-%m-%d)"
}

# write_section HEADING FILE: replaces the section "HEADING" of BENCHMARKS.md (up
# to the next "## " heading) with FILE's content, or appends it. Other sections,
# such as those other engineers own, are left byte for byte.
write_section() {
  local heading=$1 body=$2 md=$ROOT/BENCHMARKS.md
  [[ -f $md ]] || printf '# Benchmarks\n\nEvery figure here comes from a run of the command shown with it.\n' >"$md"
  local tmp; tmp=$(mktemp)
  awk -v h="$heading" -v body="$body" '
    function emit(  n, i, lines) {  # the body without trailing blank lines, then one blank line
      print h; print ""
      while ((getline line < body) > 0) lines[++n] = line
      while (n > 0 && lines[n] == "") n--
      for (i = 1; i <= n; i++) print lines[i]
      print ""; done = 1
    }
    $0 == h { emit(); skip = 1; next }
    skip && /^## / { skip = 0 }
    !skip { print }
    END { if (!done) { print ""; emit() } }' "$md" >"$tmp"
  mv "$tmp" "$md"
}
