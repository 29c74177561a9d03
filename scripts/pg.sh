#!/usr/bin/env bash
# A private PostgreSQL cluster on loopback for development and tests.
#   scripts/pg.sh start DATADIR PORT [--fast]   initialise if needed, start, create database "kredsraad"
#   scripts/pg.sh stop DATADIR                  stop cleanly (a no-op when not running)
# As root the server runs as Debian's "postgres" user (initdb refuses root).
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "PostgreSQL er ikke installeret (Debian-pakken postgresql)." >&2; exit 1; }

as_owner() {
  # From /, so a working directory closed to the postgres user does not matter.
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

cmd=${1:?start eller stop}
datadir=$(realpath -m "${2:?datamappe}")

case "$cmd" in
start)
  port=${3:?port}
  mkdir -p "$datadir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$datadir"
    if ! runuser -u postgres -- test -w "$datadir"; then
      echo "Brugeren postgres kan ikke skrive i $datadir (en overmappe er lukket); sæt DATABASE_URL eller flyt projektet." >&2
      exit 1
    fi
  fi
  if [ ! -f "$datadir/PG_VERSION" ]; then
    as_owner "$bindir/initdb" -D "$datadir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  opts="-c listen_addresses=127.0.0.1 -p $port -k $datadir"
  if [ "${4:-}" = "--fast" ]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  if ! as_owner "$bindir/pg_ctl" -D "$datadir" status >/dev/null 2>&1; then
    as_owner "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w -s start -o "$opts"
  fi
  if ! as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'kredsraad'" | grep -q 1; then
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres kredsraad
  fi
  ;;
stop)
  if [ -f "$datadir/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$datadir" -w -s -m fast stop || true
  fi
  ;;
*)
  echo "Ukendt kommando: $cmd" >&2; exit 2 ;;
esac
