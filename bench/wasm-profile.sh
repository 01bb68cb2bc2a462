#!/usr/bin/env bash
# The size profile of the SIMD modules (issue 16, must-have 1): relinks the full and lite
# Embind modules of build/wasm-simd (scripts/cpp.sh wasm-simd module) with their own link
# command plus --profiling-funcs (function names kept) and a wasm-ld link map, into
# build/wasm-simd/profile/, and prints bench/wasm-size.mjs's grouped table for each. Extra
# link flags to try (e.g. -sMALLOC=emmalloc) go in MLP_PROFILE_FLAGS; with
# MLP_PROFILE_PLAIN=1 the relink keeps no names, so its sizes are the shipped module's.
#   bash bench/wasm-profile.sh [lite|full|both]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${MLP_BUILD_ROOT:-$here/build}/wasm-simd"
which="${1:-both}"
"$here/scripts/cpp.sh" wasm-simd module >/dev/null
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
mkdir -p "$dir/profile"
targets=()
[ "$which" = lite ] || targets+=(mlp_module:mlp-simd)
[ "$which" = full ] || targets+=(mlp_module_lite:mlp-simd-lite)
for t in "${targets[@]}"; do
  target="${t%%:*}" name="${t#*:}"
  link="$dir/CMakeFiles/$target.dir/link.txt"
  [ -f "$link" ] || { echo "no link command at $link (build the module first)" >&2; exit 1; }
  out="$dir/profile/$name"
  names=(--profiling-funcs -v)
  [ "${MLP_PROFILE_PLAIN:-0}" = 1 ] && names=()
  # The link command with its output moved to profile/ and the extra flags appended.
  (cd "$dir" && eval "$(sed -E "s# -o [^ ]+\\.mjs# -o $out.mjs#" "$link") ${names[*]} ${MLP_PROFILE_FLAGS:-}") 2>"$out.log"
  if [ "${MLP_PROFILE_PLAIN:-0}" != 1 ]; then
    # emcc refuses -Wl,--Map: run its wasm-ld command (printed by -v) again with a map.
    ld="$(grep -m1 -E '^ *"?[^ ]*wasm-ld' "$out.log")"
    (cd "$dir" && eval "$(sed -E "s# -o [^ ]+# -o $out.ld.wasm#" <<<"$ld") --Map=$out.map")
  fi
  if [ "${MLP_PROFILE_PLAIN:-0}" = 1 ]; then
    echo "$name: $(stat -c %s "$out.wasm") bytes, $(gzip -9c "$out.wasm" | wc -c) gzip -9 (flags: ${MLP_PROFILE_FLAGS:-none})"
  else
    node "$here/bench/wasm-size.mjs" "$out.wasm" --map "$out.map" --top "${MLP_PROFILE_TOP:-25}"
  fi
done
