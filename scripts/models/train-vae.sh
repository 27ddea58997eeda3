#!/usr/bin/env bash
# Reproduces the shipped 2-bar MusicVAE (public/models/motif-vae-2bar-v1) from ../shared/datasets on CPU (1 thread),
# writes its logits fixture and training metrics. Then update SHIPPED_LATENT_MODELS in
# lib/generation/models/registry.ts (test/models/registry.test.ts names the CID it expects).  `npm run models:train-vae`
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/ensure-python-torch.sh
npx tsx scripts/models/prepare-data.ts
/usr/bin/python3 training/train_vae.py --out public/models/motif-vae-2bar-v1 \
  --fixture test/models/fixtures/motif-vae-2bar-v1.logits.json --metrics training/runs/motif-vae-2bar-v1.json
