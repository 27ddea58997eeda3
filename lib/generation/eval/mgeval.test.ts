import { describe, expect, it } from 'vitest';
import { melodyEventsFromNotes, type QuantizedNote } from '../notes/melody';
import {
  excerpt,
  interSetDistances,
  intraSetDistances,
  mgevalFeatures,
  mgevalOverlap,
  noteLengthClass,
  openingExcerpts,
  overlappingArea,
  scottBandwidth,
} from './mgeval';

const note = (pitch: number, start: number, end: number): QuantizedNote => ({
  pitch,
  quantizedStartStep: start,
  quantizedEndStep: end,
});

/** mulberry32: a small seeded generator, so the sets below are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 16-bar piece of stepwise notes in C major, an eighth or a quarter long, around middle C. */
function stepwisePiece(seed: number): QuantizedNote[] {
  const r = random(seed);
  const scale = [60, 62, 64, 65, 67, 69, 71, 72, 74];
  const notes: QuantizedNote[] = [];
  let i = 4;
  for (let t = 0; t < 256;) {
    const length = r() < 0.6 ? 2 : 4;
    i = Math.max(0, Math.min(scale.length - 1, i + Math.floor(r() * 3) - 1));
    notes.push(note(scale[i]!, t, Math.min(t + length, 256)));
    t += length;
  }
  return notes;
}

/** A 16-bar piece of whole notes leaping over three octaves of the chromatic scale. */
function leapingPiece(seed: number): QuantizedNote[] {
  const r = random(seed);
  return Array.from({ length: 16 }, (_, bar) => note(48 + Math.floor(r() * 36), bar * 16, bar * 16 + 16));
}

describe('mgevalFeatures', () => {
  it('gives the hand-computed features of C E G C′ (three quarters and a half)', () => {
    const f = mgevalFeatures([note(64, 4, 8), note(60, 0, 4), note(67, 8, 12), note(72, 12, 20)]);
    expect(f.pitch_count).toEqual([4]);
    expect(f.pitch_range).toEqual([12]);
    expect(f.avg_pitch_interval).toEqual([4]); // (4 + 3 + 5) / 3
    expect(f.note_count).toEqual([4]);
    expect(f.avg_ioi).toEqual([4]);
    expect(f.pitch_class_histogram).toEqual([0.5, 0, 0, 0, 0.25, 0, 0, 0.25, 0, 0, 0, 0]);
    const pcTrans = new Array<number>(144).fill(0);
    pcTrans[0 * 12 + 4] = 1; // C -> E
    pcTrans[4 * 12 + 7] = 1; // E -> G
    pcTrans[7 * 12 + 0] = 1; // G -> C
    expect(f.pitch_class_transition_matrix).toEqual(pcTrans);
    // classes: 1 = half, 2 = quarter
    expect(f.note_length_histogram).toEqual([0, 0.25, 0.75, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const lenTrans = new Array<number>(144).fill(0);
    lenTrans[2 * 12 + 2] = 2;
    lenTrans[2 * 12 + 1] = 1;
    expect(f.note_length_transition_matrix).toEqual(lenTrans);
  });

  it('puts a length in the nearest of the twelve classes', () => {
    expect(noteLengthClass(16)).toBe(0);
    expect(noteLengthClass(3)).toBe(7); // dotted eighth
    expect(noteLengthClass(6)).toBe(6); // dotted quarter
    expect(noteLengthClass(5)).toBe(9); // nearest a half-note triplet (5.33)
    expect(noteLengthClass(32)).toBe(0);
  });

  it('takes the opening of every piece long enough, as notes, and leaves shorter pieces out', () => {
    const long = Array.from(melodyEventsFromNotes([note(60, 0, 4), note(62, 14, 20)], 24));
    const short = Array.from(melodyEventsFromNotes([note(64, 0, 8)], 8));
    expect(openingExcerpts([{ events: long }, { events: short }], 16)).toEqual([
      [note(60, 0, 4), note(62, 14, 16)].map((n) => expect.objectContaining(n)),
    ]);
  });

  it('cuts an excerpt at its end', () => {
    expect(excerpt([note(60, 0, 4), note(62, 14, 20), note(64, 16, 18)], 16)).toEqual([
      note(60, 0, 4),
      note(62, 14, 16),
    ]);
  });
});

describe('distances and densities', () => {
  it('takes intra-set distances over distinct pairs and inter-set distances over all pairs', () => {
    expect(intraSetDistances([[0], [1], [3]])).toEqual([1, 3, 2]);
    expect(
      interSetDistances(
        [[0, 0]],
        [
          [3, 4],
          [0, 1],
        ],
      ),
    ).toEqual([5, 1]);
  });

  it("uses Scott's rule as scipy does", () => {
    expect(scottBandwidth([0, 2])).toBeCloseTo(Math.SQRT2 * 2 ** -0.2, 12);
  });

  it('gives the closed form for two Gaussians of width 1, one apart: 2Φ(-1/2)', () => {
    expect(overlappingArea([0], [1], { bandwidths: [1, 1] })).toBeCloseTo(0.617075, 4);
    expect(overlappingArea([0], [3], { bandwidths: [1, 1] })).toBeCloseTo(0.133614, 4); // 2Φ(-3/2)
  });

  it('is 1 for identical samples and 0 for samples far apart', () => {
    const a = [0.5, 1, 1.2, 2, 2.5, 3, 4.1];
    expect(overlappingArea(a, a)).toBeCloseTo(1, 6);
    expect(
      overlappingArea(
        a,
        a.map((x) => x + 100),
      ),
    ).toBeLessThan(1e-6);
    expect(overlappingArea([2, 2, 2], [2, 2, 2])).toBeCloseTo(1, 6);
  });
});

describe('mgevalOverlap', () => {
  const real = Array.from({ length: 40 }, (_, i) => stepwisePiece(i + 1));

  it('is near 1 when the generated set is the real set', () => {
    const r = mgevalOverlap(real, real);
    expect(r.oa).toBeGreaterThan(0.95);
    expect(r.perFeature).toHaveLength(9);
  });

  it('is high for another sample of the same kind of piece', () => {
    const other = Array.from({ length: 40 }, (_, i) => stepwisePiece(1000 + i));
    expect(mgevalOverlap(other, real).oa).toBeGreaterThan(0.85);
  });

  it('is low for clearly different pieces', () => {
    const leaps = Array.from({ length: 40 }, (_, i) => leapingPiece(i + 1));
    const r = mgevalOverlap(leaps, real);
    expect(r.oa).toBeLessThan(0.3);
    for (const f of r.perFeature) expect(f.oa).toBeLessThan(0.6);
  });
});
