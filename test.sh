#!/usr/bin/env bash
# Runs every Fireside test. Installs what the tests need and the machine lacks:
# Chromium (browser tests) and PostgreSQL (data tests), from Debian's packages.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} with apt-get…"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The SARIF schema the lint tests validate against comes from npm.
tests/tools/fetch-sarif-schema.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Fireside.slnx -c Release -nologo -v quiet

log=$(mktemp)
status=0
# One test project at a time: on two cores, the browser tests stay steady when they do not share the CPU.
dotnet test Fireside.slnx -c Release --no-build -nologo -m:1 2>&1 | tee "$log" || status=$?

# One plain closing line for CI, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed: /{
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { gsub(",", "", f); printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
