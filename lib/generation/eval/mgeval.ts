/**
 * The MGEval metric set (L.-C. Yang and A. Lerch, "On the evaluation of generative models in music", Neural Computing
 * and Applications, 2018; reference code: github.com/RichardYang40148/mgeval): how close the note statistics of a
 * set of generated pieces are to a set of real ones. Pure functions over quantized notes (sixteenth steps).
 *
 * 1. Each piece gives nine features (`mgevalFeatures`): pitch count, pitch-class histogram, pitch-class transition
 *    matrix, pitch range, average pitch interval, note count, average inter-onset interval, note-length histogram and
 *    note-length transition matrix (the paper's piece-level set, as MGEval's demo computes it).
 * 2. Per feature, the intra-set distances of the real set (Euclidean distance between the features of every pair of
 *    distinct real pieces) and the inter-set distances (between every generated piece and every real piece).
 * 3. Each distance set is smoothed by a Gaussian kernel density estimate (Scott's rule, as scipy's `gaussian_kde`).
 * 4. The overlapping area of the two densities, ∫ min(f_inter, f_intra) dx (1: the generated pieces are as far from
 *    the real ones as real pieces are from each other; 0: nothing in common); the set's figure is the mean over the
 *    nine features.
 *
 * Two choices differ from MGEval's reference code and are stated here so a reader can re-derive the figure: the
 * integral runs over the whole support of both densities (the reference code integrates only between the smallest
 * and the largest sample, which cuts off the tails and makes even identical sets score below 1), and a kernel width
 * is never below 1% of the samples' span (a feature whose distances are all equal would otherwise be a spike of
 * width 0, on which scipy fails).
 */
import { notesFromMelodyEvents, type QuantizedNote } from '../notes/melody';

export const MGEVAL_FEATURES = [
  'pitch_count',
  'pitch_class_histogram',
  'pitch_class_transition_matrix',
  'pitch_range',
  'avg_pitch_interval',
  'note_count',
  'avg_ioi',
  'note_length_histogram',
  'note_length_transition_matrix',
] as const;

export type MgevalFeature = (typeof MGEVAL_FEATURES)[number];

/** One piece's features, each a vector (a scalar feature is a vector of one). */
export type MgevalFeatures = Record<MgevalFeature, readonly number[]>;

/**
 * MGEval's twelve note-length classes, in sixteenth steps: whole, half, quarter, eighth, sixteenth, dotted half,
 * dotted quarter, dotted eighth, dotted sixteenth, half triplet, quarter triplet, eighth triplet. A note belongs to
 * the class nearest its length (the first on a tie).
 */
export const NOTE_LENGTH_CLASSES: readonly number[] = [16, 8, 4, 2, 1, 12, 6, 3, 1.5, 16 / 3, 8 / 3, 4 / 3];

export function noteLengthClass(steps: number): number {
  let best = 0;
  for (let i = 1; i < NOTE_LENGTH_CLASSES.length; i++)
    if (Math.abs(NOTE_LENGTH_CLASSES[i]! - steps) < Math.abs(NOTE_LENGTH_CLASSES[best]! - steps)) best = i;
  return best;
}

function normalised(v: number[]): number[] {
  const sum = v.reduce((a, b) => a + b, 0);
  return sum > 0 ? v.map((x) => x / sum) : v;
}

/**
 * The nine features of one piece. Notes in onset order (the lower pitch first on a tie). Histograms are normalised
 * to sum 1; transition matrices are counts (MGEval's defaults); an empty piece gives zeros.
 */
export function mgevalFeatures(notes: readonly QuantizedNote[]): MgevalFeatures {
  const sorted = [...notes].sort((a, b) => a.quantizedStartStep - b.quantizedStartStep || a.pitch - b.pitch);
  const pitches = sorted.map((n) => n.pitch);
  const pcHist = new Array<number>(12).fill(0);
  const pcTrans = new Array<number>(144).fill(0);
  const lenHist = new Array<number>(12).fill(0);
  const lenTrans = new Array<number>(144).fill(0);
  const lengthClasses = sorted.map((n) => noteLengthClass(n.quantizedEndStep - n.quantizedStartStep));
  let shift = 0;
  let ioi = 0;
  sorted.forEach((n, i) => {
    const pc = ((n.pitch % 12) + 12) % 12;
    pcHist[pc]!++;
    lenHist[lengthClasses[i]!]!++;
    if (i > 0) {
      const prev = sorted[i - 1]!;
      const prevPc = ((prev.pitch % 12) + 12) % 12;
      pcTrans[prevPc * 12 + pc]!++;
      lenTrans[lengthClasses[i - 1]! * 12 + lengthClasses[i]!]!++;
      shift += Math.abs(n.pitch - prev.pitch);
      ioi += n.quantizedStartStep - prev.quantizedStartStep;
    }
  });
  const pairs = Math.max(sorted.length - 1, 1);
  return {
    pitch_count: [new Set(pitches).size],
    pitch_class_histogram: normalised(pcHist),
    pitch_class_transition_matrix: pcTrans,
    pitch_range: [pitches.length ? Math.max(...pitches) - Math.min(...pitches) : 0],
    avg_pitch_interval: [shift / pairs],
    note_count: [sorted.length],
    avg_ioi: [ioi / pairs],
    note_length_histogram: normalised(lenHist),
    note_length_transition_matrix: lenTrans,
  };
}

