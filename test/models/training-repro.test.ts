/**
 * The trainer is deterministic: a short seeded run reproduces the recorded first losses exactly, and (melody) the
 * loss at step 50 of the shipped run's log (training/runs/<id>.json). Needs Debian's PyTorch for /usr/bin/python3 and
 * the encoded corpora: `npm test`'s set-up runs scripts/ensure-python-torch.sh and scripts/ensure-training-data.sh.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
type Run = 'melody' | 'chords' | 'melody-meter' | 'chords-meter' | 'vae';
const expected = JSON.parse(readFileSync(join(root, 'training', 'expected-first-losses.json'), 'utf8')) as Record<
  Run,
  number[]
>;

function losses(model: Run, steps: number): number[] {
  const script = model === 'vae' ? ['training/train_vae.py'] : ['training/train.py', '--model', model];
  const out = execFileSync('/usr/bin/python3', [...script, '--stop-after', String(steps), '--print-losses'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return out
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { loss: number }).loss);
}

/** The loss at step 50 in a shipped run's log (training/runs/<id>.json). */
function shippedLossAt50(id: string): number | undefined {
  const log = JSON.parse(readFileSync(join(root, 'training', 'runs', `${id}.json`), 'utf8')) as {
    log: Array<{ step: number; loss?: number }>;
  };
  return log.log.find((e) => e.step === 50 && e.loss !== undefined)?.loss;
}

describe('training reproducibility (PyTorch, 1 thread, fixed seeds)', () => {
  beforeAll(() => {
    // Installs and data preparation belong to the set-up (npm test runs both scripts), never to a test hook.
    const missing = ['melody', 'chords'].filter((m) => !existsSync(join(root, 'training', 'cache', `${m}.json`)));
    if (missing.length > 0)
      throw new Error(`training/cache lacks ${missing.join(', ')}: run scripts/ensure-training-data.sh`);
    if (spawnSync('/usr/bin/python3', ['-c', 'import torch']).status !== 0)
      throw new Error('PyTorch is missing: run scripts/ensure-python-torch.sh');
  });

  it('melody: first 5 losses exactly as recorded, step 50 as in the shipped run', () => {
    const got = losses('melody', 50);
    expect(got.slice(0, 5)).toEqual(expected.melody);
    expect(shippedLossAt50('motif-melody-2x256-v1')).toBe(got[49]);
  });

  it('chords: first 5 losses exactly as recorded', () => {
    expect(losses('chords', 5)).toEqual(expected.chords);
  });

  it('meter-aware melody (v2): first 5 losses exactly as recorded, step 50 as in the shipped run', () => {
    const got = losses('melody-meter', 50);
    expect(got.slice(0, 5)).toEqual(expected['melody-meter']);
    expect(shippedLossAt50('motif-melody-2x256-v2')).toBe(got[49]);
  });

  it('meter-aware chords (v2): first 5 losses exactly as recorded', () => {
    expect(losses('chords-meter', 5)).toEqual(expected['chords-meter']);
  });

  it('vae (training/train_vae.py): first 5 losses exactly as recorded, step 50 as in the shipped run', () => {
    const got = losses('vae', 50);
    expect(got.slice(0, 5)).toEqual(expected.vae);
    expect(shippedLossAt50('motif-vae-2bar-v1')).toBe(got[49]);
  });
});
