#!/usr/bin/env bash
# make bench, the national part (issue 15): every main page at 16 connections on the national
# dataset (`kredsraad demo --national`: 12 districts, 10 plan years, the whole of STRAF11), each
# page's throughput divided by the bare view's (/konto/status/) measured in the same run.
#   scripts/bench-national.sh
# Environment:
#   BASELINE=<git rev>  also measure that revision's code (a git worktree, its own gunicorn) on
#                       the same database, page by page beside the current code: one table
#   BENCH_DATASET       national (default when the demo command has --national) or demo
#   BENCH_DISTRICT, BENCH_YEAR, BENCH_EMAIL   the district, plan year and secretariat measured
#   BENCH_SECONDS       seconds of wrk per page at 16 connections (5); single requests get 3
#   BENCH_DATABASE_URL  measure an existing database instead of building one (nothing migrated)
# Prints a table: page, requests/s, p50, p95, p99 at 16 connections, the page's database
# queries, the ratio to the bare view, p50 and p95 one request at a time; "!" marks a page below
# the targets (ratio under 0.5, or one request at a time 50 ms or more at p95). With BASELINE
# both servers run at once and each page is measured on both back to back, right after the bare
# view on the current server, so every ratio divides by a bare figure taken seconds apart: the
# machine's load (other work on it) moved a page's requests/s fourfold within minutes.
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

# BASELINE: that revision's code in a git worktree, prepared before anything is measured, and
# its own query counts on the same database.
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
  (cd "$worktree" && STATIC_ROOT="$tmp/static-baseline" count_queries foer)
  # Its own session: a session names the authentication backend, which the code may have renamed.
  cookie_before=$(cd "$worktree" && session "$email")
fi

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

