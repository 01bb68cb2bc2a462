#!/usr/bin/env bash
# Prints the path of a Python interpreter that can import torch: $MLP_PYTHON if set, else
# the first python3 on PATH that has it, else /usr/bin/python3 (Debian's python3-torch; a
# pyenv python3 first on PATH may lack it). Fails, saying what it tried, when none has it.
set -euo pipefail
tried=()
candidates=()
[ -n "${MLP_PYTHON:-}" ] && candidates+=("$MLP_PYTHON")
IFS=: read -ra dirs <<< "${PATH:-}"
for d in "${dirs[@]}"; do [ -n "$d" ] && [ -x "$d/python3" ] && candidates+=("$d/python3"); done
candidates+=(/usr/bin/python3)
for p in "${candidates[@]}"; do
  # find_spec answers without importing torch (which takes seconds).
  if "$p" -c 'import importlib.util, sys; sys.exit(0 if importlib.util.find_spec("torch") else 1)' 2>/dev/null; then
    echo "$p"
    exit 0
  fi
  tried+=("$p")
done
echo "PyTorch not found: none of ${tried[*]} imports torch; run scripts/setup.sh (it installs Debian's python3-torch) or set MLP_PYTHON" >&2
exit 1
