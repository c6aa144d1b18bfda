#!/usr/bin/env bash
# Measures how long Fireside takes from start to its first page, on a fresh SQLite database
# (created and migrated on start) and on an existing one. Writes the numbers to docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-5}
port=${PORT:-5190}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build src/Fireside.Web -c Release -nologo -v quiet >/dev/null

now_ms() { date +%s%3N; }

# Starts the app, waits for the first page (/setup on a new database), prints milliseconds, stops it.
measure() {
  local db=$1 mode=$2 start pid ms
  start=$(now_ms)
  if [ "$mode" = run ]; then
    Database__Path=$db dotnet run --project src/Fireside.Web -c Release --no-build --no-launch-profile --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
  else
    Database__Path=$db dotnet src/Fireside.Web/bin/Release/net10.0/Fireside.Web.dll --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/Fireside.Web" >"$work/app.log" 2>&1 &
  fi
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/setup"; do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$work/app.log" >&2; exit 1; fi
    sleep 0.02
  done
  ms=$(( $(now_ms) - start ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ms"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

fresh_dll=(); warm_dll=(); fresh_run=()
for i in $(seq "$runs"); do
  fresh_dll+=("$(measure "$work/fresh-$i.db" dll)")
  warm_dll+=("$(measure "$work/fresh-$i.db" dll)")
  fresh_run+=("$(measure "$work/run-$i.db" run)")
done

m_fresh=$(printf '%s\n' "${fresh_dll[@]}" | median)
m_warm=$(printf '%s\n' "${warm_dll[@]}" | median)
m_run=$(printf '%s\n' "${fresh_run[@]}" | median)

mkdir -p docs
section="$work/section.md"
cat > "$section" <<MD
## Start-up to first page (\`bench/startup.sh\`)

From launching the web app until \`/setup\` answers 200 (SQLite, Release build). Median of $runs runs.

| How it was started | Database | Median (ms) | All runs (ms) |
|---|---|---|---|
| \`dotnet Fireside.Web.dll\` | new file: created and migrated on start | $m_fresh | ${fresh_dll[*]} |
| \`dotnet Fireside.Web.dll\` | existing file | $m_warm | ${warm_dll[*]} |
| \`dotnet run --project src/Fireside.Web --no-build\` | new file | $m_run | ${fresh_run[*]} |

Measured on $(date -u +%Y-%m-%d).
MD
perf=docs/performance.md
[ -s "$perf" ] || printf '# Performance\n\nNumbers measured on this project'"'"'s machine (2 cores, 24 GiB, Debian 12, .NET SDK %s). Re-run the scripts in `bench/` to refresh them; each replaces its own section.\n' "$(dotnet --version)" > "$perf"
awk -v start="## Start-up to first page" 'BEGIN { skip = 0 } index($0, start) == 1 { skip = 1; next } skip && /^## / { skip = 0 } !skip' "$perf" > "$work/rest.md"
cat "$work/rest.md" > "$perf"
printf '\n' >> "$perf"
cat "$section" >> "$perf"
echo "first page: new database ${m_fresh} ms, existing database ${m_warm} ms, via dotnet run ${m_run} ms"
