#!/usr/bin/env bash
# Packs the npm package and its scalar companion (packages/scalar/), installs the main
# tarball alone into an empty temporary folder (tests/package/scalar.mjs: SIMD loads, the
# scalar build's absence is a clear error, also on an engine without wasm SIMD: V8 without
# SSE4.1), builds the Vite app below without the companion, then installs the companion and
# imports both from plain Node (tests/package/smoke.mjs; scalar.mjs: the companion's numbers
# are the SIMD build's, and 'auto' falls back to it without SIMD). It also prepares the
# element's two packaging checks, which tests/e2e/package.test.ts opens in Chromium (served from dist/):
#   dist/package-e2e/static/  the installed dist/lib copied into a plain static folder,
#                             loaded by one <script type="module"> (no bundler): the
#                             element (index.html) and the library on a page (library.html)
#   dist/package-e2e/vite/    a tiny app importing 'mlp-playground/element' (and /digits), type-checked
#                             against the package's .d.ts and built by `vite build`
# Needs `npm run build:lib` first.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
tarball="$(cd "$here" && npm pack --silent --pack-destination "$tmp" | tail -1)"
scalar="$(cd "$here" && npm pack --silent --pack-destination "$tmp" ./packages/scalar | tail -1)"
cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "./$tarball"
cp "$here/tests/package/smoke.mjs" "$here/tests/package/scalar.mjs" .
node scalar.mjs missing
node --no-enable-sse4-1 scalar.mjs missing-auto

out="$here/dist/package-e2e"
rm -rf "$out"
mkdir -p "$out/static"
cp -r "$tmp/node_modules/mlp-playground/dist/lib" "$out/static/lib"
cp "$here"/tests/package/static/*.html "$out/static/"

# The Vite app uses the repository's TypeScript and Vite (no download), and no config file:
# Vite's defaults must do.
cp "$here/tests/package/vite-app/"* "$tmp/"
node "$here/node_modules/typescript/bin/tsc" -p "$tmp/tsconfig.json"
node "$here/node_modules/vite/bin/vite.js" build "$tmp" --base ./ --outDir "$out/vite" --emptyOutDir --logLevel warn
ls "$out/vite/assets" | grep -q '\.wasm$' || { echo "the Vite build emitted no .wasm file" >&2; exit 1; }
ls "$out/vite/assets" | grep -q '^digits-.*\.bin$' || { echo "the Vite build emitted no digits asset" >&2; exit 1; }

# The companion next to it: the full smoke test, and the scalar build's numbers.
npm install --no-audit --no-fund --loglevel=error "./$scalar"
node smoke.mjs
node scalar.mjs installed
node --no-enable-sse4-1 scalar.mjs auto-fallback
echo "element packaging checks prepared in dist/package-e2e (static, vite)"