function euclidean(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - (b[i] ?? 0)) ** 2;
  return Math.sqrt(s);
}

/** Distances between every pair of distinct members of one set (i < j). */
export function intraSetDistances(set: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < set.length; i++) for (let j = i + 1; j < set.length; j++) out.push(euclidean(set[i]!, set[j]!));
  return out;
}

/** Distances between every member of one set and every member of the other. */
export function interSetDistances(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  for (const x of a) for (const y of b) out.push(euclidean(x, y));
  return out;
}

/** Scott's rule, as scipy's gaussian_kde in one dimension: sample standard deviation (n - 1) times n^(-1/5). */
export function scottBandwidth(samples: readonly number[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  const variance = samples.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  return Math.sqrt(variance) * n ** -0.2;
}

/** A Gaussian kernel density over the samples (repeated values folded into weights), on an even grid. */
function densityOnGrid(samples: readonly number[], bandwidth: number, start: number, step: number, points: number) {
  const counts = new Map<number, number>();
  for (const x of samples) counts.set(x, (counts.get(x) ?? 0) + 1);
  const out = new Float64Array(points);
  const norm = 1 / (samples.length * bandwidth * Math.sqrt(2 * Math.PI));
  const reach = REACH * bandwidth; // exp(-REACH²/2): nothing left to add past it
  for (const [x, count] of counts) {
    const from = Math.max(0, Math.ceil((x - reach - start) / step));
    const to = Math.min(points - 1, Math.floor((x + reach - start) / step));
    for (let g = from; g <= to; g++) out[g]! += count * Math.exp(-0.5 * ((start + g * step - x) / bandwidth) ** 2);
  }
  for (let g = 0; g < points; g++) out[g]! *= norm;
  return out;
}

/** Kernel widths past which a Gaussian is taken as 0 (its density there is below 1e-17 of its peak). */
const REACH = 9;

function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

export type OverlapOptions = {
  /** Kernel widths to use instead of Scott's rule (for tests against a closed form). */
  bandwidths?: readonly [number, number];
  /** Grid points of the integral (default 4,001). */
  points?: number;
};

/**
 * The overlapping area ∫ min(f_a, f_b) dx of the Gaussian kernel density estimates of two sample sets, by the
 * trapezoid rule over both densities' whole support (from the smallest sample minus nine kernel widths to the
 * largest plus nine). 1 for identical sets, near 0 for sets far apart.
 */
export function overlappingArea(a: readonly number[], b: readonly number[], options: OverlapOptions = {}): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [loA, hiA] = extent(a);
  const [loB, hiB] = extent(b);
  const lo = Math.min(loA, loB);
  const span = Math.max(hiA, hiB) - lo;
  const floor = span > 0 ? span / 100 : 1;
  const [ha, hb] = options.bandwidths ?? [Math.max(scottBandwidth(a), floor), Math.max(scottBandwidth(b), floor)];
  const reach = REACH * Math.max(ha, hb);
  const points = options.points ?? 4001;
  const start = lo - reach;
  const step = (span + 2 * reach) / (points - 1);
  const fa = densityOnGrid(a, ha, start, step, points);
  const fb = densityOnGrid(b, hb, start, step, points);
  let area = 0;
  for (let g = 0; g < points; g++) {
    const m = Math.min(fa[g]!, fb[g]!);
    area += g === 0 || g === points - 1 ? m / 2 : m;
  }
  return Math.min(area * step, 1);
}

export type MgevalResult = {
  /** Mean of the per-feature overlapping areas. */
  oa: number;
  perFeature: { feature: MgevalFeature; oa: number }[];
};

/**
 * MGEval's overlapping area of a generated set against a real set: per feature, the density of the inter-set
 * distances (generated vs real) against the density of the real set's intra-set distances; the mean over features.
 */
export function mgevalOverlap(
  generated: readonly (readonly QuantizedNote[])[],
  real: readonly (readonly QuantizedNote[])[],
): MgevalResult {
  const gen = generated.map(mgevalFeatures);
  const ref = real.map(mgevalFeatures);
  const perFeature = MGEVAL_FEATURES.map((feature) => {
    const g = gen.map((x) => x[feature]);
    const r = ref.map((x) => x[feature]);
    return { feature, oa: overlappingArea(interSetDistances(g, r), intraSetDistances(r)) };
  });
  return { oa: perFeature.reduce((s, f) => s + f.oa, 0) / perFeature.length, perFeature };
}

/** The notes of the first `steps` steps of a piece (a note crossing the end is cut there). */
export function excerpt(notes: readonly QuantizedNote[], steps: number): QuantizedNote[] {
  return notes
    .filter((n) => n.quantizedStartStep < steps)
    .map((n) => ({ ...n, quantizedEndStep: Math.min(n.quantizedEndStep, steps) }));
}

/**
 * The real set MGEval compares with: the first `steps` steps, as notes, of every piece (melody events) at least that
 * long. One home for it, shared by the bench and the fits that score studio pieces against real tunes.
 */
export function openingExcerpts(pieces: readonly { events: readonly number[] }[], steps: number): QuantizedNote[][] {
  return pieces.filter((p) => p.events.length >= steps).map((p) => excerpt(notesFromMelodyEvents(p.events), steps));
}
