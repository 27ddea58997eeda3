/**
 * Tune memory: what the piece so far says comes next, mixed with the model's own prediction (sampler version 3,
 * docs/provenance/SPEC.md 7.13).
 *
 * Tunes restate themselves (a 2-bar phrase comes back four bars later); an LSTM trained on 64-step windows does not
 * learn to copy, and a cache over the piece does. For the next step t and each memory order k (ascending), the
 * memory finds every earlier position s (k <= s < t) whose k preceding events equal the k events before t, and counts
 * the events found at those positions: M_k(w) = c_k(w) / c_k. The prediction is
 *
 *   P(w) = ( W[b][0] Q(w) + sum_j W[b][j] M'_j(w) ) / sum_j W[b][j],   M'_j = M_j if order j matched, else Q
 *
 * where Q is the model's distribution (softmax of logits / temperature, float64), b is the bucket (0 when no order
 * matched, else 1 + the index of the longest order that matched: a longer remembered context earns a different
 * trust), and W the mixture weights, one row per bucket, fitted by EM on the validation split
 * (scripts/models/fit-tune-memory.ts). Pure and float64 throughout, so Node and browsers give the same numbers.
 */
import { z } from 'zod';
import { largestLogit, weighted, type Sfc32 } from './prng';

export const tuneMemorySchema = z
  .object({
    /** Memory orders in sixteenth steps, strictly ascending (e.g. a beat, half a bar, a bar, two, four). */
    orders: z.array(z.number().int().min(1).max(256)).min(1).max(12),
    /**
     * Mixture weights: row b is bucket b (0: nothing remembered; 1 + j: order j is the longest remembered), entry 0
     * the model, entry 1 + j order j. Non-negative, each row with a positive sum (rows are normalised by their sum).
     */
    weights: z.array(z.array(z.number().min(0).max(1))),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.orders.some((k, i) => i > 0 && k <= (m.orders[i - 1] ?? 0)))
      ctx.addIssue({ code: 'custom', path: ['orders'], message: 'orders must be strictly ascending' });
    const width = m.orders.length + 1;
    if (m.weights.length !== width)
      ctx.addIssue({ code: 'custom', path: ['weights'], message: `needs ${width} rows (one per bucket)` });
    m.weights.forEach((row, b) => {
      if (row.length !== width)
        ctx.addIssue({ code: 'custom', path: ['weights', b], message: `needs ${width} weights (model, then orders)` });
      else if (!(row.reduce((a, x) => a + x, 0) > 0))
        ctx.addIssue({ code: 'custom', path: ['weights', b], message: 'must have a positive sum' });
    });
  });
export type TuneMemoryMixture = z.infer<typeof tuneMemorySchema>;

/** Counts of what followed one remembered context. */
export type Recalled = { readonly counts: ReadonlyMap<number, number>; readonly total: number };

/** The piece so far, indexed by every memory order. */
export class PieceMemory {
  private readonly events: number[] = [];
  /** Per order: key of k events -> counts of the next event. */
  private readonly seen: Map<string, { counts: Map<number, number>; total: number }>[];

  constructor(readonly orders: readonly number[]) {
    this.seen = orders.map(() => new Map());
  }

  get length(): number {
    return this.events.length;
  }

  private key(k: number): string {
    return this.events.slice(this.events.length - k).join(',');
  }

  /** For the next position: per order, what followed its last k events earlier in the piece (undefined: never). */
  recall(): (Recalled | undefined)[] {
    const t = this.events.length;
    return this.orders.map((k, i) => (t < k ? undefined : this.seen[i]!.get(this.key(k))));
  }

  /** Appends the next event, remembering it after each order's context. */
  push(event: number): void {
    const t = this.events.length;
    this.orders.forEach((k, i) => {
      if (t < k) return;
      const key = this.key(k);
      const table = this.seen[i]!;
      let next = table.get(key);
      if (!next) table.set(key, (next = { counts: new Map(), total: 0 }));
      next.counts.set(event, (next.counts.get(event) ?? 0) + 1);
      next.total++;
    });
    this.events.push(event);
  }
}

/** The bucket of a recall: 0 when no order matched, else 1 + the index of the longest order that matched. */
export function memoryBucket(recalled: readonly (Recalled | undefined)[]): number {
  for (let j = recalled.length - 1; j >= 0; j--) if (recalled[j]) return j + 1;
  return 0;
}

