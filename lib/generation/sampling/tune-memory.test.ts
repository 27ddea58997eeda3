import { describe, expect, it } from 'vitest';
import { Sfc32 } from './prng';
import {
  memoryBucket,
  mixtureDistribution,
  mixtureProbability,
  PieceMemory,
  sampleFromDistribution,
  tuneMemorySchema,
  withMemoryStrength,
  type TuneMemoryMixture,
} from './tune-memory';

const memoryOf = (orders: number[], events: number[]): PieceMemory => {
  const m = new PieceMemory(orders);
  for (const e of events) m.push(e);
  return m;
};
const uniformRows = (orders: number): number[][] =>
  Array.from({ length: orders + 1 }, () => new Array<number>(orders + 1).fill(1 / (orders + 1)));

describe('tuneMemorySchema', () => {
  it('takes ascending orders and one row of weights per bucket, each with a positive sum', () => {
    const ok = (orders: number[], weights: number[][], extra = {}) =>
      tuneMemorySchema.safeParse({ orders, weights, ...extra }).success;
    expect(ok([1, 4], uniformRows(2))).toBe(true);
    expect(ok([4, 1], uniformRows(2))).toBe(false);
    expect(ok([1, 1], uniformRows(2))).toBe(false);
    expect(ok([1, 4], uniformRows(1))).toBe(false);
    expect(
      ok(
        [1],
        [
          [1, 0],
          [0, 0],
        ],
      ),
    ).toBe(false);
    expect(
      ok(
        [1],
        [
          [1, 0],
          [-1, 2],
        ],
      ),
    ).toBe(false);
    expect(
      ok(
        [1],
        [
          [1, 0],
          [0, 1],
        ],
        { extra: 1 },
      ),
    ).toBe(false);
  });
});

describe('PieceMemory', () => {
  it('recalls what followed each order of the last events earlier in the piece, and nothing it never saw', () => {
    const m = memoryOf([1, 2, 3], [5, 6, 7, 5, 6]);
    const [o1, o2, o3] = m.recall();
    // after "6" came 7 (once); after "5 6" came 7; "7 5 6" never occurred before
    expect(o1 && Object.fromEntries(o1.counts)).toEqual({ 7: 1 });
    expect(o2 && o2.total).toBe(1);
    expect(o3).toBeUndefined();
    expect(memoryBucket(m.recall())).toBe(2);
    // "6" was followed by 7 and by 8 now; "5 6 8" never occurred: the longest order remembered is order 1's
    const after = memoryOf([1, 2, 3], [5, 6, 7, 5, 6, 8, 6]).recall();
    expect(after[0] && Object.fromEntries(after[0].counts)).toEqual({ 7: 1, 8: 1 });
    expect(memoryBucket(after)).toBe(1);
    expect(memoryBucket(memoryOf([1], [1, 2]).recall())).toBe(0);
  });
});

/** Orders 1 and 2: the model alone with nothing remembered, half and half after one event, mostly memory after two. */
const mixture: TuneMemoryMixture = {
  orders: [1, 2],
  weights: [
    [1, 0, 0],
    [0.5, 0.5, 0],
    [0.2, 0.3, 0.5],
  ],
};

