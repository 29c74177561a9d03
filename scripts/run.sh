#!/usr/bin/env bash
# make run: the database (private unless DATABASE_URL is set), migrations, demo data, the web server.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DATABASE_URL:-}" ]; then
  port=${KREDSRAAD_PG_PORT:-55432}
  scripts/pg.sh start .data/pg "$port"
  trap 'scripts/pg.sh stop .data/pg' EXIT INT TERM
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/kredsraad"
fi

uv run --frozen kredsraad migrate --noinput --verbosity 0
uv run --frozen kredsraad demo
echo "kredsraad kører på http://127.0.0.1:8000/ (Ctrl+C stopper server og database)"
uv run --frozen kredsraad runserver 127.0.0.1:8000
