#!/usr/bin/env bash
# make bench, the national part (issue 15): every main page at 16 connections on the national
# dataset (`kredsraad demo --national`: 12 districts, 10 plan years, the whole of STRAF11), each
# page's throughput divided by the bare view's (/konto/status/) measured in the same run.
#   scripts/bench-national.sh
# Environment:
#   BASELINE=<git rev>  also measure that revision's code (a git worktree, its own gunicorn) on
#                       the same database and print its table too: before and after in one run
#   BENCH_DATASET       national (default when the demo command has --national) or demo
#   BENCH_DISTRICT, BENCH_YEAR, BENCH_EMAIL   the district, plan year and secretariat measured
#   BENCH_SECONDS       seconds of wrk per page at 16 connections (5); single requests get 3
#   BENCH_DATABASE_URL  measure an existing database instead of building one (nothing migrated)
# Prints one table per server: page, requests/s, p50, p95, p99 at 16 connections, the page's
# database queries, the ratio to the bare view, p50 and p95 one request at a time; "!" marks a
# page below the targets (ratio under 0.5, or one request at a time 50 ms or more at p95).
# Then a fresh worker's first answers, and two servers against one. Cleans up on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$PWD
. scripts/production-like.sh

seconds=${BENCH_SECONDS:-5}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kredsraad-national.XXXXXX")
chmod 755 "$tmp"
servers=()
worktree=""
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${servers[@]}"; do wait "$pid" 2>/dev/null || true; done
  servers=()
  [ -z "$worktree" ] || git worktree remove --force "$worktree" 2>/dev/null || true
  [ -n "${BENCH_DATABASE_URL:-}" ] || scripts/pg.sh stop "$tmp/data"
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
step() { echo "== $(date +%H:%M:%S) $*" >&2; }

if [ -z "${BENCH_DATASET:-}" ]; then
  if uv run --frozen kredsraad demo --help | grep -- --national >/dev/null; then BENCH_DATASET=national; else
    echo "kredsraad demo har ingen --national endnu: måler på den almindelige demo." >&2
    BENCH_DATASET=demo
  fi
fi
if [ "$BENCH_DATASET" = national ]; then
  district=${BENCH_DISTRICT:-koebenhavns-politi} year=${BENCH_YEAR:-2025}
  email=${BENCH_EMAIL:-sekretariat.$district@national.invalid}
else
  district=${BENCH_DISTRICT:-nordjyllands-politi} year=${BENCH_YEAR:-2023}
  email=${BENCH_EMAIL:-sekretariat@demo.kredsraad.dk}
fi

# The database: a throwaway cluster (fsync off, as make bench's other parts) with production
# settings, migrated by this code, the dataset built, static files collected.
export DEBUG=false SECRET_KEY="bench-only-$(head -c 32 /dev/urandom | base64)" ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=false STATIC_ROOT="$tmp/static"
if [ -n "${BENCH_DATABASE_URL:-}" ]; then
  export DATABASE_URL=$BENCH_DATABASE_URL
else
  pg_port=$(free_port)
  step "PostgreSQL på port $pg_port"
  scripts/pg.sh start "$tmp/data" "$pg_port" --fast
  export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/kredsraad"
  uv run --frozen kredsraad migrate --noinput --verbosity 0
  step "datasættet: kredsraad demo --${BENCH_DATASET/demo/quiet} ${NATIONAL_ARGS:-}"
  started=$(date +%s)
  if [ "$BENCH_DATASET" = national ]; then
    # shellcheck disable=SC2086 # NATIONAL_ARGS is a list of options
    uv run --frozen kredsraad demo --national ${NATIONAL_ARGS:-} | tail -n 20
  else
    uv run --frozen kredsraad demo --quiet
  fi
  step "datasættet bygget på $(($(date +%s) - started)) s"
fi
uv run --frozen kredsraad collectstatic --noinput --verbosity 0

step "siderne i $district, planåret $year, som $email"
BENCH_STEP=paths BENCH_DISTRICT=$district BENCH_YEAR=$year \
  uv run --frozen kredsraad shell -v 0 -c "$(cat scripts/bench-pages.py)" >"$tmp/pages"
# count_queries LABEL: each page's database queries with the code in the working directory.
count_queries() {
  step "$1: forespørgsler i databasen pr. side (Djangos testklient)"
  BENCH_STEP=queries BENCH_DISTRICT=$district BENCH_YEAR=$year BENCH_EMAIL=$email \
    uv run --frozen kredsraad shell -v 0 -c "$(cat "$here/scripts/bench-pages.py")" \
    <"$tmp/pages" >"$tmp/queries-$1"
}
count_queries nu
cookie=$(session "$email")

