#!/usr/bin/env bash
# Puts the SARIF 2.1.0 JSON schema at .tools/sarif-schema-2.1.0.json, taken from an npm package that ships it,
# so the lint tests can check `fireside lint --format sarif` against the real schema.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
target="$root/.tools/sarif-schema-2.1.0.json"
[ -f "$target" ] && exit 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null && tar xzf ./*.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json)
mkdir -p "$root/.tools"
mv "$work/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$target"
