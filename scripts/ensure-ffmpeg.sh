#!/usr/bin/env bash
# Installs Debian's ffmpeg when it is missing: the loudness tests measure the SoundFont render with its ebur128
# filter (an independent BS.1770 meter; lib/generation/render/sf/sf-renderer.test.ts).
set -euo pipefail
if [ -x /usr/bin/ffmpeg ]; then exit 0; fi
echo "ffmpeg is missing: installing Debian's ffmpeg package (needs root and apt)..." >&2
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends ffmpeg >&2
