#!/usr/bin/env bash
# Configures, builds and tests the C++ core in one of four flavours:
#   scripts/cpp.sh native       [build|test|bench]          g++, SIMD kernels through SIMDe
#   scripts/cpp.sh wasm-simd    [build|test|bench|module]   em++ -msimd128, tests under Node
#   scripts/cpp.sh wasm-scalar  [build|test|bench|module]   em++ without SIMD (the fallback)
#   scripts/cpp.sh sanitize     [build|test|fuzz]           clang++, ASan + UBSan, libFuzzer
# `module` builds only the Embind module of the npm package; `bench` only the benchmarks;
# `fuzz` runs the JSON readers' libFuzzer target for MLP_FUZZ_SECONDS (default 60) from the
# seed corpus tests/fuzz/corpus (new inputs go to the build tree, never into the repo).
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
  sanitize)
    # -O1: ASan's recommended level (fast enough, exact reports); asserts stay on.
    CC=clang CXX=clang++ cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DMLP_SIMD=ON -DMLP_SANITIZE=ON -DMLP_BENCH=OFF >/dev/null
    # Every sanitizer report fails the run; leaks count.
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" ;;
  *) echo "unknown flavour $flavour" >&2; exit 2 ;;
esac

case "$action" in
  build) cmake --build "$dir" -j "$jobs" ;;
  test)
    cmake --build "$dir" -j "$jobs"
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" ;;
  module) cmake --build "$dir" -j "$jobs" --target mlp_module ;;
  bench) cmake --build "$dir" -j "$jobs" --target bench_kernels bench_network ;;
  fuzz)
    [ "$flavour" = sanitize ] || { echo "fuzz: only the sanitize flavour has fuzz targets" >&2; exit 2; }
    cmake --build "$dir" -j "$jobs" --target fuzz_json
    seconds="${MLP_FUZZ_SECONDS:-60}"
    found="$dir/fuzz/corpus" artifacts="$dir/fuzz/artifacts/"
    mkdir -p "$found" "$artifacts"
    # The first directory receives what the run finds; the committed seeds are read only.
    # -rss_limit_mb: a reader must refuse, not allocate, what it cannot hold.
    "$dir/fuzz_json" -max_total_time="$seconds" -max_len=8192 -rss_limit_mb=1024 -timeout=10 \
      -dict="$here/tests/fuzz/json.dict" -artifact_prefix="$artifacts" -print_final_stats=1 \
      -print_funcs=0 "$found" "$here/tests/fuzz/corpus" 2>&1 |
      awk '/Recommended dictionary/ { skip = 1 } !skip && !/^#[0-9]+\t(NEW|REDUCE|pulse)/ { print } /End of recommended/ { skip = 0 }' ;;
  *) echo "unknown action $action" >&2; exit 2 ;;
esac
