#!/usr/bin/env bash
# Configures, builds and tests the C++ core in one of three flavours:
#   scripts/cpp.sh native       [build|test|bench]          g++, SIMD kernels through SIMDe
#   scripts/cpp.sh wasm-simd    [build|test|bench|module]   em++ -msimd128, tests under Node
#   scripts/cpp.sh wasm-scalar  [build|test|bench|module]   em++ without SIMD (the fallback)
# `module` builds only the Embind module of the npm package; `bench` only the benchmarks.
# Build trees go to ${MLP_BUILD_ROOT:-build}/<flavour>.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
flavour="${1:?flavour: native | wasm-simd | wasm-scalar}"
action="${2:-build}"
dir="${MLP_BUILD_ROOT:-$here/build}/$flavour"
jobs="$(nproc 2>/dev/null || echo 2)"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"   # Debian's emscripten needs acorn from here

case "$flavour" in
  native)
    cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DMLP_SIMD=ON >/dev/null ;;
  wasm-simd|wasm-scalar)
    simd=ON; [ "$flavour" = wasm-scalar ] && simd=OFF
    node="$(command -v node)"
    emcmake cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DMLP_SIMD=$simd \
      -DMLP_MODULE_NAME="mlp-${flavour#wasm-}" \
      "-DCMAKE_CROSSCOMPILING_EMULATOR=$node;--no-experimental-fetch" >/dev/null ;;
  *) echo "unknown flavour $flavour" >&2; exit 2 ;;
esac

case "$action" in
  build) cmake --build "$dir" -j "$jobs" ;;
  test)
    cmake --build "$dir" -j "$jobs"
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" ;;
  module) cmake --build "$dir" -j "$jobs" --target mlp_module ;;
  bench) cmake --build "$dir" -j "$jobs" --target bench_kernels bench_network ;;
  *) echo "unknown action $action" >&2; exit 2 ;;
esac
