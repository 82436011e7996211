#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for the test suite.
#
#   scripts/pg-test-cluster.sh start    initialise (first time) and start; idempotent
#   scripts/pg-test-cluster.sh stop     stop it (the data stays; rm -rf the folder to reset)
#   scripts/pg-test-cluster.sh status   exit 0 if it is running
#   scripts/pg-test-cluster.sh url      print the connection URL and nothing else
#
# Port: 54329, or $PGTEST_PORT. Data: <repo>/.pg/<port>/ (git-ignored), or
# /tmp/caravanserai-pg-<port>/ when the server's user cannot reach the repo or the
# path is too long for a unix socket (the script says so on stderr).
#
# It is for tests only: trust authentication, no fsync. It listens on 127.0.0.1
# alone, and its unix socket sits inside the data folder (mode 0700), so nothing
# outside this machine can reach it.
#
# All chatter goes to stderr so that `url` (and `start`) keep stdout clean.
set -euo pipefail

PORT="${PGTEST_PORT:-54329}"
ROLE="caravanserai"            # created by initdb as the bootstrap superuser
DB="caravanserai_test"
URL="postgres://${ROLE}@127.0.0.1:${PORT}/${DB}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DATA="$REPO_ROOT/.pg/$PORT"
TMP_DATA="/tmp/caravanserai-pg-$PORT"
FALLBACK_USER="caravanserai-pg"

log() { echo "pg-test-cluster: $*" >&2; }
die() { log "error: $*"; exit 1; }

if ! [[ "$PORT" =~ ^[1-9][0-9]{0,4}$ ]] || (( PORT > 65535 )); then
  die "PGTEST_PORT must be a port number, not '$PORT'"
fi

is_root() { [[ $(id -u) -eq 0 ]]; }

# --- server binaries ---------------------------------------------------------

# Debian keeps each major version in /usr/lib/postgresql/<major>/bin; take the
# highest. Elsewhere, fall back to whatever initdb is on PATH (resolving symlinks,
# so that psql and postgres are looked up beside the real binary).
find_bindir() {
  local dir best
  best="$(for dir in /usr/lib/postgresql/*/bin; do
            if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; fi
          done | sort -V | tail -n 1)"
  if [[ -z "$best" ]] && command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    best="$(dirname "$(readlink -f "$(command -v initdb)")")"
  fi
  echo "$best"
}

# Only `start` installs: stop/status/url must never touch the system.
ensure_server_installed() {
  BINDIR="$(find_bindir)"
  [[ -n "$BINDIR" ]] && return 0
  if is_root && command -v apt-get >/dev/null; then
    log "no PostgreSQL server found; installing Debian's 'postgresql' package"
    # apt's progress goes to stderr: stdout is reserved for machine-readable output.
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends postgresql >&2
    BINDIR="$(find_bindir)"
    [[ -n "$BINDIR" ]] || die "installed 'postgresql' but found no initdb/pg_ctl under /usr/lib/postgresql/*/bin"
  else
    die "no PostgreSQL server found (looked for /usr/lib/postgresql/*/bin/initdb and initdb on PATH).
  Install one, e.g. 'sudo apt-get install postgresql' on Debian/Ubuntu, or run this script as root to have it installed."
  fi
}

# --- who runs the server -----------------------------------------------------

# PostgreSQL refuses to run as root. As root we run it as 'postgres' (Debian's
# package creates that user) or, failing that, a system user of our own.
# As anyone else, the server simply runs as the current user.
find_pg_user() {
  if ! is_root; then id -un; return; fi
  if id -u postgres >/dev/null 2>&1; then echo postgres; return; fi
  if id -u "$FALLBACK_USER" >/dev/null 2>&1; then echo "$FALLBACK_USER"; return; fi
  echo ""
}

ensure_pg_user() {
  PGUSER_OS="$(find_pg_user)"
  [[ -n "$PGUSER_OS" ]] && return 0
  log "creating system user '$FALLBACK_USER' to run the test server (PostgreSQL will not run as root)"
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
          --shell /usr/sbin/nologin "$FALLBACK_USER"
  PGUSER_OS="$FALLBACK_USER"
}

# Run a command as the server's user. runuser -u execs the command directly, so a
# nologin shell does not matter. cd / first: postgres complains when it cannot
# stat its working directory (e.g. root's home).
as_pg() {
  if is_root; then
    (cd / && runuser -u "$PGUSER_OS" -- "$@")
  else
    "$@"
  fi
}

# --- where the data lives ----------------------------------------------------

