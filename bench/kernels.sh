#!/usr/bin/env bash
# Kernel throughput (GFLOP/s) of the dense kernels at the shapes of workloads A-D, natively
# (g++, SIMD via SIMDe) and in wasm (SIMD build and scalar build, under Node), plus the GEMM
# ceiling. Writes bench/results/kernels-<build>.jsonl and prints a summary table.
# Usage: bench/kernels.sh [--quick]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="${MLP_BUILD_ROOT:-$here/build}"
out="$here/bench/results"
mkdir -p "$out"
for flavour in native wasm-simd wasm-scalar; do
  "$here/scripts/cpp.sh" "$flavour" bench >/dev/null
  if [ "$flavour" = native ]; then
    "$root/native/bench_kernels" "$@" > "$out/kernels-native.jsonl"
  else
    node --no-experimental-fetch "$root/$flavour/bench_kernels.js" "$@" > "$out/kernels-$flavour.jsonl"
  fi
done
node "$here/bench/kernels-table.mjs" "$out"
