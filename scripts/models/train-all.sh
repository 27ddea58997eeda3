#!/usr/bin/env bash
# Reproduces the shipped checkpoints from ../shared/datasets on CPU (1 thread; ~20 min per model on these machines),
# evaluates them, recomputes their CIDs into the registry, fits their tune memories and rewrites the model cards.
# `npm run models:train`
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/ensure-python-torch.sh
npx tsx scripts/models/prepare-data.ts
train() { # task id
  /usr/bin/python3 training/train.py --model "$1" --out "public/models/$2" \
    --fixture "test/models/fixtures/$2.logits.json" --metrics "training/runs/$2.json"
  /usr/bin/python3 training/evaluate.py --model "$1" --checkpoint "public/models/$2" --out "training/runs/$2.eval.json"
}
train melody motif-melody-2x256-v1
train chords motif-improv-2x256-v1
# v2: the same recipes with the meter input (lib/generation/notes/meter-encoding.ts), the studio's defaults
train melody-meter motif-melody-2x256-v2
train chords-meter motif-improv-2x256-v2
npx tsx scripts/models/register.ts
npx tsx scripts/models/fit-tune-memory.ts
npx tsx scripts/models/fit-temperature.ts
npx tsx scripts/models/fit-onset-weight.ts
npx tsx scripts/models/write-cards.ts