# paired PORT_NOW PORT_BEFORE LABEL: every page against both servers, which run side by side
# (each idle while the other is measured). Per page: the bare view on the current server, then
# the page on both back to back, alternating which goes first, so each ratio divides by a bare
# figure taken seconds before, under the same machine load. Then one table, before and after.
paired() {
  local now=$1 before=$2 label=$3 name who path c i=0 bare first row side port status q
  local rps p95 s50 s95 failed load_start load_end
  local -A result
  load_start=$(cut -d' ' -f1-3 /proc/loadavg)
  : >"$tmp/paired"
  status=$(curl -s -o /dev/null -w "%{http_code}" -H "Cookie: $cookie" "http://127.0.0.1:$now/konto/status/")
  # wrk counts a redirect to the sign-in page as an answer: a bare figure must be signed in.
  [ "$status" = 200 ] || { echo "/konto/status/ svarede $status, ikke 200" >&2; exit 1; }
  warm "http://127.0.0.1:$now/konto/status/" "$cookie"
  while IFS='|' read -r name who path; do
    i=$((i + 1))
    if [ $((i % 2)) = 1 ]; then first=nu; else first=før; fi
    step "$name ($path): bar visning, så $first først"
    read -r bare _ _ _ failed < <(wrk_result "http://127.0.0.1:$now/konto/status/" "$cookie" 16 "$seconds")
    [ "$failed" = 0 ] || { echo "/konto/status/: $failed fejlede svar under belastning" >&2; exit 1; }
    result=([nu]="- - - -" [før]="- - - -")
    for side in $([ "$first" = nu ] && echo "nu før" || echo "før nu"); do
      port=$([ "$side" = nu ] && echo "$now" || echo "$before")
      c=""
      [ "$who" = anon ] || c=$([ "$side" = nu ] && echo "$cookie" || echo "$cookie_before")
      status=$(curl -s -o /dev/null -w "%{http_code}" -H "Cookie: $c" "http://127.0.0.1:$port$path")
      if [ "$status" != 200 ]; then
        echo "  $side: $path svarede $status, springes over" >&2
        continue
      fi
      warm "http://127.0.0.1:$port$path" "$c"
      read -r rps _ p95 _ failed < <(wrk_result "http://127.0.0.1:$port$path" "$c" 16 "$seconds")
      if [ "$failed" != 0 ]; then
        # The current code must answer every request; the old code's failures are reported.
        [ "$side" = før ] || { echo "$path: $failed fejlede svar under belastning" >&2; exit 1; }
        echo "  $name: $failed" >>"$tmp/failed-before"
      fi
      read -r s50 s95 < <(one_at_a_time "http://127.0.0.1:$port$path" "$c")
      result[$side]="$rps $p95 $s50 $s95"
    done
    row="$name|$bare|$first"
    for side in nu før; do
      q=$(awk -v n="${name// /_}" '$1 == n { print $2 }' "$tmp/queries-$([ "$side" = nu ] && echo nu || echo foer)")
      read -r rps p95 s50 s95 <<<"${result[$side]}"
      row+="|$rps|$p95|${q:--}|$s50|$s95"
    done
    echo "$row" >>"$tmp/paired"
  done <"$tmp/pages"
  load_end=$(cut -d' ' -f1-3 /proc/loadavg)
  echo
  echo "Før ($label) og nu ($BENCH_DATASET, $district $year; wrk 16 forbindelser ${seconds} s pr. måling)."
  echo "Begge servere kører samtidig på samme database, 2 workers hver; kun den målte er belastet."
  echo "Pr. side: den bare visning /konto/status/ på den nuværende server, straks efter siden på begge"
  echo "(skiftevis hvilken først: kolonnen 'først'); forh. = sidens fsp./s delt med den bare visnings"
  echo "målt sekunder før. Den bare visning er samme kodevej for begge versioner (middleware, session,"
  echo "login), så den måles kun på den nuværende. enk. p50 = 5-20 svar efter hinanden; fsp = sidens"
  echo "forespørgsler i databasen; - = findes ikke (svarer ikke 200) i den version; ! = nu under målet"
  echo "(forhold under 0,5 eller enkeltvis p95 50 ms eller mere)."
  # mawk pads by bytes: each cell is padded by its visible width, so "før" and "dækning" align.
  awk -F'|' '
    function width(s, t) { t = s; gsub(/[\200-\277]/, "", t); return length(t) }
    function pad(s, w, left, gap) {
      gap = sprintf("%" (w > width(s) ? w - width(s) : 0) "s", "")
      return left ? s gap : gap s
    }
    function ratio(rps, bare) { return rps == "-" ? "-" : sprintf("%.2f", rps / bare) }
    # The columns: page, bare, first; before: rps, p95, queries, ratio, p50; now: the same.
    function line(c, mark, i, out) {
      out = pad(c[1], w[1], 1)
      for (i = 2; i <= 13; i++) out = out ((i == 4 || i == 9) ? " | " : " ") pad(c[i], w[i])
      print out mark
    }
    BEGIN {
      split("20 7 5 7 7 4 5 7 7 7 4 5 7", w, " ")
      split("|bar||før|||||nu||||", c, "|"); line(c, "")
      split("side|fsp./s|først|fsp./s|p95 ms|fsp|forh.|enk.p50|fsp./s|p95 ms|fsp|forh.|enk.p50", c, "|")
      line(c, "")
    }
    {
      mark = ($4 != "-" && ($4 / $2 < 0.5 || $8 >= 50)) ? " !" : ""
      split($1 "|" $2 "|" $3 "|" $9 "|" $10 "|" $11 "|" ratio($9, $2) "|" $12 "|" $4 "|" $5 "|" $6 "|" ratio($4, $2) "|" $7, c, "|")
      line(c, mark)
    }' "$tmp/paired"
  echo "Maskinens load average (1, 5, 15 min): ved start $load_start, ved slut $load_end."
  if [ -s "$tmp/failed-before" ]; then
    echo "Fejlede svar under belastning i før-versionen:"
    cat "$tmp/failed-before"
  fi
}

if [ -z "${BASELINE:-}" ]; then
  port=$(free_port)
  step "gunicorn (2 workers, kredsraad.config.gunicorn) på port $port"
  serve "$port" . "${gunicorn_config[@]}"
  table "$port" nu
  stop_servers
else
  port_now=$(free_port)
  step "gunicorn (2 workers, kredsraad.config.gunicorn) på port $port_now"
  serve "$port_now" . "${gunicorn_config[@]}"
  # The old revision's own kredsraad.config.gunicorn if it has one, else started as it was then.
  before_config=()
  how="intet -c, som dengang"
  if [ -f "$worktree/src/kredsraad/config/gunicorn.py" ]; then
    before_config=("${gunicorn_config[@]}")
    how="kredsraad.config.gunicorn"
  fi
  port_before=$(free_port)
  step "gunicorn fra $BASELINE (2 workers, $how) på port $port_before"
  STATIC_ROOT="$tmp/static-baseline" serve "$port_before" "$worktree" "${before_config[@]}"
  paired "$port_now" "$port_before" "$(git rev-parse --short "$BASELINE"), gunicorn $how"
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
