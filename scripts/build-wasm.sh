#!/usr/bin/env bash
# Builds the two Embind modules of the npm package (SIMD and scalar), and the site's
# first-load module (mlp-simd-lite: SIMD, a subset; not in the package), and puts them where
# the TypeScript library imports them from: web/src/core/wasm/ (not in git).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/web/src/core/wasm"
mkdir -p "$out"
for flavour in simd scalar; do
  "$here/scripts/cpp.sh" "wasm-$flavour" module
  dir="${MLP_BUILD_ROOT:-$here/build}/wasm-$flavour"
  cp "$dir/mlp-$flavour.mjs" "$dir/mlp-$flavour.wasm" "$out/"
  if [ "$flavour" = simd ]; then cp "$dir/mlp-simd-lite.mjs" "$dir/mlp-simd-lite.wasm" "$out/"; fi
done
