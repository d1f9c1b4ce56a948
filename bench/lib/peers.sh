# Starting and stopping the servers of bench/run: a private PostgreSQL cluster,
# Sphinx (indexer + searchd) and tracuu's searchd. Sourced, not run.
# Every server binds 127.0.0.1 and lives under $WORK; stop_all runs on exit.

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
SPHINX_INDEXER=${SPHINX_INDEXER:-/usr/bin/indexer}
SPHINX_SEARCHD=${SPHINX_SEARCHD:-/usr/bin/searchd}
PG_PORT=""
PG_DIR=""
SPHINX_CONFS=()
TRACUU_PID=""

# as_pg CMD...: PostgreSQL refuses to run as root, so root runs it as `postgres`.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_conninfo() { echo "host=127.0.0.1 port=$PG_PORT user=bench dbname=$1"; }

pg_start() {
  [[ -n $PG_PORT ]] && return 0
  [[ -x $PG_BIN/initdb ]] || { say "PostgreSQL not found (scripts/install-deps.sh --bench): skipping it"; return 1; }
  if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then say "no 'postgres' user to run PostgreSQL as: skipping it"; return 1; fi
  PG_DIR=$WORK/pg
  if [[ ! -f $PG_DIR/data/PG_VERSION ]]; then  # a cluster of earlier runs is reused: the query step needs its tables
    rm -rf "$PG_DIR" && mkdir -p "$PG_DIR"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$PG_DIR"; fi
    as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U bench --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$WORK/pg-initdb.log" 2>&1 ||
      { say "initdb failed, see $WORK/pg-initdb.log"; return 1; }
    as_pg tee -a "$PG_DIR/data/postgresql.conf" <"$ROOT/bench/peers/postgresql.conf" >/dev/null
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true  # left running by an interrupted run
  PG_PORT=$(free_port 55432)
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -o "-p $PG_PORT -k $PG_DIR" -w start >/dev/null ||
    { say "PostgreSQL did not start, see $PG_DIR/server.log"; PG_PORT=""; return 1; }
  say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

# pg_create_db NAME: a fresh, empty database.
pg_create_db() {
  "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U bench -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
}

pg_stop() {
  [[ -n $PG_PORT ]] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  PG_PORT=""
}

have_sphinx() { [[ -x $SPHINX_INDEXER && -x $SPHINX_SEARCHD ]]; }

# sphinx_conf DIR PORT INPUT...: writes DIR/sphinx.conf from the template.
sphinx_conf() {
  local dir=$1 port=$2; shift 2
  mkdir -p "$dir"
  local cmd="$BENCH_BIN/bench_index --xmlpipe2 $*"
  sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$port|g" -e "s|@XMLPIPE_COMMAND@|$cmd|g" \
    "$ROOT/bench/peers/sphinx.conf.in" >"$dir/sphinx.conf"
}

sphinx_start() {
  local conf=$1/sphinx.conf port
  port=$(sed -n 's/.*listen *= *127.0.0.1:\([0-9]*\):mysql41/\1/p' "$conf")
  sphinx_stop "$1"  # one left running by an interrupted run
  "$SPHINX_SEARCHD" --config "$conf" >"$1/searchd.out" 2>&1 || { say "Sphinx searchd failed, see $1/searchd.out"; return 1; }
  SPHINX_CONFS+=("$conf")
  wait_port "$port" 30 || { say "Sphinx searchd is not listening on $port"; return 1; }
}

sphinx_stop() {
  "$SPHINX_SEARCHD" --config "$1/sphinx.conf" --stopwait >/dev/null 2>&1 || true
}

# tracuu_server_start INDEX PORT THREADS: tracuu's searchd; fails when it is not built yet.
tracuu_server_start() {
  local bin=$BUILD/searchd/server/searchd
  have "$bin" && "$bin" serve --help >/dev/null 2>&1 || { say "tracuu HTTP server not built yet ($bin serve)"; return 1; }
  "$bin" serve --db "$1" --port "$2" --threads "$3" >"$WORK/searchd-$2.log" 2>&1 &
  TRACUU_PID=$!
  wait_port "$2" 60 || { say "tracuu searchd did not start, see $WORK/searchd-$2.log"; tracuu_server_stop; return 1; }
}

tracuu_server_stop() {
  [[ -n $TRACUU_PID ]] || return 0
  kill "$TRACUU_PID" 2>/dev/null || true
  wait "$TRACUU_PID" 2>/dev/null || true
  TRACUU_PID=""
}

stop_all() {
  tracuu_server_stop
  local c
  for c in "${SPHINX_CONFS[@]}"; do "$SPHINX_SEARCHD" --config "$c" --stopwait >/dev/null 2>&1 || true; done
  pg_stop
}
