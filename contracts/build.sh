#!/usr/bin/env bash
# Reproduce contracts/build/*.json from contracts/src/*.sol (not run in CI; needs node + npm).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
SOLC_VERSION="${SOLC_VERSION:-0.8.26}"
work="${SOLC_DIR:-/tmp/solc}"
mkdir -p "$work"
if [ ! -d "$work/node_modules/solc" ]; then
  (cd "$work" && npm init -y >/dev/null && npm install "solc@$SOLC_VERSION")
fi
node "$here/compile.js" "$work/node_modules/solc"
