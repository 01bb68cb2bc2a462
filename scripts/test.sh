#!/usr/bin/env bash
# Every test of the project, in ladder order: the C++ suite natively and as wasm (SIMD build
# under Node). Later rungs (Vitest, packed package, browser) are added as they exist.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"

step() { printf '\n==== %s ====\n' "$*"; }
step "C++ tests, native (g++, SIMD kernels via SIMDe)"
"$here/scripts/cpp.sh" native test
step "C++ tests, wasm SIMD build under Node"
"$here/scripts/cpp.sh" wasm-simd test
step "all tests passed"