# wrk_result URL COOKIE CONNECTIONS SECONDS: "rps p50 p95 p99 failed". A worker's first answer
# of a page may be slow on a loaded machine: 10 s allowed, so it counts in the latencies.
wrk_result() {
  local threads=$(($3 < 2 ? 1 : 2))
  wrk -t"$threads" -c"$3" -d"$4s" --timeout 10s -s scripts/wrk-percentiles.lua -H "Cookie: $2" "$1" \
    | awk '/^RESULT/ { print $2, $3, $4, $5, $6 }'
}

# warm URL COOKIE: a second of the page at 4 connections, unmeasured, so that each worker's
# caches (a plan's figures, the statistics) are filled as on a server that has run for a while.
warm() { wrk -t1 -c4 -d1s --timeout 10s -H "Cookie: $2" "$1" >/dev/null; }

# one_at_a_time URL COOKIE: "p50 p95" in ms of requests one after another, 20 or as many as
# 3 s allow (at least 5). wrk with one connection finished none of a slow page's in 3 s.
one_at_a_time() {
  local started=$SECONDS n=0
  : >"$tmp/single"
  while [ "$n" -lt 20 ] && { [ "$n" -lt 5 ] || [ $((SECONDS - started)) -lt 3 ]; }; do
    curl -s -o /dev/null -w "%{time_total}\n" -H "Cookie: $2" "$1" >>"$tmp/single"
    n=$((n + 1))
  done
  sort -g "$tmp/single" | awk '{ t[NR] = $1 * 1000 } END {
    p50 = t[int((NR + 1) / 2)]; p95 = t[int(NR * 0.95 + 0.999)]
    printf "%.1f %.1f\n", p50, p95 }'
}

# table PORT LABEL: every page against the server on PORT, then the table. The bare view's
# requests/s is the yardstick; a baseline without the bare view is divided by this run's.
table() {
  local port=$1 label=$2 name who path c status bare_rps=""
  : >"$tmp/rows-$label"
  while IFS='|' read -r name who path; do
    c=$([ "$who" = user ] && echo "$cookie" || echo "")
    status=$(curl -s -o /dev/null -w "%{http_code}" -H "Cookie: $c" "http://127.0.0.1:$port$path")
    if [ "$status" != 200 ]; then
      echo "  $label: $path svarede $status, springes over" >&2
      continue
    fi
    step "$label: $name ($path)"
    warm "http://127.0.0.1:$port$path" "$c"
    read -r rps p50 p95 p99 failed < <(wrk_result "http://127.0.0.1:$port$path" "$c" 16 "$seconds")
    [ "$failed" = 0 ] || { echo "$path: $failed fejlede svar under belastning" >&2; exit 1; }
    read -r s50 s95 < <(one_at_a_time "http://127.0.0.1:$port$path" "$c")
    queries=$(awk -v n="${name// /_}" '$1 == n { print $2 }' "$tmp/queries-$label")
    echo "$name|$rps|$p50|$p95|$p99|${queries:-?}|$s50|$s95" >>"$tmp/rows-$label"
  done <"$tmp/pages"
  bare_rps=$(awk -F'|' '$1 == "bar visning" { print $2 }' "$tmp/rows-$label")
  [ -n "$bare_rps" ] || bare_rps=$(awk -F'|' '$1 == "bar visning" { print $2 }' "$tmp/rows-nu")
  echo
  echo "$label ($BENCH_DATASET, $district $year; 16 forbindelser ${seconds} s; enkeltvis: 5-20 svar efter hinanden; ! = under målet)"
  printf "%-22s %9s %8s %8s %8s %6s %7s %9s %9s\n" side "fsp./s" "p50 ms" "p95 ms" "p99 ms" "fsp.db" "forhold" "enk. p50" "enk. p95"
  awk -F'|' -v bare="$bare_rps" '{
    ratio = $2 / bare
    mark = (ratio < 0.5 || $8 >= 50) ? " !" : ""
    printf "%-22s %9s %8s %8s %8s %6s %7.2f %9s %9s%s\n", $1, $2, $3, $4, $5, $6, ratio, $7, $8, mark
  }' "$tmp/rows-$label"
}

gunicorn_config=(-c python:kredsraad.config.gunicorn)
# serve PORT DIR [ARGS…]: gunicorn from the code in DIR on PORT with 2 workers; returns once the
# sign-in page answers. Its master's pid is added to $servers.
serve() {
  local port=$1 dir=$2; shift 2
  (cd "$dir" && exec uv run --frozen gunicorn kredsraad.config.wsgi --bind "127.0.0.1:$port" \
    --workers 2 --log-level warning --no-control-socket "$@") &
  servers+=($!)
  for _ in $(seq 150); do curl -fs -o /dev/null "http://127.0.0.1:$port/konto/log-ind/" && return 0; sleep 0.2; done
  echo "gunicorn svarede ikke på port $port" >&2
  return 1
}
stop_servers() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${servers[@]}"; do wait "$pid" 2>/dev/null || true; done
  servers=()
}

