#!/usr/bin/env bash
# Packs the npm package, installs the tarball into an empty temporary folder and imports it
# from plain Node (tests/package/smoke.mjs). Needs `npm run build:lib` first.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
tarball="$(cd "$here" && npm pack --silent --pack-destination "$tmp" | tail -1)"
cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "./$tarball"
cp "$here/tests/package/smoke.mjs" .
node smoke.mjs