# Prefer <repo>/.pg/<port>. Use /tmp instead when
#  - the socket path would pass the ~107-byte unix socket limit, or
#  - the server's user cannot traverse to the repo (e.g. a clone under /root,
#    which is mode 0700), or, when not root, we cannot write to the repo.
# The choice depends only on the file system, so start/stop/status agree.
pick_datadir() {
  local why=""
  if (( ${#REPO_DATA} + ${#PORT} + 16 > 100 )); then
    why="the path $REPO_DATA is too long for a unix socket"
  elif is_root; then
    as_pg test -x "$REPO_ROOT" 2>/dev/null || why="user '$PGUSER_OS' cannot reach $REPO_ROOT"
  elif [[ -e "$REPO_ROOT/.pg" ]]; then
    [[ -w "$REPO_ROOT/.pg" ]] || why="$REPO_ROOT/.pg is not writable"
  else
    [[ -w "$REPO_ROOT" ]] || why="$REPO_ROOT is not writable"
  fi
  if [[ -n "$why" ]]; then
    DATA="$TMP_DATA"
    DATA_WHY="$why"
  else
    DATA="$REPO_DATA"
    DATA_WHY=""
  fi
}

prepare_datadir() {
  [[ -n "$DATA_WHY" ]] && log "using $DATA because $DATA_WHY"
  if is_root; then
    [[ "$DATA" == "$REPO_DATA" ]] && mkdir -p "$REPO_ROOT/.pg"
    # initdb wants an empty (or absent) folder it owns, mode 0700.
    [[ -d "$DATA" ]] || install -d -m 0700 -o "$PGUSER_OS" -g "$(id -gn "$PGUSER_OS")" "$DATA"
  else
    mkdir -p "$(dirname "$DATA")"
    [[ -d "$DATA" ]] || mkdir -m 0700 "$DATA"
  fi
  # /tmp is shared: never adopt a folder someone else made.
  local owner
  owner="$(stat -c %U "$DATA")"
  [[ "$owner" == "$PGUSER_OS" ]] || die "$DATA belongs to '$owner', not '$PGUSER_OS'; remove it or set PGTEST_PORT"
}

# --- cluster -----------------------------------------------------------------

pg_ctl_() { as_pg "$BINDIR/pg_ctl" -D "$DATA" "$@"; }

is_running() { [[ -f "$DATA/PG_VERSION" ]] && pg_ctl_ status >/dev/null 2>&1; }

init_cluster() {
  [[ -f "$DATA/PG_VERSION" ]] && return 0
  # Pin encoding and locale: CI shells often have no LANG, which would give a
  # SQL_ASCII database that mangles Chinese and Arabic text. C.UTF-8 keeps
  # upper/lower Unicode-aware and sorting byte-wise (stable across machines).
  local locale=C
  locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$' && locale=C.UTF-8
  log "initialising a cluster in $DATA (role '$ROLE', locale $locale)"
  # --no-sync: a crash of a fresh test cluster costs nothing but a re-init.
  as_pg "$BINDIR/initdb" -D "$DATA" -U "$ROLE" --auth=trust \
        --encoding=UTF8 --locale="$locale" --no-sync >/dev/null
  # Our own pg_hba: the socket (reachable only by the data folder's owner) and
  # 127.0.0.1; no ::1, no other host.
  as_pg tee "$DATA/pg_hba.conf" >/dev/null <<'HBA'
# caravanserai test cluster: trust, loopback only (see scripts/pg-test-cluster.sh)
local  all  all                trust
host   all  all  127.0.0.1/32  trust
HBA
  echo "include_if_exists = 'caravanserai-test.conf'" | as_pg tee -a "$DATA/postgresql.conf" >/dev/null
}

# Rewritten on every start so port and socket path stay right even if the repo
# was moved or PGTEST_PORT changed.
write_settings() {
  as_pg tee "$DATA/caravanserai-test.conf" >/dev/null <<CONF
# Written by scripts/pg-test-cluster.sh on each start; edits are lost.
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DATA'
# Test data is disposable: trade durability for speed.
fsync = off
synchronous_commit = off
full_page_writes = off
# Same clock for every machine, so tests that print times agree.
timezone = 'UTC'
CONF
}

psql_() {
  local psql="$BINDIR/psql"
  [[ -x "$psql" ]] || psql="psql"   # non-Debian layouts keep the client elsewhere
  "$psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U "$ROLE" "$@"
}

ensure_database() {
  if [[ -z "$(psql_ -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]]; then
    psql_ -d postgres -c "CREATE DATABASE $DB" >&2
  fi
}

cmd_start() {
  ensure_server_installed
  ensure_pg_user
  pick_datadir
  prepare_datadir
  init_cluster
  if is_running; then
    log "already running ($DATA, port $PORT)"
  else
    write_settings
    if ! pg_ctl_ start -w -t 60 -l "$DATA/server.log" >&2; then
      log "server did not start; last lines of $DATA/server.log:"
      as_pg tail -n 20 "$DATA/server.log" >&2 || true
      die "start failed (is port $PORT taken? set PGTEST_PORT to use another)"
    fi
    log "started PostgreSQL $("$BINDIR/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($DATA)"
  fi
  ensure_database
}

cmd_stop() {
  BINDIR="$(find_bindir)"
  PGUSER_OS="$(find_pg_user)"
  if [[ -z "$BINDIR" || -z "$PGUSER_OS" ]]; then log "not running"; return 0; fi
  pick_datadir
  if is_running; then
    pg_ctl_ stop -m fast -w -t 60 >&2
    log "stopped ($DATA)"
  else
    log "not running ($DATA)"
  fi
}

cmd_status() {
  BINDIR="$(find_bindir)"
  PGUSER_OS="$(find_pg_user)"
  [[ -n "$BINDIR" && -n "$PGUSER_OS" ]] || { log "not running (no server or user)"; return 3; }
  pick_datadir
  if is_running; then log "running ($DATA, $URL)"; else log "not running ($DATA)"; return 3; fi
}

case "${1:-}" in
  start)  cmd_start ;;
  stop)   cmd_stop ;;
  status) cmd_status ;;
  url)    echo "$URL" ;;
  *)      echo "usage: $0 start|stop|status|url   (port: \$PGTEST_PORT, default 54329)" >&2; exit 2 ;;
esac
