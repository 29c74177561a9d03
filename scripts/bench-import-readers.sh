#!/usr/bin/env bash
# Part of make bench (scripts/bench.sh): the statistics page's latency at rest and while a whole
# file is imported again with its newest year revised, under 8 connections. Issue 14 asks that an
# import never holds a lock the pages wait on for more than a moment.
#   scripts/bench-import-readers.sh PORT COOKIE PAGE FILE
# PORT: a running gunicorn; COOKIE: a signed-in session; PAGE: the path measured; FILE: a CSV
# already imported into DATABASE_URL (a TID column, its last column the figure). A copy in which
# every figure of the newest year is one higher is imported with `kredsraad statistics import`
# while wrk asks for the page, until the import has ended (wrk is interrupted then). That is what
# Danmarks Statistik's quarterly release looks like: the whole file read and compared, the recent
# figures revised. (Revising all 725,000 cells writes as many history events and takes many
# minutes; the readers' question is the same with fewer.) Prints requests/s, p50, p95 and p99
# for both, and how long the import took.
set -euo pipefail
cd "$(dirname "$0")/.."
port=$1 cookie=$2 page=$3 file=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/kredsraad-import-readers.XXXXXX")
trap 'rm -rf "$work"' EXIT
url="http://127.0.0.1:$port$page"

revised="$work/$(basename "$file" .csv)_revised.csv"
# The newest year: the largest four digits that begin a TID value.
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "TID") tid = i; next }
         { year = substr($tid, 1, 4); if (year > newest) newest = year }
         END { print newest }' "$file" >"$work/newest"
newest=$(cat "$work/newest")
awk -F, -v newest="$newest" '
  NR == 1 { for (i = 1; i <= NF; i++) if ($i == "TID") tid = i; print; next }
  { sub(/\r$/, "") }
  substr($tid, 1, 4) != newest { print; next }
  { match($0, /[0-9]+$/); print substr($0, 1, RSTART - 1) (substr($0, RSTART) + 1); revised++ }
  END { print revised > "/dev/stderr" }' "$file" >"$revised" 2>"$work/count"
cells=$(($(wc -l <"$revised") - 1))
changed=$(cat "$work/count")

row() { printf "%-34s %15s %9s %9s %9s %9s\n" "$@"; }
echo "Statistiksiden i ro og under en import af $cells celler, hvoraf de $changed fra $newest rettes ($page):"
row "" "forespørgsler/s" "p50 ms" "p95 ms" "p99 ms" "fejl"
out=$(wrk -t2 -c8 -d5s --timeout 10s -s scripts/wrk-percentiles.lua -H "Cookie: $cookie" "$url")
read -r _ rps p50 p95 p99 failed < <(grep '^RESULT' <<<"$out")
row "i ro (5 s)" "$rps" "$p50" "$p95" "$p99" "$failed"

# wrk asks for the page from just before the import starts until it has ended: interrupted, wrk
# stops and still prints its percentiles (its -d is only an upper bound here).
wrk -t2 -c8 -d900s --timeout 30s -s scripts/wrk-percentiles.lua -H "Cookie: $cookie" "$url" \
  >"$work/wrk.out" &
reader=$!
start=$(date +%s.%N)
status=0
uv run --frozen kredsraad statistics import "$revised" >"$work/import.out" 2>"$work/import.err" || status=$?
end=$(date +%s.%N)
kill -INT "$reader"
wait "$reader" || true
read -r _ rps p50 p95 p99 failed < <(grep '^RESULT' "$work/wrk.out")
took=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
row "under importen ($took s)" "$rps" "$p50" "$p95" "$p99" "$failed"
if [ "$status" = "0" ]; then
  echo "  importen tog $took s: $(tail -n 1 "$work/import.out")"
else
  echo "  importen fejlede efter $took s:" >&2
  tail -n 5 "$work/import.err" >&2
  exit 1
fi
