import { describe, expect, it } from 'vitest';
import { arrange } from '../generation/arrangement/arrange';
import { applyEdits } from '../generation/edit-log/apply';
import { parseEditLog } from '../generation/edit-log/schema';
import { humaniseOps } from './humanise';

const melody = Array.from({ length: 16 }, (_, i) => ({
  pitch: 60 + (i % 7),
  quantizedStartStep: i * 2,
  quantizedEndStep: i * 2 + 2,
  velocity: 100,
}));
const base = arrange({ melody, progression: ['C', 'G'], bars: 2, tempo: 100, key: 'C', scale: 'major', style: 'pop' });
const velocities = (ops: ReturnType<typeof humaniseOps>) =>
  applyEdits(base, ops)
    .tracks.find((t) => t.id === 'melody')
    ?.notes.map((n) => n.velocity) ?? [];

describe('humanise', () => {
  it('is replayable: the same seed and amount give the same operations; another seed others', () => {
    const a = humaniseOps(base, { track: 'melody', seed: 7, amount: 0.5 });
    expect(humaniseOps(base, { track: 'melody', seed: 7, amount: 0.5 })).toEqual(a);
    expect(humaniseOps(base, { track: 'melody', seed: 8, amount: 0.5 })).not.toEqual(a);
    expect(a.length).toBeGreaterThan(8);
    // the operations are an ordinary edit log: they parse and apply
    expect(parseEditLog({ version: 1, ops: a }).ops).toEqual(a);
    expect(velocities(a)).not.toEqual(melody.map((n) => n.velocity));
  });

  it('varies velocity only, within the spread, never the notes themselves; amount 0 changes nothing', () => {
    const ops = humaniseOps(base, { track: 'melody', seed: 3, amount: 1 });
    for (const op of ops) {
      if (op.op !== 'updateNote') throw new Error('unexpected op');
      expect({ ...op.to, velocity: 0 }).toEqual({ ...op.from, velocity: 0 });
      expect(Math.abs(op.to.velocity - op.from.velocity)).toBeLessThanOrEqual(24 + 8);
    }
    expect(humaniseOps(base, { track: 'melody', seed: 3, amount: 0 })).toEqual([]);
    expect(() => humaniseOps(base, { track: 'melody', seed: -1, amount: 0.5 })).toThrow();
  });

  it('pins the rule: seed 1, amount 1 on four notes', () => {
    const four = {
      ...base,
      tracks: base.tracks.map((t) => (t.id === 'melody' ? { ...t, notes: melody.slice(0, 4) } : t)),
    };
    const v = applyEdits(four, humaniseOps(four, { track: 'melody', seed: 1, amount: 1 }))
      .tracks.find((t) => t.id === 'melody')
      ?.notes.map((n) => n.velocity);
    expect(v).toMatchInlineSnapshot(`
      [
        97,
        110,
        115,
        92,
      ]
    `);
  });
});
