#!/usr/bin/env bash
# The language coach's speed: lints a generated ~20 MB Markdown corpus and reports MB/s (one core, once the JIT has settled, and the first pass),
# times `fireside lint` end to end, checks 2 MB of trigger words without punctuation (the worst case), runs the BenchmarkDotNet suite (10 KB narrative, 1 MB document),
# and measures alex and write-good (installed with npm into a temp folder) on the same corpus.
# Writes the numbers to docs/performance.md (section "Language coach").
#   CORPUS_MB=20       size of the corpus
#   OTHERS_MB=         lint only the first N MB with alex and write-good (they are much slower); empty = whole corpus
set -euo pipefail
cd "$(dirname "$0")/.."
corpus_mb=${CORPUS_MB:-20}
others_mb=${OTHERS_MB:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build bench/Fireside.Bench -c Release -nologo -v quiet >/dev/null
dotnet build src/Fireside.Cli -c Release -nologo -v quiet >/dev/null
bench="dotnet bench/Fireside.Bench/bin/Release/net10.0/Fireside.Bench.dll"
fireside="dotnet src/Fireside.Cli/bin/Release/net10.0/fireside.dll"

$bench corpus "$work/corpus.md" "$corpus_mb"
size=$(stat -c %s "$work/corpus.md")
mb=$(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1048576 }')

echo "Fireside coach, in-process, one core:"
both=$(taskset -c 0 $bench throughput "$work/corpus.md")
ours=$(echo "$both" | head -1)
first=$(echo "$both" | tail -1)
echo "  $ours"
echo "  $first"
ours_mbs=$(echo "$ours" | sed -E 's/.* = ([0-9.]+) MB\/s.*/\1/')

seconds() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); awk -v n=$((e - s)) 'BEGIN { printf "%.2f", n / 1e9 }'; }

worst=$(taskset -c 0 $bench worst-case 2)
echo "  worst case: $worst"

cli_s=$(seconds taskset -c 0 $fireside lint "$work/corpus.md" --format json)
cli_mbs=$(awk -v m="$mb" -v s="$cli_s" 'BEGIN { printf "%.1f", m / s }')
echo "  fireside lint (whole process, one core): ${cli_s} s = ${cli_mbs} MB/s"

echo "BenchmarkDotNet (short run)…"
(cd "$work" && $OLDPWD/bench/Fireside.Bench/bin/Release/net10.0/Fireside.Bench --filter '*' --exporters github >/dev/null 2>&1) || true
report=$(ls "$work"/BenchmarkDotNet.Artifacts/results/*CoachBenchmarks-report-github.md 2>/dev/null | head -1 || true)

echo "Installing alex and write-good with npm…"
(cd "$work" && npm install --silent --no-audit --no-fund alex@11 write-good@1 >/dev/null 2>&1)
sample="$work/corpus.md"
sample_mb=$mb
if [ -n "$others_mb" ]; then
  head -c $((others_mb * 1048576)) "$work/corpus.md" > "$work/sample.md"
  sample="$work/sample.md"
  sample_mb=$(awk -v b="$(stat -c %s "$sample")" 'BEGIN { printf "%.1f", b / 1048576 }')
fi
alex_s=$(seconds taskset -c 0 "$work/node_modules/.bin/alex" "$sample")
wg_s=$(seconds taskset -c 0 "$work/node_modules/.bin/write-good" "$sample")
alex_mbs=$(awk -v m="$sample_mb" -v s="$alex_s" 'BEGIN { printf "%.3f", m / s }')
wg_mbs=$(awk -v m="$sample_mb" -v s="$wg_s" 'BEGIN { printf "%.3f", m / s }')
alex_ratio=$(awk -v a="$ours_mbs" -v b="$alex_mbs" 'BEGIN { printf "%.0f", a / b }')
wg_ratio=$(awk -v a="$ours_mbs" -v b="$wg_mbs" 'BEGIN { printf "%.0f", a / b }')
echo "  alex:       ${sample_mb} MB in ${alex_s} s = ${alex_mbs} MB/s (Fireside is ${alex_ratio}x faster)"
echo "  write-good: ${sample_mb} MB in ${wg_s} s = ${wg_mbs} MB/s (Fireside is ${wg_ratio}x faster)"

section="$work/section.md"
{
  echo "## Language coach (\`bench/coach.sh\`)"
  echo
  echo "A generated Markdown corpus of ${mb} MB (review-like prose with headings, lists, quotes and code), on one core (\`taskset -c 0\`)."
  echo
  echo "| What | Input | Time | Throughput |"
  echo "|---|---|---|---|"
  echo "| Fireside coach, in-process, settled (best of 5) | ${mb} MB | $(echo "$ours" | sed -E 's/.* in ([0-9.]+) s.*/\1/') s | **${ours_mbs} MB/s** |"
  echo "| \`fireside lint --format json\`, whole process | ${mb} MB | ${cli_s} s | ${cli_mbs} MB/s |"
  echo "| alex 11 | ${sample_mb} MB | ${alex_s} s | ${alex_mbs} MB/s (Fireside ${alex_ratio}× faster) |"
  echo "| write-good 1 | ${sample_mb} MB | ${wg_s} s | ${wg_mbs} MB/s (Fireside ${wg_ratio}× faster) |"
  echo
  echo "The in-process figure is the coach as a running server has it: the same text is checked until two passes in a row agree (the JIT has compiled the hot code with its profile), then the best of five passes counts. The ${first}. On one core the JIT's background compiler waits for the checking thread, so the first passes run unoptimised code; with two cores the second pass is already settled."
  echo
  echo "Worst case (\`Fireside.Bench worst-case 2\`): ${worst}. Rules read a word's own sentence only, and a run of more than 160 words without a full stop is read in pieces, so time grows with the length of the text (it took 8 s for 2 MB, and four times that for twice the text, before the cap)."
  echo
  echo "alex and write-good look for different things (insensitive wording; weak prose), so this compares speed, not findings."
  if [ -n "$others_mb" ]; then
    echo "They read only the first ${sample_mb} MB (OTHERS_MB=${others_mb}): at their speed the whole corpus takes many minutes (alex ran for over 10 minutes on the 20 MB corpus here, using 1.3 GB, without finishing). Throughput is per MB either way."
  fi
  echo
  if [ -n "$report" ]; then
    echo "BenchmarkDotNet (\`bench/Fireside.Bench\`, short run): the 10 KB narrative is what the editor checks on each pause in typing."
    echo
    grep -E '^\|' "$report"
    echo
  fi
  echo "Measured on $(date -u +%Y-%m-%d)."
} > "$section"

perf=docs/performance.md
touch "$perf"
# Replace this section, keep the others.
awk -v start="## Language coach" 'BEGIN { skip = 0 } index($0, start) == 1 { skip = 1; next } skip && /^## / { skip = 0 } !skip' "$perf" > "$work/rest.md"
cat "$work/rest.md" > "$perf"
printf '\n' >> "$perf"
cat "$section" >> "$perf"
cat "$section"