/** The mixture's probability of event `w`, given the model's probability of it: the NLL of the evaluation. */
export function mixtureProbability(
  modelProbability: number,
  recalled: readonly (Recalled | undefined)[],
  mixture: TuneMemoryMixture,
  w: number,
): number {
  const row = mixture.weights[memoryBucket(recalled)] ?? [];
  let p = (row[0] ?? 0) * modelProbability;
  let sum = row[0] ?? 0;
  recalled.forEach((m, j) => {
    const weight = row[j + 1] ?? 0;
    p += weight * (m ? (m.counts.get(w) ?? 0) / m.total : modelProbability);
    sum += weight;
  });
  return p / sum;
}

/**
 * The mixture over every event, from the model's logits at `temperature`: Q = softmax(logits / T) in float64 (as
 * `sampleCategorical` weighs them, `eventWeights` included: sampler version 4 weighs the model's note-ons before
 * the mix, SPEC.md 7.15); with T = 0, Q is one-hot at the first largest logit.
 */
export function mixtureDistribution(
  logits: ArrayLike<number>,
  temperature: number,
  recalled: readonly (Recalled | undefined)[],
  mixture: TuneMemoryMixture,
  eventWeights?: ArrayLike<number>,
): Float64Array {
  const n = logits.length;
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new RangeError(`bad temperature ${temperature}`);
  const q = new Float64Array(n);
  const { max, argmax } = largestLogit(logits);
  if (temperature === 0) q[argmax] = 1;
  else {
    let total = 0;
    for (let i = 0; i < n; i++)
      total += q[i] = weighted(Math.exp((Number(logits[i]) - max) / temperature), eventWeights, i);
    for (let i = 0; i < n; i++) q[i] = (q[i] ?? 0) / total;
  }
  const row = mixture.weights[memoryBucket(recalled)] ?? [];
  const sum = row.reduce((a, x) => a + x, 0);
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) p[i] = ((row[0] ?? 0) * (q[i] ?? 0)) / sum;
  recalled.forEach((m, j) => {
    const weight = (row[j + 1] ?? 0) / sum;
    if (weight === 0) return;
    if (!m) for (let i = 0; i < n; i++) p[i] = (p[i] ?? 0) + weight * (q[i] ?? 0);
    else for (const [e, c] of m.counts) if (e >= 0 && e < n) p[e] = (p[e] ?? 0) + (weight * c) / m.total;
  });
  return p;
}

/**
 * Draws an event from probabilities `p` (over `allowed` only, ascending, when given): one uniform u from `rng`,
 * scaled by the sum of the eligible probabilities, the first event whose running sum exceeds it, in index order;
 * the first largest as the fallback (also when every eligible probability is 0). With `temperature` 0 no uniform is
 * drawn and the first largest is taken; otherwise exactly one is drawn.
 */
export function sampleFromDistribution(
  p: Float64Array,
  temperature: number,
  rng: Sfc32,
  allowed?: readonly number[],
): number {
  const eligible = allowed ?? Array.from(p.keys());
  if (eligible.length === 0) throw new RangeError('sampleFromDistribution: no eligible event');
  let argmax = eligible[0] ?? 0;
  let total = 0;
  for (const i of eligible) {
    if (i < 0 || i >= p.length) throw new RangeError(`sampleFromDistribution: event ${i} outside the distribution`);
    if ((p[i] ?? 0) > (p[argmax] ?? 0)) argmax = i;
    total += p[i] ?? 0;
  }
  if (temperature === 0) return argmax;
  const u = rng.nextFloat() * total;
  let acc = 0;
  for (const i of eligible) {
    acc += p[i] ?? 0;
    if (u < acc) return i;
  }
  return argmax;
}

/**
 * The mixture with the memory's share of every row scaled by `strength` (0: the model alone; 1: unchanged), the rest
 * handed to the model: row' = [r0 + (1 − s) Σ r_j, s r_1, ..., s r_J]. The EM fit maximises the likelihood of the
 * next step; sampling with all of it over-repeats (scripts/models/fit-tune-memory.ts picks `strength` by the
 * samples' MGEval overlap on the validation tunes).
 */
export function withMemoryStrength(mixture: TuneMemoryMixture, strength: number): TuneMemoryMixture {
  if (!(strength >= 0 && strength <= 1)) throw new RangeError(`memory strength must be in 0..1, got ${strength}`);
  return {
    orders: [...mixture.orders],
    weights: mixture.weights.map((row) => {
      const memory = row.slice(1).reduce((a, w) => a + w, 0);
      // a row of rounded weights can sum to a hair over 1: the model's share stays within the schema's 0..1
      return [Math.min(1, (row[0] ?? 0) + (1 - strength) * memory), ...row.slice(1).map((w) => strength * w)];
    }),
  };
}
