#!/usr/bin/env bash
# make bench: production-like settings, gunicorn with 2 workers, the demo data, and wrk against
# the pages a secretariat opens most. Prints requests per second and latency per page, then the
# time `kredsraad statistics import` takes for a synthetic file the size of all of STRAF11, the
# statistics page's latency at rest and while that file is imported again with its newest year
# revised (scripts/bench-import-readers.sh), and last the soak (scripts/soak.sh): 16 connections
# for minutes beside an import and document builds.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/production-like.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kredsraad-bench.XXXXXX")
chmod 755 "$tmp"
cleanup() {
  stop_gunicorn
  scripts/pg.sh stop "$tmp/data"
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
start_production_like "$tmp"

# queries EMAIL PATH...: the number of database queries each page takes for the user.
queries() {
  EMAIL="$1" PAGES="${*:2}" uv run --frozen kredsraad shell -v 0 -c '
import os
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from kredsraad.accounts.models import User
client = Client(HTTP_HOST="127.0.0.1")  # the host the benchmark allows
client.force_login(User.objects.get(email=os.environ["EMAIL"]))
for path in os.environ["PAGES"].split():
    client.get(path)  # the session settles first
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    print(f"  {path}: {len(queries)} forespørgsler i databasen (svar {status})")
'
}
cookie=$(session sekretariat@demo.kredsraad.dk)
paths=$(uv run --frozen kredsraad shell -v 0 -c '
from kredsraad.councils.models import Council, PoliceDistrict
from kredsraad.meetings.models import Meeting
from kredsraad.plans.models import CooperationPlan
d = PoliceDistrict.objects.get(slug="nordjyllands-politi")
kreds = Council.objects.get(district=d, kind="district")
plan = CooperationPlan.objects.get(district=d, year=2023)
meeting = Meeting.objects.get(council=kreds, title="Kredsrådets møde 2. kvartal 2023")
print(d.get_absolute_url(), kreds.get_absolute_url(), f"/kreds/{d.slug}/fora/", f"/kreds/{d.slug}/partnere/", f"/historik/raad/{kreds.pk}/", plan.get_absolute_url(), f"/planer/{plan.pk}/handleplaner/", f"/planer/{plan.pk}/daekning/", f"/kreds/{d.slug}/moeder/", meeting.get_absolute_url(), f"/moeder/{meeting.pk}/referat/", f"/raad/{kreds.pk}/overholdelse/?aar=2023", f"/raad/{kreds.pk}/kalender.ics", f"/kreds/{d.slug}/statistik/")
')

web_port=$(free_port)
WEB_CONCURRENCY=2 start_gunicorn "$web_port"

# measure PORT COOKIE PATH...: wrk with 8 connections for 5 s per page; requests/s, p50, p95, p99.
measure() {
  local web=$1 cookie=$2; shift 2
  printf "%-52s %15s %9s %9s %9s\n" "side" "forespørgsler/s" "p50 ms" "p95 ms" "p99 ms"
  for path in "$@"; do
    status=$(curl -s -o /dev/null -w "%{http_code}" -H "Cookie: $cookie" "http://127.0.0.1:$web$path")
    [ "$status" = "200" ] || { echo "$path svarede $status" >&2; exit 1; }
    # A worker's first answer of a page (templates, translations) can pass wrk's 2 s default
    # on a loaded machine: a slow answer belongs in the latencies, only a wrong one is a failure.
    out=$(wrk -t2 -c8 -d5s --timeout 10s -s scripts/wrk-percentiles.lua -H "Cookie: $cookie" "http://127.0.0.1:$web$path")
    read -r _ rps p50 p95 p99 failed < <(grep '^RESULT' <<<"$out")
    [ "$failed" = "0" ] || { echo "$path: $failed fejlede svar under belastning" >&2; exit 1; }
    printf "%-52s %15s %9s %9s %9s\n" "$path" "$rps" "$p50" "$p95" "$p99"
  done
}
# The internal search (kredsraad.search) as the secretariat sees it: every type in the district.
internal_search_paths=("/soeg/?q=indbrud" "/soeg/?q=indbrud&type=initiative&kommune=851")
measure "$web_port" "$cookie" $paths "${internal_search_paths[@]}"

# Publishing: the demo's 2023 plan built as tagged PDF and Word (the time printed by the CLI),
# then the public site as an anonymous visitor reads it, served from the frozen version.
plan_id=$(uv run --frozen kredsraad shell -v 0 -c '
from kredsraad.plans.models import CooperationPlan
print(CooperationPlan.objects.get(district__slug="nordjyllands-politi", year=2023).pk)')
echo
uv run --frozen kredsraad documents build plan "$plan_id" --timing | grep '^timing' \
  | sed -e 's/^timing plan \([0-9]*\) pdf: /  heraf PDF (plan \1): /' \
    -e 's/^timing plan \([0-9]*\) docx: /  heraf Word (plan \1): /' \
    -e 's/^timing plan \([0-9]*\): /PDF og Word af demoplanen 2023 (plan \1): /'
public_paths=$(uv run --frozen kredsraad shell -v 0 -c '
from kredsraad.plans.models import CooperationPlan
from kredsraad.publishing.models import PublishedDocument
plan = CooperationPlan.objects.get(district__slug="nordjyllands-politi", year=2023)
pdf = PublishedDocument.objects.filter(plan_version__plan=plan, format="pdf", variant="public").latest("created_at")
print(f"/offentlig/{plan.district.slug}/", f"/offentlig/{plan.district.slug}/planer/{plan.uuid}/", f"/offentlig/{plan.district.slug}/feed.atom", f"/dokumenter/{pdf.uuid}/")')
echo
# The public search (publishing.public_search) and the initiatives list filtered to Aalborg
# Kommune and the burglary theme: what a citizen asking about burglary in Aalborg opens.
public_search_paths=("/offentlig/soeg/?q=indbrud" "/offentlig/soeg/?q=indbrud+Aalborg" "/offentlig/nordjyllands-politi/indsatser/?kommune=851&tema=burglary")
echo "Den offentlige side, anonym besøgende:"
measure "$web_port" "" $public_paths "${public_search_paths[@]}"
stop_gunicorn
statistics_pages=("/kreds/nordjyllands-politi/statistik/" "/kreds/nordjyllands-politi/statistik/?overtraedelse=12&fra=2022K1&til=2022K3&visning=aendring" "/kreds/nordjyllands-politi/statistik/kommuner.csv")
echo
echo "Den offentlige søgnings og de filtrerede indsatsers forespørgsler, demodata:"
queries sekretariat@demo.kredsraad.dk "${public_search_paths[@]}"
echo
echo "Den interne søgnings forespørgsler (sekretariatet), demodata:"
queries sekretariat@demo.kredsraad.dk "${internal_search_paths[@]}"
echo
echo "Statistiksidernes forespørgsler, demodata (8 overtrædelser, 2016K1–2025K4):"
queries sekretariat@demo.kredsraad.dk "${statistics_pages[@]}"

# Import: the whole of STRAF11 at full scale (every offence code × the 106 areas × 2007K1–2025K4,
# about 725,000 cells) with SYNTHETIC values from a seeded generator, imported with
# `kredsraad statistics import` into a database of its own, dropped afterwards: the demo
# database the pages were measured on never sees them. The second import finds nothing to change.
psql_bench() { psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d kredsraad -c "$1"; }
psql_bench "CREATE DATABASE kredsraad_import_bench"
(
  export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/kredsraad_import_bench"
  uv run --frozen kredsraad migrate --noinput --verbosity 0
  # The files come from the national dataset's generator (kredsraad.demo.national), which
  # loads the offence codes first: the same seeded figures `kredsraad demo --national` imports.
  read -r file folk1a_file < <(SYNTHETIC_FOLDER="$tmp" uv run --frozen kredsraad shell -v 0 -c '
import os
from pathlib import Path
from kredsraad.demo.national import write_synthetic_files
print(*write_synthetic_files(Path(os.environ["SYNTHETIC_FOLDER"])))
')
  cells=$(($(wc -l <"$file") - 1))
  echo
  printf "%-40s %12s %10s %10s\n" "import (syntetisk STRAF11)" "rækker/s" "sekunder" "celler"
  for run in "første import" "samme fil igen"; do
    start=$(date +%s.%N)
    result=$(uv run --frozen kredsraad statistics import "$file" 2>/dev/null | tail -n 1)
    end=$(date +%s.%N)
    seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
    rate=$(awk -v n="$cells" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", n / (e - s) }')
    printf "%-40s %12s %10s %10s\n" "$run" "$rate" "$seconds" "$cells"
    echo "  $result"
  done
  uv run --frozen kredsraad statistics import "$folk1a_file" --table FOLK1A >/dev/null 2>&1

  # The statistics pages on this national-scale database: the same queries as on the demo's
  # eight offences, and the speed under 8 concurrent clients.
  uv run --frozen kredsraad shell -v 0 -c '
from kredsraad.accounts.models import RoleAssignment, User
from kredsraad.councils.models import PoliceDistrict
user = User.objects.create_user(email="analytiker@bench.invalid", password=None, full_name="Bench")
RoleAssignment.objects.create(user=user, role="analyst", district=PoliceDistrict.objects.get(slug="nordjyllands-politi"))
'
  echo
  echo "Statistiksidernes forespørgsler, syntetisk landsdata ($cells celler):"
  queries analytiker@bench.invalid "${statistics_pages[@]}"
  trap stop_gunicorn EXIT
  WEB_CONCURRENCY=2 start_gunicorn "$web_port"
  echo
  echo "Statistiksiderne under belastning, syntetisk landsdata:"
  bench_cookie=$(session analytiker@bench.invalid)
  measure "$web_port" "$bench_cookie" "${statistics_pages[@]}"
  echo
  scripts/bench-import-readers.sh "$web_port" "$bench_cookie" "${statistics_pages[0]}" "$file"
)
psql_bench "DROP DATABASE kredsraad_import_bench WITH (FORCE)"
cleanup
trap - EXIT INT TERM

# The soak: in a cluster of its own, so the import it runs does not meet the figures above.
echo
scripts/soak.sh
