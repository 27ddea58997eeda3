/**
 * The trainer is deterministic: a short seeded run reproduces the recorded first losses exactly, and (melody) the
 * loss at step 50 of the shipped run's log (training/runs/<id>.json). Needs Debian's PyTorch for /usr/bin/python3:
 * scripts/ensure-python-torch.sh installs it when missing (root + apt).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const expected = JSON.parse(readFileSync(join(root, 'training', 'expected-first-losses.json'), 'utf8')) as Record<'melody' | 'chords', number[]>;

function losses(model: 'melody' | 'chords', steps: number): number[] {
  const out = execFileSync('/usr/bin/python3', ['training/train.py', '--model', model, '--stop-after', String(steps), '--print-losses'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 240_000,
  });
  return out
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { loss: number }).loss);
}

describe('training reproducibility (PyTorch, 1 thread, fixed seeds)', () => {
  beforeAll(() => {
    execFileSync('bash', ['scripts/ensure-python-torch.sh'], { cwd: root, stdio: 'inherit', timeout: 600_000 });
    if (!existsSync(join(root, 'training', 'cache', 'melody.json')) || !existsSync(join(root, 'training', 'cache', 'chords.json'))) {
      execFileSync('npx', ['tsx', 'scripts/models/prepare-data.ts'], { cwd: root, stdio: 'inherit', timeout: 300_000 });
    }
  }, 900_000);

  it('melody: first 5 losses exactly as recorded, step 50 as in the shipped run', () => {
    const got = losses('melody', 50);
    expect(got.slice(0, 5)).toEqual(expected.melody);
    const log = JSON.parse(readFileSync(join(root, 'training', 'runs', 'motif-melody-2x256-v1.json'), 'utf8')) as { log: Array<{ step: number; loss?: number }> };
    const at50 = log.log.find((e) => e.step === 50 && e.loss !== undefined);
    expect(at50?.loss).toBe(got[49]);
  }, 300_000);

  it('chords: first 5 losses exactly as recorded', () => {
    expect(losses('chords', 5)).toEqual(expected.chords);
  }, 300_000);
});
