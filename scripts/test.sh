#!/usr/bin/env bash
# make test: the whole suite against a throwaway PostgreSQL cluster (or DATABASE_URL when set).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DATABASE_URL:-}" ]; then
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/kredsraad-test-pg.XXXXXX")
  chmod 755 "$tmp"
  port=$(uv run --frozen python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cleanup() { scripts/pg.sh stop "$tmp/data"; rm -rf "$tmp"; }
  trap cleanup EXIT INT TERM
  scripts/pg.sh start "$tmp/data" "$port" --fast
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/kredsraad"
fi

uv run --frozen pytest -p no:cacheprovider --create-db -n auto "$@"
