#!/usr/bin/env bash
# Ensures Debian's CPU PyTorch is importable by /usr/bin/python3 (the python3 on PATH may be another install).
# Used by `npm run models:train` and by `npm test`'s set-up (for test/models/training-repro.test.ts). Needs root + apt.
set -euo pipefail
PY=/usr/bin/python3
if "$PY" -c "import torch" >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt/dpkg run (e.g. scripts/ensure-chromium.sh) instead of failing on its lock.
$SUDO apt-get -o DPkg::Lock::Timeout=600 update
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends python3-torch libopenblas0-pthread
"$PY" -c "import torch; print('torch', torch.__version__)"
