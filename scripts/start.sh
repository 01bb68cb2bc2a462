#!/usr/bin/env bash
# The main job: installs what is missing, builds the wasm core and the library, builds the
# static site if it is not up to date, and serves it on localhost (printing the URL).
# Until the site exists it runs the kernel benchmark instead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
"$here/scripts/build-lib.sh"
if [ -f "$here/web/index.html" ]; then
  "$here/scripts/build-site.sh"
  exec node "$here/scripts/serve.mjs" "$here/dist/site" "${PORT:-8080}"
fi
"$here/scripts/cpp.sh" native bench
"$here/build/native/bench_kernels" --quick
