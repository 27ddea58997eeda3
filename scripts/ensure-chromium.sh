#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (never a Playwright-downloaded build): the
# browser, and its old headless shell (`chromium-headless-shell`, the same source package and version), which the
# tests launch (test/support/chromium.ts: a tenth less CPU than the full browser in headless mode).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromium-headless-shell ] || missing+=(chromium-headless-shell)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "Installing Debian's ${missing[*]} (needs root and apt)..." >&2
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
# a package missing from the current lists (a fresh machine's lists are empty) needs them refreshed first
$SUDO apt-get install -y -qq "${missing[@]}" >&2 || { $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq "${missing[@]}" >&2; }
