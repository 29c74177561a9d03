#!/usr/bin/env bash
# make run: the database (private unless DATABASE_URL is set), migrations, demo data, the web server
# with the task worker and the reminders beside it.
# The web server is gunicorn, as in production: WEB_CONCURRENCY sync workers (2 by default), each
# with its own small pool of database connections. RELOAD=1 (`make run RELOAD=1`) restarts the
# workers when a Python file, template or translation changes.
# Ctrl+C (or SIGTERM) stops server, worker and reminders, and then the private database.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DATABASE_URL:-}" ]; then
  port=${KREDSRAAD_PG_PORT:-55432}
  scripts/pg.sh start .data/pg "$port"
  trap 'scripts/pg.sh stop .data/pg' EXIT
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/kredsraad"
fi

uv run --frozen kredsraad migrate --noinput --verbosity 0
uv run --frozen kredsraad demo --documents
echo "kredsraad kører på http://127.0.0.1:8000/ (Ctrl+C stopper server og database)"

pids=()
stop() {
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  exit 0
}
trap stop INT TERM
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}
reload=()
if [ "${RELOAD:-0}" != 0 ]; then
  # Django's cached template loader keeps templates until the worker restarts.
  reload=(--reload --reload-extra-file 'src/kredsraad/**/*.html' --reload-extra-file 'src/kredsraad/**/*.mo')
fi
# The access log on the console, as the development server printed each request.
# kredsraad.config.gunicorn loads the application and compiles the templates once, before the
# workers fork, so no visitor waits for a fresh worker; with RELOAD each restarted worker does it
# again before its first request, which on a busy laptop can pass gunicorn's 30 s limit: two
# minutes here. No control socket (it would be shared by a second server of the same user,
# `make bench` say).
uv run --frozen gunicorn kredsraad.config.wsgi -c python:kredsraad.config.gunicorn \
  --bind 127.0.0.1:8000 --workers "$WEB_CONCURRENCY" \
  --access-logfile - --timeout 120 --no-control-socket "${reload[@]}" &
pids+=($!)
# Reminder e-mails: queued every five minutes, sent by the worker (to this console in development).
uv run --frozen kredsraad db_worker &
pids+=($!)
uv run --frozen kredsraad send-reminders --every 300 &
pids+=($!)
wait -n "${pids[@]}" || true
stop
