#!/usr/bin/env bash
# Validates an OpenAPI description with Redocly's linter (ctest: openapi), pinned by
# package-lock.json and installed with `npm ci` on first use (the npm registry only).
#   scripts/openapi/lint.sh [SPEC]     (default: searchd/server/openapi.yaml)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
spec=${1:-$here/../../searchd/server/openapi.yaml}
command -v node >/dev/null || { echo "openapi: node not found (scripts/install-deps.sh installs it)" >&2; exit 1; }
if [[ ! -f $here/node_modules/@redocly/cli/package.json ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
# No telemetry or update check: CI reaches the npm registry and nothing else.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
out=$("$here/node_modules/.bin/redocly" lint "$spec" --config "$here/redocly.yaml" --format=stylish 2>&1) || {
  echo "$out"
  exit 1
}
echo "$out" | grep -vE '[║╔╚]'
# Warnings count as failures too: the description must stay clean.
if grep -qE '^\s+[0-9]+:[0-9]+\s+warning' <<<"$out"; then
  echo "openapi: warnings above must be fixed" >&2
  exit 1
fi
