#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (never a Playwright-downloaded build).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Chromium is missing: installing Debian's chromium package (needs root and apt)..." >&2
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq chromium >&2
