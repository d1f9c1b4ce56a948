#!/usr/bin/env bash
# Installs the .deb for real with dpkg -i, runs the packaged service as it is configured, then purges
# it: all inside a private mount namespace where /etc, /usr and /var are overlays whose changes land
# in WORK and vanish with it. The host's files, users and dpkg database are left untouched.
#   unshare -m --propagation private packaging/test-install.sh DEB SOURCE_DIR WORK   (as root)
set -euo pipefail
deb=$1
source_dir=$2
work=$3

for dir in etc usr var; do
  mkdir -p "$work/overlay/$dir/upper" "$work/overlay/$dir/work"
  mount -t overlay overlay -o "lowerdir=/$dir,upperdir=$work/overlay/$dir/upper,workdir=$work/overlay/$dir/work" "/$dir"
done
fail() {
  echo "test-install: $*" >&2
  exit 1
}
rm -f /var/lib/man-db/auto-update  # no man-db trigger: it rebuilds the whole manual database (overlay only)

# --- install: postinst creates the user, the directories, an empty index, and enables the units ---
dpkg -i "$deb" >"$work/dpkg-i.log" 2>&1 || { cat "$work/dpkg-i.log" >&2; fail "dpkg -i failed"; }
getent passwd tracuu >/dev/null || fail "postinst did not create the tracuu user"
for dir in /var/lib/tracuu /var/lib/tracuu/inbox /var/log/tracuu /var/lib/tracuu/index; do
  [[ $(stat -c %U:%G "$dir") == tracuu:tracuu ]] || fail "$dir is not owned by tracuu"
done
[[ $(stat -c %a /var/lib/tracuu) == 750 ]] || fail "/var/lib/tracuu is not 0750"
[[ -L /var/lib/tracuu/index/current ]] || fail "postinst did not create the empty index"
[[ -L /etc/systemd/system/multi-user.target.wants/tracuu-searchd.service ]] || fail "tracuu-searchd.service not enabled"
[[ -L /etc/systemd/system/timers.target.wants/tracuu-index.timer ]] || fail "tracuu-index.timer not enabled"
[[ $(dpkg-query -W -f='${Conffiles}' tracuu) == *' /etc/tracuu/searchd.conf '* ]] || fail "searchd.conf is no conffile"

# --- run the service's commands as the units do: the tracuu user, the packaged configuration ---
# Only the port differs (the environment overrides the file), so as not to collide with another server.
TRACUU_PORT=0 runuser -u tracuu -- /usr/bin/tracuu-searchd serve >"$work/installed.out" 2>"$work/installed.log" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 100); do
  url=$(sed -n 's|^searchd: listening on \(http://[^ ]*\)$|\1|p' "$work/installed.out")
  [[ -n $url ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/installed.log" >&2; fail "the installed tracuu-searchd exited"; }
  sleep 0.1
done
[[ -n $url ]] || fail "the installed tracuu-searchd did not print its address"
[[ $(curl -fsS "${url}health") == *'"documents":0'* ]] || fail "the fresh index is not empty"
# A document dropped into the inbox, then what tracuu-index.service runs; searchd sees the commit.
cp "$source_dir"/data/samples/*.txt /var/lib/tracuu/inbox/
runuser -u tracuu -- /usr/bin/tracuu-indexer build >"$work/index.out" 2>"$work/index.log" ||
  fail "tracuu-indexer build (tracuu-index.service) failed: $(cat "$work/index.out" "$work/index.log")"
[[ $(curl -fsS "${url}health") == *'"documents":5'* ]] || fail "the inbox was not indexed: $(curl -sS "${url}health")"
[[ $(curl -fsS "${url}api/v1/search?q=dong+chi+Huu+Lung") == *'"total":'[1-9]* ]] || fail "no hit after indexing"
[[ $(curl -fsS "${url}?q=UBND") == *'<html'* ]] || fail "the portal of /usr/share/tracuu/web did not answer"
kill "$server_pid"
wait "$server_pid" || true

# --- upgrade over an index an older version made: postinst rebuilds it from the inputs it records ---
live=$(readlink -f /var/lib/tracuu/index/current)
schema=$(runuser -u tracuu -- /usr/bin/tracuu-indexer stats | sed -n 's/^ *"schema_version": "\([0-9]*\)",$/\1/p')
[[ -n $schema ]] || fail "tracuu-indexer stats printed no schema_version"
runuser -u tracuu -- xapian-metadata set "$live/public" tracuu.schema_version $((schema - 1))
runuser -u tracuu -- /usr/bin/tracuu-indexer stats | grep -q '"needs_rebuild": true' ||
  fail "an index stamped with schema $((schema - 1)) does not say it needs a rebuild"
dpkg -i "$deb" >"$work/dpkg-upgrade.log" 2>&1 || { cat "$work/dpkg-upgrade.log" >&2; fail "dpkg -i over the old index failed"; }
stats=$(runuser -u tracuu -- /usr/bin/tracuu-indexer stats)
[[ $stats == *'"needs_rebuild": false'* && $stats == *"\"schema_version\": \"$schema\""* ]] ||
  fail "postinst did not rebuild the old index: $stats $(cat "$work/dpkg-upgrade.log")"
[[ $stats == *'"documents": 5'* ]] || fail "the rebuilt index lost documents: $stats"
[[ $(readlink -f /var/lib/tracuu/index/current) != "$live" ]] || fail "no new generation was swapped in"

# --- purge: the index, the logs, the configuration and the units go; documents in the inbox stay ---
dpkg --purge tracuu >"$work/dpkg-purge.log" 2>&1 || { cat "$work/dpkg-purge.log" >&2; fail "dpkg --purge failed"; }
[[ ! -e /var/lib/tracuu/index ]] || fail "purge left the index"
[[ ! -e /var/log/tracuu ]] || fail "purge left /var/log/tracuu"
[[ ! -e /etc/tracuu ]] || fail "purge left /etc/tracuu"
[[ ! -e /etc/systemd/system/multi-user.target.wants/tracuu-searchd.service ]] || fail "purge left the unit enabled"
[[ -e /var/lib/tracuu/inbox/000_4273f595e8f93ec2.txt ]] || fail "purge deleted the administrator's documents"
# Installing again over the kept user and inbox works.
dpkg -i "$deb" >"$work/dpkg-i2.log" 2>&1 || { cat "$work/dpkg-i2.log" >&2; fail "dpkg -i after purge failed"; }
echo "test-install: dpkg -i, the service's commands as the tracuu user, an upgrade over an old index, dpkg --purge and reinstall: ok"
