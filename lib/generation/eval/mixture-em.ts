/**
 * Mixture weights of fixed component models by expectation-maximisation on held-out steps: for each step, the
 * probability each component gave the true event, and the bucket whose weights mix them (one row of weights per
 * bucket; one bucket for a plain mixture). EM never lowers the held-out likelihood from one iteration to the next;
 * it stops when the NLL improves by less than 1e-7 nats or after `iterations`. Used by the tune-memory baseline
 * (tune-memory.ts) and by the fit of the shipped models' tune memory (scripts/models/fit-tune-memory.ts).
 */
import { NgramError } from './ngram';

export type MixtureStep = { bucket: number; components: ArrayLike<number> };
export type MixtureFit = { weights: number[][]; nll: number; iterations: number; stepsPerBucket: number[] };

/** Fits `buckets` rows of `width` weights, starting uniform; a bucket no step falls in keeps uniform weights. */
export function fitMixtureWeights(
  steps: readonly MixtureStep[],
  buckets: number,
  width: number,
  iterations = 60,
): MixtureFit {
  if (steps.length === 0) throw new NgramError('fitMixtureWeights needs at least one step');
  let weights = Array.from({ length: buckets }, () => new Array<number>(width).fill(1 / width));
  const stepsPerBucket = new Array<number>(buckets).fill(0);
  for (const s of steps) {
    if (!Number.isInteger(s.bucket) || s.bucket < 0 || s.bucket >= buckets)
      throw new NgramError(`bucket ${s.bucket} outside 0..${buckets - 1}`);
    if (s.components.length !== width)
      throw new NgramError(`a step has ${s.components.length} components, not ${width}`);
    stepsPerBucket[s.bucket]!++;
  }
  let nll = Infinity;
  for (let it = 1; it <= iterations; it++) {
    const responsibility = Array.from({ length: buckets }, () => new Array<number>(width).fill(0));
    let total = 0;
    for (const s of steps) {
      const row = weights[s.bucket]!;
      let p = 0;
      for (let j = 0; j < width; j++) p += row[j]! * (s.components[j] ?? 0);
      total -= Math.log(p);
      const r = responsibility[s.bucket]!;
      for (let j = 0; j < width; j++) r[j]! += (row[j]! * (s.components[j] ?? 0)) / p;
    }
    const previous = nll;
    nll = total / steps.length;
    weights = responsibility.map((r, b) => (stepsPerBucket[b] ? r.map((x) => x / stepsPerBucket[b]!) : weights[b]!));
    if (previous - nll < 1e-7) return { weights, nll, iterations: it, stepsPerBucket };
  }
  return { weights, nll, iterations, stepsPerBucket };
}

/**
 * Mean NLL (nats per step) of given mixture weights on `steps`, each row normalised by its sum as the sampler mixes
 * (docs/provenance/SPEC.md 7.13): what a fit scores a candidate row with (e.g. the EM weights with the memory's share
 * scaled down, scripts/models/fit-tune-memory.ts) without running the model again.
 */
export function mixtureNll(steps: readonly MixtureStep[], weights: readonly (readonly number[])[]): number {
  if (steps.length === 0) throw new NgramError('mixtureNll needs at least one step');
  let total = 0;
  for (const s of steps) {
    const row = weights[s.bucket];
    if (!row) throw new NgramError(`bucket ${s.bucket} has no row of weights`);
    let p = 0;
    let sum = 0;
    for (let j = 0; j < row.length; j++) {
      p += row[j]! * (s.components[j] ?? 0);
      sum += row[j]!;
    }
    total -= Math.log(p / sum);
  }
  return total / steps.length;
}
