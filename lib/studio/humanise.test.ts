import { describe, expect, it } from 'vitest';
import { arrange } from '../generation/arrangement/arrange';
import { applyEdits } from '../generation/edit-log/apply';
import { parseEditLog, serializeEditLog } from '../generation/edit-log/schema';
import { noteSchema, type ArrangementNote } from '../generation/arrangement/types';
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

  it('version 1 and version 2 without timing give the same operations, with no offsets', () => {
    for (const seed of [1, 2, 3]) {
      const v1 = humaniseOps(base, { track: 'melody', seed, amount: 0.7, version: 1 });
      expect(humaniseOps(base, { track: 'melody', seed, amount: 0.7 })).toEqual(v1);
      expect(humaniseOps(base, { track: 'melody', seed, amount: 0.7, timing: 0, version: 2 })).toEqual(v1);
      expect(JSON.stringify(v1)).not.toContain('offsetTicks');
    }
    expect(() => humaniseOps(base, { track: 'melody', seed: 1, amount: 0.7, timing: 0.5, version: 1 })).toThrow(
      /version 1/,
    );
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

  it('version 2 varies timing too: seeded, bounded, beats steadier, downbeats never rush out of the bar', () => {
    const ops = humaniseOps(base, { track: 'melody', seed: 5, amount: 0.3, timing: 1 });
    expect(humaniseOps(base, { track: 'melody', seed: 5, amount: 0.3, timing: 1 })).toEqual(ops);
    expect(humaniseOps(base, { track: 'melody', seed: 6, amount: 0.3, timing: 1 })).not.toEqual(ops);
    // the velocities are exactly version 1's: the timing draws come after all the velocity draws
    const v1 = applyEdits(base, humaniseOps(base, { track: 'melody', seed: 5, amount: 0.3, version: 1 }));
    const v2 = applyEdits(base, ops);
    const melodyOf = (a: typeof base) => a.tracks.find((t) => t.id === 'melody')?.notes ?? [];
    expect(melodyOf(v2).map((n) => n.velocity)).toEqual(melodyOf(v1).map((n) => n.velocity));
    const offsets = melodyOf(v2).map((n) => n.offsetTicks ?? 0);
    expect(offsets.filter((o) => o !== 0).length).toBeGreaterThan(8);
    expect(offsets.some((o) => o < 0)).toBe(true);
    for (const n of melodyOf(v2)) {
      const o = n.offsetTicks ?? 0;
      expect(n.offsetTicks).not.toBe(0); // omitted when 0
      expect(Math.abs(o)).toBeLessThanOrEqual(n.quantizedStartStep % 4 === 0 ? 24 : 48);
      if (n.quantizedStartStep % 16 === 0) expect(o).toBeGreaterThanOrEqual(0);
      expect(noteSchema.safeParse(n).success).toBe(true);
    }
    // grid positions, pitches and lengths never change
    expect(melodyOf(v2).map((n) => [n.pitch, n.quantizedStartStep, n.quantizedEndStep])).toEqual(
      melodyOf(base).map((n) => [n.pitch, n.quantizedStartStep, n.quantizedEndStep]),
    );
    // the log is an ordinary edit log: it serialises, parses back and replays to the same notes
    const replayed = applyEdits(base, parseEditLog(serializeEditLog(ops)).ops);
    expect(replayed).toEqual(v2);
    // humanising again re-draws the offsets (no drift); timing 0 leaves them alone
    const again = applyEdits(v2, humaniseOps(v2, { track: 'melody', seed: 9, amount: 0, timing: 1 }));
    for (const n of melodyOf(again)) expect(Math.abs(n.offsetTicks ?? 0)).toBeLessThanOrEqual(48);
    const kept = applyEdits(v2, humaniseOps(v2, { track: 'melody', seed: 9, amount: 0.5, timing: 0 }));
    expect(melodyOf(kept).map((n) => n.offsetTicks ?? 0)).toEqual(offsets);
  });

  it('a repeated note never starts before the previous one of the same pitch stops sounding', () => {
    const repeated: ArrangementNote[] = Array.from({ length: 32 }, (_, i) => ({
      pitch: 64,
      quantizedStartStep: i,
      quantizedEndStep: i + 1,
      velocity: 90,
    }));
    const one = {
      ...base,
      tracks: base.tracks.map((t) => (t.id === 'melody' ? { ...t, notes: repeated } : t)),
    };
    for (const seed of [1, 2, 3, 4]) {
      const notes = applyEdits(one, humaniseOps(one, { track: 'melody', seed, amount: 0, timing: 1 })).tracks.find(
        (t) => t.id === 'melody',
      )?.notes;
      const ticks = (notes ?? []).map((n) => [
        n.quantizedStartStep * 120 + (n.offsetTicks ?? 0),
        n.quantizedEndStep * 120 + (n.offsetTicks ?? 0),
      ]);
      for (let i = 1; i < ticks.length; i++) expect(ticks[i]?.[0]).toBeGreaterThanOrEqual(ticks[i - 1]?.[1] ?? 0);
    }
  });

  it('pins the timing rule: seed 1, timing 1 on four notes', () => {
    const four = {
      ...base,
      tracks: base.tracks.map((t) => (t.id === 'melody' ? { ...t, notes: melody.slice(0, 4) } : t)),
    };
    const o = applyEdits(four, humaniseOps(four, { track: 'melody', seed: 1, amount: 1, timing: 1 }))
      .tracks.find((t) => t.id === 'melody')
      ?.notes.map((n) => [n.velocity, n.offsetTicks ?? 0]);
    expect(o).toMatchInlineSnapshot(`
      [
        [
          97,
          0,
        ],
        [
          110,
          -25,
        ],
        [
          115,
          -8,
        ],
        [
          92,
          -34,
        ],
      ]
    `);
  });
});

describe('humanise in 6/8', () => {
  // the same notes (starts 0, 2, ..., 22) in 4/4 and in 6/8 (bars of 12 steps, beats at 0 and 6)
  const compound = { ...base, meter: '6/8' as const, bars: 2 };
  const inMeter = (a: typeof base) =>
    new Map(
      humaniseOps(a, { track: 'melody', seed: 5, amount: 1, timing: 1 })
        .filter((op) => op.op === 'updateNote')
        .map((op) => [op.from.quantizedStartStep, op.to]),
    );

  it("accents the meter's beats: a note on step 6 is 8 louder in 6/8 than in 4/4, one on step 4 8 softer", () => {
    const plain = inMeter(base);
    const six = inMeter(compound);
    expect((six.get(6)?.velocity ?? 0) - (plain.get(6)?.velocity ?? 0)).toBe(8);
    expect((six.get(4)?.velocity ?? 0) - (plain.get(4)?.velocity ?? 0)).toBe(-8);
    // step 12 starts a 6/8 bar: its note may lay back, never rush into the bar before
    const offsets = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((seed) =>
      humaniseOps(compound, { track: 'melody', seed, amount: 0, timing: 1 }).flatMap((o) =>
        o.op === 'updateNote' && o.from.quantizedStartStep === 12 ? [o.to.offsetTicks ?? 0] : [],
      ),
    );
    expect(offsets.length).toBeGreaterThan(0);
    for (const o of offsets) expect(o).toBeGreaterThan(0);
  });
});