# first_answers DIR LABEL [ARGS…]: a server started fresh; once a static file answers (the
# application is loaded, nothing else), the plan page and the district page once each: what the
# first visitors of a new worker wait, then the same pages warm.
first_answers() {
  local dir=$1 label=$2 port static plan_path district_path; shift 2
  port=$(free_port)
  (cd "$dir" && exec uv run --frozen gunicorn kredsraad.config.wsgi --bind "127.0.0.1:$port" \
    --workers 2 --log-level warning --no-control-socket "$@") &
  servers+=($!)
  static=$(cd "$STATIC_ROOT" && find . -name '*.css' | head -n 1 | cut -c2-)
  for _ in $(seq 300); do curl -fs -o /dev/null "http://127.0.0.1:$port/static$static" && break; sleep 0.1; done
  plan_path=$(awk -F'|' '$1 == "plan" { print $3 }' "$tmp/pages")
  district_path=$(awk -F'|' '$1 == "kreds" { print $3 }' "$tmp/pages")
  local times=()
  for path in "$plan_path" "$district_path" "$plan_path" "$district_path" "$plan_path" "$district_path"; do
    times+=("$(curl -s -o /dev/null -w "%{time_total}" -H "Cookie: $cookie" "http://127.0.0.1:$port$path")")
  done
  printf "%-34s plan %5.2f s, kreds %5.2f s; dernæst %5.2f / %5.2f s; varm %5.2f / %5.2f s\n" \
    "$label" "${times[@]}"
  stop_servers
}

port=$(free_port)
step "gunicorn (2 workers, kredsraad.config.gunicorn) på port $port"
serve "$port" . "${gunicorn_config[@]}"
table "$port" nu
stop_servers

if [ -n "${BASELINE:-}" ]; then
  worktree="$tmp/baseline"
  step "BASELINE $BASELINE: git worktree, uv sync, oversættelser, statiske filer"
  git worktree add --detach "$worktree" "$BASELINE" >/dev/null 2>&1
  ln -s "$PWD/node_modules" "$worktree/node_modules"
  (
    cd "$worktree"
    uv sync --frozen --quiet
    uv run --frozen kredsraad compilemessages --ignore=.venv --ignore=node_modules >/dev/null
    STATIC_ROOT="$tmp/static-baseline" uv run --frozen kredsraad collectstatic --noinput --verbosity 0
  )
  label="før ($(git rev-parse --short "$BASELINE"))"
  (cd "$worktree" && STATIC_ROOT="$tmp/static-baseline" count_queries "$label")
  port=$(free_port)
  step "gunicorn fra $BASELINE (2 workers, som dengang startet) på port $port"
  STATIC_ROOT="$tmp/static-baseline" serve "$port" "$worktree"
  table "$port" "$label"
  stop_servers
fi

echo
echo "En ny workers første svar (signeret ind), 2 workers:"
first_answers . "uden opvarmning (intet -c)"
first_answers . "med kredsraad.config.gunicorn" "${gunicorn_config[@]}"

# Scale-out: two servers of 2 workers each on the one database, 8 connections against each at
# once, against one server with 16. On one machine the two servers share its cores.
echo
echo "To app-servere mod én database (2 workers hver), 16 forbindelser i alt, ${seconds} s:"
printf "%-22s %12s %12s %8s\n" side "1 server" "2 servere" faktor
port_a=$(free_port)
serve "$port_a" . "${gunicorn_config[@]}"
port_b=$(free_port)
serve "$port_b" . "${gunicorn_config[@]}"
while IFS='|' read -r name who path; do
  case "$name" in "bar visning" | plan | kreds | "off. plan" | "API møder") ;; *) continue ;; esac
  c=$([ "$who" = user ] && echo "$cookie" || echo "")
  warm "http://127.0.0.1:$port_a$path" "$c"
  warm "http://127.0.0.1:$port_b$path" "$c"
  read -r one _ < <(wrk_result "http://127.0.0.1:$port_a$path" "$c" 16 "$seconds")
  wrk_result "http://127.0.0.1:$port_a$path" "$c" 8 "$seconds" >"$tmp/a" &
  wrk_a=$!
  read -r b _ < <(wrk_result "http://127.0.0.1:$port_b$path" "$c" 8 "$seconds")
  wait "$wrk_a"
  read -r a _ <"$tmp/a"
  awk -v n="$name" -v one="$one" -v a="$a" -v b="$b" \
    'BEGIN { printf "%-22s %12.1f %12.1f %8.2f\n", n, one, a + b, (one > 0 ? (a + b) / one : 0) }'
done <"$tmp/pages"
stop_servers
