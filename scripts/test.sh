#!/usr/bin/env bash
# Every test of the project, in ladder order: the C++ suite natively and as wasm (SIMD
# build under Node), the golden trajectories recomputed by PyTorch, the type check and the
# import graph (no cycles), the library on the real wasm modules (Vitest, with PyTorch and
# ONNX Runtime as oracles; lessons' claims and the layer rules included), the packed
# package imported from an empty folder (and its element prepared on a static page and in
# a Vite app), then the built site and those two pages in headless Chromium (E2E).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"

step() { printf '\n==== %s ====\n' "$*"; }
step "C++ tests, native (g++, SIMD kernels via SIMDe)"
"$here/scripts/cpp.sh" native test
step "C++ tests, wasm SIMD build under Node"
"$here/scripts/cpp.sh" wasm-simd test
step "golden trajectories against PyTorch (tests/golden/regenerate.py --check)"
"$("$here/scripts/torch-python.sh")" "$here/tests/golden/regenerate.py" --check
step "library build (wasm SIMD + scalar modules, TypeScript)"
"$here/scripts/build-lib.sh"
(cd "$here" && npx tsc -p tsconfig.json)
step "no import cycle under web/src (madge; type-only imports count)"
(cd "$here" && npx madge --circular --extensions ts web/src)
step "Vitest on the real wasm modules"
(cd "$here" && npx vitest run)
step "packed package imported from an empty folder; element on a static page and in a Vite app"
"$here/scripts/pack-smoke.sh"
step "static site build (dist/site)"
"$here/scripts/build-site.sh"
step "E2E: the site, the lessons and the packaged element in headless Chromium (screenshots in tests/e2e/artifacts/)"
(cd "$here" && npx vitest run --config vitest.e2e.config.ts)
step "all tests passed"
