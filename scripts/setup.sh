#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for building and testing mlp-playground:
# Debian packages (compilers, Emscripten, header libraries, Chromium for browser tests)
# and the pinned npm packages. Idempotent and quiet when everything is present.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# fonts-wqy-microhei: a small CJK font, so the E2E screenshots of the Chinese lessons show
# their text (Debian's Chromium has no CJK font otherwise).
# python3-torch: PyTorch (with torchrun and gloo), the oracle of the PyTorch export and the
# golden trajectories (tests/golden/regenerate.py).
# clang + libfuzzer-14-dev: the ASan/UBSan build and the JSON readers' fuzzer. firefox-esr,
# webkit2gtk-driver (WebKitGTK's WebKitWebDriver and MiniBrowser), xvfb + xauth (xvfb-run):
# the E2E smoke in those engines.
packages=(cmake g++ make googletest libsimde-dev nlohmann-json3-dev emscripten chromium fonts-wqy-microhei python3-torch
          clang libfuzzer-14-dev firefox-esr webkit2gtk-driver xvfb xauth)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The tests run PyTorch with the interpreter that has it (not necessarily the python3 first
# on PATH): no such interpreter is a setup error, not a reason to skip tests.
"$here/scripts/torch-python.sh" >/dev/null

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: Node.js 20 and npm are required (apt-get install nodejs npm, or nodesource)" >&2
  exit 1
fi

# npm packages, exactly as locked. Re-run when the lock file changed since the last install.
if [ -f "$here/package-lock.json" ]; then
  stamp="$here/node_modules/.install-stamp"
  if [ ! -f "$stamp" ] || [ "$here/package-lock.json" -nt "$stamp" ]; then
    echo "setup: npm ci"
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
fi
