#!/usr/bin/env bash
# The library at scale: generates REVIEWS published reviews (default 100,000; each with 30 timeline entries,
# 2 accounts, 2 takeaways, 3 factors filed under themes, a remediation item, its people, meeting, room and survey)
# into a fresh SQLite database and a throw-away PostgreSQL, rebuilds the search index, and times typical searches
# with facets, the library's home, related reviews and insights. Writes the numbers to docs/performance.md
# (section "The library").
#   REVIEWS=100000   size of the corpus
#   PROVIDERS="sqlite postgres"
#   ROWS=FILE        write the section from rows printed by earlier runs (`Fireside.Bench library …`) instead of running
#   FIRESIDE_BENCH_KEEP=/path.db   keep the SQLite corpus; FIRESIDE_BENCH_REUSE=/path.db times it again
#   FIRESIDE_BENCH_POSTGRES="Host=…;Port=…;Username=…;Database=…"   use a PostgreSQL of your own and keep the corpus
#                    there (to read query plans with psql); with FIRESIDE_BENCH_REUSE=yes it is timed again
#   FIRESIDE_BENCH_ONLY=reads      with a reused corpus, time the reads only (no reindex, no import); =insights: only
#                    the insights; =import: the
#                    import's cost only
#   FIRESIDE_BENCH_PROFILE=yes     print where the imports, the searches and insights spend their time in SQL (to stderr)
set -euo pipefail
cd "$(dirname "$0")/.."
reviews=${REVIEWS:-100000}
providers=${PROVIDERS:-sqlite postgres}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "${ROWS:-}" ]; then
  cp "$ROWS" "$work/rows.md"
else
  dotnet build bench/Fireside.Bench -c Release -nologo -v quiet >/dev/null
  bench="dotnet bench/Fireside.Bench/bin/Release/net10.0/Fireside.Bench.dll"
  for provider in $providers; do
    echo "Generating $reviews reviews into $provider and timing the library…"
    $bench library "$provider" "$reviews" | tee -a "$work/rows.md"
  done
fi

section="$work/section.md"
{
  echo "## The library (\`bench/library.sh\`)"
  echo
  echo "A generated corpus of $(printf "%'d" "$reviews") reviews (9 in 10 published), each with 30 timeline entries, 2 accounts, 2 takeaways, 3 contributing factors filed under themes, a remediation item, and its people (a facilitator from a pool of 40, sometimes a shadow or co-facilitator, a note taker, 2 actors mostly interviewed), a meeting, 2 to 8 people in the room and up to 3 survey answers. Its words follow a skewed (Zipf) draw over 20,000 made-up words and 70 incident words, so a common word such as \"database\" is in about a third of the reviews and most words are far rarer. Each search is the whole operation (match, permission, filters, total, facets, the page and its snippets) on a fresh context; 25 runs after 3 warm-ups (insights: 5 runs counted afresh, 15 kept); on this 2-core machine."
  echo
  echo "| Database | What | p50, or the totals | p95, or the index's cost |"
  echo "|---|---|---|---|"
  cat "$work/rows.md"
  echo
  echo "Goals (issue 12): typical searches with facets at p95 under 50 ms, the library's home and insights under 300 ms, the index adding under 20% to import time. ${NOTE:-}Measured on $(date -u +%Y-%m-%d)."
} > "$section"

perf=docs/performance.md
touch "$perf"
awk -v start="## The library" 'BEGIN { skip = 0 } index($0, start) == 1 { skip = 1; next } skip && /^## / { skip = 0 } !skip' "$perf" > "$work/rest.md"
cat "$work/rest.md" > "$perf"
printf '\n' >> "$perf"
cat "$section" >> "$perf"
cat "$section"
