#!/usr/bin/env bash
# make soak (and the end of make bench): gunicorn with production settings under 16 connections
# for SOAK_SECONDS (180 by default) over the main pages, signed in and anonymous, the JSON API and
# OParl, while a statistics import (a synthetic STRAF11, two versions in turn, so each run
# revises every figure) and document builds run in loops beside it, with the task worker.
# Prints the errors (answers of 400 and above, socket errors), each gunicorn worker's memory at
# start and end, and the most database connections open at once against the configured bound.
# Exits non-zero on any error, a failed import or build, or connections above the bound.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/production-like.sh

seconds=${SOAK_SECONDS:-180}
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kredsraad-soak.XXXXXX")
chmod 755 "$tmp"
loops=()
cleanup() {
  touch "$tmp/stop"
  if [ ${#loops[@]} -gt 0 ]; then  # a bare `wait` would wait for gunicorn too
    kill "${loops[@]}" 2>/dev/null || true
    wait "${loops[@]}" 2>/dev/null || true
  fi
  stop_gunicorn
  scripts/pg.sh stop "$tmp/data"
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
start_production_like "$tmp"
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d kredsraad -tAc "$1"; }

cookie=$(session sekretariat@demo.kredsraad.dk)
# One line per path: the cookie to send ("-" for an anonymous visitor) and the path.
uv run --frozen kredsraad shell -v 0 -c '
from kredsraad.councils.models import Council, PoliceDistrict
from kredsraad.meetings.models import Meeting
from kredsraad.plans.models import CooperationPlan
d = PoliceDistrict.objects.get(slug="nordjyllands-politi")
kreds = Council.objects.get(district=d, kind="district")
plan = CooperationPlan.objects.get(district=d, year=2023)
meeting = Meeting.objects.get(council=kreds, title="Kredsrådets møde 2. kvartal 2023")
signed_in = [d.get_absolute_url(), plan.get_absolute_url(), f"/kreds/{d.slug}/indsatser/",
             meeting.get_absolute_url(), f"/kreds/{d.slug}/statistik/"]
anonymous = [f"/offentlig/{d.slug}/planer/{plan.uuid}/", f"/offentlig/{d.slug}/feed.atom",
             f"/api/meetings/?district={d.slug}", f"/oparl/v1/body/{d.slug}/meeting"]
for path in signed_in:
    print(f"COOKIE|{path}")
for path in anonymous:
    print(f"-|{path}")
print(f"PLAN {plan.pk}")
print(f"MEETING {meeting.pk}")
' >"$tmp/listing"
grep '|' "$tmp/listing" | sed "s/^COOKIE|/$cookie|/" >"$tmp/paths"
plan_id=$(awk '/^PLAN/ { print $2 }' "$tmp/listing")
meeting_id=$(awk '/^MEETING/ { print $2 }' "$tmp/listing")

# The import: the demo's offences for every area and quarter 2007K1-2025K4 with SYNTHETIC values
# (about 64,000 cells), in two versions that differ in every cell.
SYNTHETIC_DIR="$tmp" uv run --frozen kredsraad shell -v 0 -c '
import csv, os, random
from kredsraad.statistics.importing.importer import load_offence_codes
from kredsraad.statistics.models import Area, Observation, Offence
if not Offence.objects.exists():  # a demo without ../shared/data: eight codes of the same shape
    load_offence_codes([(code, f"Syntetisk {code}") for code in ("TOT", "1", "11", "12", "1010", "1020", "1030", "3")])
areas = list(Area.objects.exclude(kind="district").order_by("code").values_list("code", "name"))
# The offences the demo has figures for (its eight), so the import revises what the pages show.
shown = Observation.objects.filter(table="STRAF11").values("offence")
offences = list(Offence.objects.filter(pk__in=shown).order_by("code").values_list("code", "label"))
if not offences:
    offences = list(Offence.objects.order_by("code").values_list("code", "label"))[:8]
periods = [f"{year}K{quarter}" for year in range(2007, 2026) for quarter in range(1, 5)]
for version in (1, 2):
    rng = random.Random(version)
    with open(os.path.join(os.environ["SYNTHETIC_DIR"], f"straf11_SYNTHETIC_{version}.csv"), "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["OMRÅDE_kode", "OMRÅDE", "OVERTRÆD_kode", "OVERTRÆD", "TID", "INDHOLD"])
        for area, name in areas:
            for offence, label in offences:
                for period in periods:
                    writer.writerow([area, name, offence, label, period, rng.randrange(5, 500)])
'
cells=$(($(wc -l <"$tmp/straf11_SYNTHETIC_1.csv") - 1))

web_port=$(free_port)
# PGAPPNAME names each process's connections in pg_stat_activity, so the sampler counts them apart.
PGAPPNAME=gunicorn start_gunicorn "$web_port" --pid "$tmp/gunicorn.pid" --error-logfile "$tmp/gunicorn.log"
master=$(cat "$tmp/gunicorn.pid")
while IFS='|' read -r c path; do
  [ "$c" = "-" ] && c=""
  status=$(curl -s -o /dev/null -w "%{http_code}" -H "Cookie: $c" "http://127.0.0.1:$web_port$path")
  [ "$status" = "200" ] || { echo "$path svarede $status før belastningen" >&2; exit 1; }
done <"$tmp/paths"
# rss: "pid MB" for each gunicorn worker, from the kernel's count of resident pages.
rss() {
  for pid in $(pgrep -P "$master" | sort); do
    awk -v pid="$pid" '/^VmRSS:/ { printf "%s %.0f\n", pid, $2 / 1024 }' "/proc/$pid/status"
  done
}
rss >"$tmp/rss.start"

# Beside the load: the task worker, the import loop, the build loop and the connection sampler.
PGAPPNAME=db_worker uv run --frozen kredsraad db_worker >"$tmp/db_worker.log" 2>&1 &
loops+=($!)
(
  version=1
  until [ -f "$tmp/stop" ]; do
    if PGAPPNAME=import uv run --frozen kredsraad statistics import "$tmp/straf11_SYNTHETIC_$version.csv" >>"$tmp/import.log" 2>&1; then
      echo ok >>"$tmp/import.runs"
    else
      echo failed >>"$tmp/import.runs"
    fi
    version=$((3 - version))
  done
) &
loops+=($!)
(
  until [ -f "$tmp/stop" ]; do
    for kind in "plan $plan_id" "agenda $meeting_id"; do
      # shellcheck disable=SC2086 # kind is "plan ID": two arguments
      if PGAPPNAME=documents uv run --frozen kredsraad documents build $kind >>"$tmp/build.log" 2>&1; then
        echo ok >>"$tmp/build.runs"
      else
        echo failed >>"$tmp/build.runs"
      fi
    done
  done
) &
loops+=($!)
(
  # Every client connection but this sampler's own, once a second: "total name=n name=n …".
  until [ -f "$tmp/stop" ]; do
    sql "SELECT coalesce(sum(n), 0) || ' ' || coalesce(string_agg(name || '=' || n, ' ' ORDER BY name), '')
         FROM (SELECT coalesce(nullif(application_name, ''), 'andet') AS name, count(*) AS n
               FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
               GROUP BY 1) AS per_process" >>"$tmp/connections" || true
    sleep 1
  done
) &
loops+=($!)

# The load starts once the import and a build have connected (Django's start takes a while on a
# busy machine), so that all of it runs beside them.
for _ in $(seq 120); do
  last=$(tail -n 1 "$tmp/connections" 2>/dev/null || true)
  [[ $last == *documents=* && $last == *import=* ]] && break
  sleep 1
done
echo "Udholdenhedsprøve: ${seconds} s, 16 forbindelser, $WEB_CONCURRENCY gunicorn-arbejdere, imens import ($cells celler) og dokumentbygning kører"
out=$(wrk -t4 -c16 -d"${seconds}s" --timeout 30s -s scripts/soak.lua "http://127.0.0.1:$web_port" -- "$tmp/paths")
rss >"$tmp/rss.end"
touch "$tmp/stop"
# The loops finish the import or build they are in, so each run counts whole.
wait "${loops[@]:1}" 2>/dev/null || true
kill "${loops[0]}" 2>/dev/null || true
wait "${loops[0]}" 2>/dev/null || true
loops=()

read -r _ requests rps p50 p95 p99 status_errors socket_errors < <(grep '^RESULT' <<<"$out")
imports_ok=$(grep -c ok "$tmp/import.runs" 2>/dev/null || true)
imports_failed=$(grep -c failed "$tmp/import.runs" 2>/dev/null || true)
builds_ok=$(grep -c ok "$tmp/build.runs" 2>/dev/null || true)
builds_failed=$(grep -c failed "$tmp/build.runs" 2>/dev/null || true)
peak=$(sort -n "$tmp/connections" | tail -n 1 | cut -d' ' -f1)
# The most each kind of process held at once.
per_process=$(tr ' ' '\n' <"$tmp/connections" | awk -F= 'NF == 2 && $2 > most[$1] { most[$1] = $2 }
  END { for (name in most) printf "%s %s, ", name, most[name] }' | sed 's/, $//')
bound=$(uv run --frozen kredsraad shell -v 0 -c 'from django.conf import settings; print(settings.KREDSRAAD_DATABASE_CONNECTIONS, settings.DATABASE_POOL_MAX_SIZE)')
max_connections=$(sql "SHOW max_connections")

echo "  sider: $(cut -d'|' -f2 "$tmp/paths" | tr '\n' ' ')"
printf "  %s forespørgsler, %s/s; p50 %s ms, p95 %s ms, p99 %s ms\n" "$requests" "$rps" "$p50" "$p95" "$p99"
printf "  fejl: %s svar på 400 eller derover, %s socket-fejl\n" "$status_errors" "$socket_errors"
printf "  importer: %s gennemført, %s fejlede; dokumentbygninger: %s gennemført, %s fejlede\n" \
  "${imports_ok:-0}" "${imports_failed:-0}" "${builds_ok:-0}" "${builds_failed:-0}"
echo "  hukommelse (RSS) pr. gunicorn-arbejder, start -> slut:"
join -a 1 -a 2 -e "-" -o 0,1.2,2.2 "$tmp/rss.start" "$tmp/rss.end" \
  | awk '{ printf "    pid %s: %s MB -> %s MB\n", $1, $2, $3 }'
read -r bound_total pool_size <<<"$bound"
printf "  databaseforbindelser: højst %s samtidig; grænsen er %s (%s arbejdere + 1 opgavearbejder, %s pr. proces, + margen), serverens max_connections %s\n" \
  "$peak" "$bound_total" "$WEB_CONCURRENCY" "$pool_size" "$max_connections"
echo "    højst pr. slags proces: $per_process"

failed=0
if [ "$status_errors" != 0 ] || [ "$socket_errors" != 0 ]; then
  echo "Fejl under belastningen; gunicorns log:" >&2
  tail -n 40 "$tmp/gunicorn.log" >&2
  failed=1
fi
if [ "${imports_failed:-0}" != 0 ] || [ "${builds_failed:-0}" != 0 ] || [ "${imports_ok:-0}" = 0 ] || [ "${builds_ok:-0}" = 0 ]; then
  echo "En import eller dokumentbygning fejlede (eller nåede ikke at køre); sidste linjer:" >&2
  tail -n 20 "$tmp/import.log" "$tmp/build.log" >&2 || true
  failed=1
fi
if [ "$peak" -gt "$bound_total" ]; then
  echo "Flere databaseforbindelser end grænsen" >&2
  failed=1
fi
if [ "$(wc -l <"$tmp/rss.end")" != "$WEB_CONCURRENCY" ] || ! cmp -s <(cut -d' ' -f1 "$tmp/rss.start") <(cut -d' ' -f1 "$tmp/rss.end"); then
  echo "En gunicorn-arbejder døde eller blev genstartet under belastningen" >&2
  failed=1
fi
exit "$failed"
