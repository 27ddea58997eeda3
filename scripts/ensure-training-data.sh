#!/usr/bin/env bash
# Writes the trainer's encoded corpora (training/cache/{melody,chords}.json, ignored by git) when they are missing.
# Used by `npm test`'s set-up for test/models/training-repro.test.ts, and before `npm run models:train`.
set -euo pipefail
cd "$(dirname "$0")/.."
# The meter fields (barPosition) came with the meter-aware models: a cache without them is rewritten.
if [ -f training/cache/melody.json ] && [ -f training/cache/chords.json ] && grep -q barPosition training/cache/chords.json; then exit 0; fi
exec node --import tsx scripts/models/prepare-data.ts
