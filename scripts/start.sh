#!/usr/bin/env bash
# The main job: installs what is missing, builds the wasm core and the library, builds the
# static site, and serves it on localhost (printing the URL; PORT overrides 8080, and the
# next free port is taken when that one is busy).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
"$here/scripts/build-lib.sh"
"$here/scripts/build-site.sh"
exec node "$here/scripts/serve.mjs" "$here/dist/site" "${PORT:-8080}"