describe('the mixture', () => {
  const logits = [0.5, 2, -1, 0.25];

  it('is a distribution that agrees with mixtureProbability event by event, in every bucket', () => {
    for (const events of [
      [0, 1],
      [0, 1, 2, 0],
      [3, 1, 3, 1, 3],
    ]) {
      const recalled = memoryOf(mixture.orders, events).recall();
      const p = mixtureDistribution(logits, 1, recalled, mixture);
      expect(p.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
      const z = logits.reduce((a, l) => a + Math.exp(l), 0);
      p.forEach((x, w) =>
        expect(x).toBeCloseTo(mixtureProbability(Math.exp(logits[w]!) / z, recalled, mixture, w), 12),
      );
    }
  });

  it('with nothing remembered it is the model; a remembered context moves the mass to what followed it', () => {
    const plain = mixtureDistribution(logits, 1, memoryOf([1, 2], [0]).recall(), mixture);
    const z = logits.reduce((a, l) => a + Math.exp(l), 0);
    plain.forEach((x, w) => expect(x).toBeCloseTo(Math.exp(logits[w]!) / z, 12));
    // "3 1" then 3 was seen: bucket 2 puts 0.3 + 0.5 on event 3 beyond the model's share
    const remembered = mixtureDistribution(logits, 1, memoryOf([1, 2], [3, 1, 3, 1]).recall(), mixture);
    expect(remembered[3]).toBeCloseTo(0.2 * plain[3]! + 0.8, 12);
  });

  it("weighs the model's events before the mix (sampler version 4), the memory's share unweighted", () => {
    const recalled = memoryOf([1, 2], [3, 1, 3, 1]).recall();
    const weights = [1, 1, 2, 2];
    const p = mixtureDistribution(logits, 1, recalled, mixture, weights);
    expect(p.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
    const z = logits.reduce((a, l, i) => a + Math.exp(l) * weights[i]!, 0);
    p.forEach((x, w) =>
      expect(x).toBeCloseTo(mixtureProbability((Math.exp(logits[w]!) * weights[w]!) / z, recalled, mixture, w), 12),
    );
    expect(Array.from(mixtureDistribution(logits, 1, recalled, mixture, [1, 1, 1, 1]))).toEqual(
      Array.from(mixtureDistribution(logits, 1, recalled, mixture)),
    );
  });

  it('temperature 0 is one-hot at the first largest logit before mixing, and draws no uniform', () => {
    const p = mixtureDistribution(logits, 0, memoryOf([1, 2], [0]).recall(), mixture);
    expect(Array.from(p)).toEqual([0, 1, 0, 0]);
    const rng = new Sfc32(7);
    const twin = new Sfc32(7);
    expect(sampleFromDistribution(p, 0, rng)).toBe(1);
    expect(rng.nextUint32()).toBe(twin.nextUint32());
  });
});

describe('sampleFromDistribution', () => {
  const p = Float64Array.from([0.1, 0.2, 0.3, 0.4]);

  it('draws exactly one uniform and takes the event whose running sum passes it', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const rng = new Sfc32(seed);
      const u = new Sfc32(seed).nextFloat();
      const expected = u < 0.1 ? 0 : u < 0.3 ? 1 : u < 0.6 ? 2 : 3;
      expect(sampleFromDistribution(p, 1, rng)).toBe(expected);
      const twin = new Sfc32(seed);
      twin.nextFloat();
      expect(rng.nextUint32()).toBe(twin.nextUint32());
    }
  });

  it('keeps to the allowed events, scaled by their sum, and refuses an event outside the distribution', () => {
    const seen = new Set<number>();
    for (let seed = 1; seed <= 200; seed++) seen.add(sampleFromDistribution(p, 1, new Sfc32(seed), [0, 2]));
    expect([...seen].sort()).toEqual([0, 2]);
    expect(sampleFromDistribution(Float64Array.from([0, 0, 0]), 1, new Sfc32(1), [1, 2])).toBe(1);
    expect(() => sampleFromDistribution(p, 1, new Sfc32(1), [7])).toThrow(RangeError);
    expect(() => sampleFromDistribution(p, 1, new Sfc32(1), [])).toThrow(RangeError);
  });
});

describe('withMemoryStrength', () => {
  it('scales the memory share of every row and hands the rest to the model, each row keeping its sum', () => {
    const half = withMemoryStrength(mixture, 0.5);
    expect(half.weights[2]![0]).toBeCloseTo(0.6, 12);
    expect(half.weights[2]![1]).toBeCloseTo(0.15, 12);
    expect(half.weights[2]![2]).toBeCloseTo(0.25, 12);
    half.weights.forEach((row, b) =>
      expect(row.reduce((a, x) => a + x, 0)).toBeCloseTo(
        mixture.weights[b]!.reduce((a, x) => a + x, 0),
        12,
      ),
    );
    expect(withMemoryStrength(mixture, 1)).toEqual(mixture);
    expect(tuneMemorySchema.safeParse(withMemoryStrength(mixture, 0)).success).toBe(true);
  });

  it('at strength 0 the mixture is the model alone, whatever the piece remembers', () => {
    const logits = [0.5, 2, -1, 0.25];
    const z = logits.reduce((a, l) => a + Math.exp(l), 0);
    const p = mixtureDistribution(logits, 1, memoryOf([1, 2], [3, 1, 3, 1]).recall(), withMemoryStrength(mixture, 0));
    p.forEach((x, w) => expect(x).toBeCloseTo(Math.exp(logits[w]!) / z, 12));
    expect(() => withMemoryStrength(mixture, 1.5)).toThrow(RangeError);
    expect(() => withMemoryStrength(mixture, Number.NaN)).toThrow(RangeError);
  });
});
