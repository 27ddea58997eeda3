#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (never a Playwright-downloaded build): the
# browser, and its old headless shell (`chromium-headless-shell`, the same source package and version), which the
# tests launch when it is there (test/support/chromium.ts: a tenth less CPU than the full browser in headless mode).
# The browser is required; the shell only saves time, so a machine that cannot install it runs the full browser.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

# A package missing from the current lists (a fresh machine's are empty) needs them refreshed first.
install() {
  $SUDO apt-get install -y -qq "$@" >&2 || { $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq "$@" >&2; }
}

if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium is missing: installing Debian's chromium package (needs root and apt)..." >&2
  install chromium
fi
if [ ! -x /usr/bin/chromium-headless-shell ]; then
  echo "Installing Debian's chromium-headless-shell (needs root and apt)..." >&2
  install chromium-headless-shell || echo "chromium-headless-shell could not be installed: the tests use the full browser" >&2
fi
