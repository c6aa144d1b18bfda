#!/usr/bin/env bash
# Times the review page of a review with ENTRIES timeline entries (default 20,000): from request to the
# whole first screen (the first page of 200 moments) arriving, on the Release build with SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${ENTRIES:-20000}
port=${PORT:-5193}
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; [ -z "${KEEP:-}" ] && rm -rf "$work"' EXIT

dotnet build src/Fireside.Web -c Release -nologo -v quiet >/dev/null
dotnet build src/Fireside.Cli -c Release -nologo -v quiet >/dev/null
fireside="dotnet src/Fireside.Cli/bin/Release/net10.0/fireside.dll --database $work/page.db"
$fireside users create --email bench@example.com --password "bench password" --admin >/dev/null
review=$($fireside reviews create --title "Twenty thousand moments")
small=$($fireside reviews create --title "A short one to warm the server up")
{
  echo "time,actor,text"
  for i in $(seq 0 $((entries - 1))); do
    printf '2026-11-20T%02d:%02d:%02dZ,person%d,Moment %d: the queue depth was %d and the dashboard showed it\n' $((i / 3600 % 24)) $((i / 60 % 60)) $((i % 60)) $((i % 12)) "$i" $((i % 977))
  done
} > "$work/timeline.csv"
$fireside import csv "$work/timeline.csv" --review "$review"
head -n 200 "$work/timeline.csv" > "$work/short.csv"
$fireside import csv "$work/short.csv" --review "$small" >/dev/null

env Database__Path=$work/page.db ${EXTRA_ENV:-} dotnet src/Fireside.Web/bin/Release/net10.0/Fireside.Web.dll --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/Fireside.Web" >"$work/app.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.1; done
jar="$work/jar"
token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/account/signin" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_handler=signin" --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "Form.Email=bench@example.com" --data-urlencode "Form.Password=bench password" "http://127.0.0.1:$port/account/signin"

# Warm the server (JIT, page components) on another review, so the first timed view measures this review.
for _ in 1 2 3; do curl -s -b "$jar" -o /dev/null "http://127.0.0.1:$port/reviews/$small"; done

times=()
for run in 1 2 3 4 5 6; do
  t=$(curl -s -b "$jar" -o "$work/page.html" -w '%{time_total}' "http://127.0.0.1:$port/reviews/$review")
  ms=$(awk -v t="$t" 'BEGIN { printf "%.0f", t * 1000 }')
  if [ "$run" -gt 1 ]; then times+=("$ms"); else first=$ms; fi
done
grep -q "Moment 199:" "$work/page.html" || { echo "the page did not show the first 200 moments" >&2; exit 1; }
size_kb=$(( $(stat -c %s "$work/page.html") / 1024 ))
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "review page with $entries entries: median ${median} ms (${times[*]}), first view ${first} ms, ${size_kb} KB"

section="$work/section.md"
cat > "$section" <<MD
## A long timeline's first screen (\`bench/timeline-page.sh\`)

The review page of a review with $entries imported entries (SQLite, Release build), signed in. The page
reads one page of 200 moments from the database (counts come from indexes), and keeps the language
coach's findings for the review until one of its texts changes. The server is warmed up on another
review first. The first view after the import has the coach read all $entries entries; it is shown apart
from the median of the five views after it.

| Entries | Median (ms) | Runs (ms) | First view (ms) | Page size |
|---|---|---|---|---|
| $entries | $median | ${times[*]} | $first | ${size_kb} KB |

Goal: under 300 ms. Measured on $(date -u +%Y-%m-%d).
MD
perf=docs/performance.md
awk -v start="## A long timeline" 'BEGIN { skip = 0 } index($0, start) == 1 { skip = 1; next } skip && /^## / { skip = 0 } !skip' "$perf" > "$work/rest.md"
cat "$work/rest.md" > "$perf"
printf '\n' >> "$perf"
cat "$section" >> "$perf"
