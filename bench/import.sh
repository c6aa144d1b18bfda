#!/usr/bin/env bash
# Imports a generated Slack workspace export with MESSAGES messages (default 1,000,000) into a fresh
# SQLite database with `fireside import`, and records wall time and peak memory in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${MESSAGES:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build bench/Fireside.Bench -c Release -nologo -v quiet >/dev/null
dotnet build src/Fireside.Cli -c Release -nologo -v quiet >/dev/null
fireside="dotnet src/Fireside.Cli/bin/Release/net10.0/fireside.dll"

dotnet bench/Fireside.Bench/bin/Release/net10.0/Fireside.Bench.dll slack-export "$work/export.zip" "$messages"
zip_mb=$(awk -v b="$(stat -c %s "$work/export.zip")" 'BEGIN { printf "%.1f", b / 1048576 }')
review=$($fireside reviews create --title "Import benchmark" --database "$work/bench.db")
summary=$(/usr/bin/time -v $fireside import slack "$work/export.zip" --review "$review" --database "$work/bench.db" 2> "$work/time.txt")
elapsed=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{ print $NF }')
rss_mb=$(grep "Maximum resident set size" "$work/time.txt" | awk '{ printf "%.0f", $NF / 1024 }')
again=$(/usr/bin/time -v $fireside import slack "$work/export.zip" --review "$review" --database "$work/bench.db" 2> "$work/time2.txt")
elapsed2=$(grep "Elapsed (wall clock)" "$work/time2.txt" | awk '{ print $NF }')
echo "$summary in $elapsed, peak $rss_mb MB; again: $again in $elapsed2"

section="$work/section.md"
cat > "$section" <<MD
## Importing a Slack export (\`bench/import.sh\`)

A generated Slack workspace export with $(printf "%'d" "$messages") messages (${zip_mb} MB zip, one channel, 20,000 messages a day),
imported with \`fireside import slack\` into a new SQLite database on this 2-core machine.

| Run | Result | Wall time | Peak memory |
|---|---|---|---|
| First import | $summary | $elapsed | $rss_mb MB |
| Same file again | $again | $elapsed2 | |

Goal: under 60 s and under 500 MB. Measured on $(date -u +%Y-%m-%d).
MD
perf=docs/performance.md
awk -v start="## Importing a Slack export" 'BEGIN { skip = 0 } index($0, start) == 1 { skip = 1; next } skip && /^## / { skip = 0 } !skip' "$perf" > "$work/rest.md"
cat "$work/rest.md" > "$perf"
printf '\n' >> "$perf"
cat "$section" >> "$perf"
