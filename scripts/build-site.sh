#!/usr/bin/env bash
# Builds the static playground into dist/site/: the wasm modules first when they are
# missing or older than the C++ sources, the ONNX codec (scripts/gen-onnx.mjs), the digits
# asset when missing or stale, then `vite build` (relative paths throughout).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
wasm="$here/web/src/core/wasm"
stale=0
for f in mlp-simd.wasm mlp-scalar.wasm mlp-simd.mjs mlp-scalar.mjs mlp-simd-lite.wasm mlp-simd-lite.mjs; do
  [ -f "$wasm/$f" ] || stale=1
done
if [ "$stale" = 0 ]; then
  newer="$(find "$here/cpp" "$here/CMakeLists.txt" -newer "$wasm/mlp-simd.wasm" -type f -print -quit)"
  [ -n "$newer" ] && stale=1
fi
if [ "$stale" = 1 ]; then
  "$here/scripts/build-wasm.sh"
fi
node "$here/scripts/gen-onnx.mjs"   # the ONNX codec's static code, imported by the library
node "$here/scripts/build-digits.mjs"
(cd "$here" && npx vite build --logLevel warn)
echo "site built in dist/site"
