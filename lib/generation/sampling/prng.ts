/**
 * Seeded pseudo-random numbers for replayable generation: sfc32 (Chris Doty-Humphrey's "Small Fast Counting" generator,
 * from PractRand; 128-bit state a, b, c, counter d) seeded through splitmix32 and warmed up 12 rounds.
 *
 * Only 32-bit integer operations (`>>>`, `|0`, `Math.imul`) and one exact float conversion are used, so a seed gives
 * the same stream in every JavaScript engine (Node, Chromium, Firefox, Safari).
 *
 *   next uint32:  t = (a + b | 0) + d | 0; d = d + 1 | 0; a = b ^ (b >>> 9); b = c + (c << 3) | 0;
 *                 c = (c << 21 | c >>> 11); c = c + t | 0; return t >>> 0
 *   float in [0, 1) with 53 random bits: (hi >>> 5) * 2^26 + (lo >>> 6)) / 2^53 from two consecutive uint32.
 */
import { BaseError } from '../../errors/base';
export type Seed = number | string;

export class InvalidSeedError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSeedError';
  }
}

/** splitmix32 step (Vigna's splitmix, 32-bit variant with the murmur3-style finaliser). */
function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  z = z ^ (z >>> 15);
  return [s, z >>> 0];
}

/** FNV-1a 32-bit over the UTF-8 bytes of a string seed. */
function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Normalises a seed to a uint32: integers 0..2^32-1 as they are, strings through FNV-1a. */
export function seedToUint32(seed: Seed): number {
  if (typeof seed === 'string') return fnv1a32(seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new InvalidSeedError(`seed must be an integer in 0..2^32-1 or a string, got ${seed}`);
  }
  return seed >>> 0;
}

export class Sfc32 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: Seed) {
    let s = seedToUint32(seed);
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(s);
      s = next;
      words.push(out);
    }
    this.a = words[0] ?? 0;
    this.b = words[1] ?? 0;
    this.c = words[2] ?? 0;
    this.d = words[3] ?? 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1) with 53 random bits (exact in IEEE-754 doubles). */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }
}

/** The largest logit and the first index holding it (index 0 for an empty or all-NaN input). */
export function largestLogit(logits: ArrayLike<number>): { max: number; argmax: number } {
  let max = -Infinity;
  let argmax = 0;
  for (let i = 0; i < logits.length; i++) {
    const v = Number(logits[i]);
    if (v > max) {
      max = v;
      argmax = i;
    }
  }
  return { max, argmax };
}

/**
 * Samples an index from softmax(logits / temperature) in float64. Temperature 0 takes the argmax (first maximum),
 * as Magenta does. Logits are first converted to doubles; the maths (max-subtract, Math.exp, cumulative sum) runs in
 * float64 so the choice depends only on the logits and the PRNG. `eventWeights` (sampler version 4's onset weight,
 * SPEC.md 7.15) multiplies each event's float64 weight exp((logit − max) / temperature) before the sum; absent, every
 * weight is as before. Temperature 0 ignores it (the argmax of the logits).
 */
export function sampleCategorical(
  logits: ArrayLike<number>,
  temperature: number,
  rng: Sfc32,
  eventWeights?: ArrayLike<number>,
): number {
  const n = logits.length;
  if (n === 0) throw new RangeError('sampleCategorical: empty logits');
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new RangeError(`bad temperature ${temperature}`);
  const { max, argmax } = largestLogit(logits);
  if (temperature === 0) return argmax;
  const weights = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weighted(Math.exp((Number(logits[i]) - max) / temperature), eventWeights, i);
    weights[i] = w;
    total += w;
  }
  const u = rng.nextFloat() * total;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += weights[i] ?? 0;
    if (u < acc) return i;
  }
  return argmax; // only reachable through rounding at the very top of the range
}

/**
 * sampleCategorical restricted to the events in `allowed` (ascending indices): the maximum, the weights, their sum,
 * the uniform's comparison and the fallback all run over the allowed events only, in index order (sampler version 2's
 * cadence step, docs/provenance/SPEC.md 7.12). One uniform is drawn when temperature > 0, as for a plain step.
 */
export function sampleCategoricalMasked(
  logits: ArrayLike<number>,
  temperature: number,
  rng: Sfc32,
  allowed: readonly number[],
  eventWeights?: ArrayLike<number>,
): number {
  if (allowed.length === 0) throw new RangeError('sampleCategoricalMasked: no allowed event');
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new RangeError(`bad temperature ${temperature}`);
  let max = -Infinity;
  let argmax = allowed[0] ?? 0;
  for (const i of allowed) {
    if (i < 0 || i >= logits.length) throw new RangeError(`sampleCategoricalMasked: event ${i} outside the logits`);
    const v = Number(logits[i]);
    if (v > max) {
      max = v;
      argmax = i;
    }
  }
  if (temperature === 0) return argmax;
  const weights = new Float64Array(allowed.length);
  let total = 0;
  allowed.forEach((i, k) => {
    const w = weighted(Math.exp((Number(logits[i]) - max) / temperature), eventWeights, i);
    weights[k] = w;
    total += w;
  });
  const u = rng.nextFloat() * total;
  let acc = 0;
  for (let k = 0; k < allowed.length; k++) {
    acc += weights[k] ?? 0;
    if (u < acc) return allowed[k] ?? argmax;
  }
  return argmax;
}

/**
 * An event's float64 weight times its entry in `eventWeights` (one float64 product); without them, the weight
 * unchanged, so the samplers before version 4 draw exactly as they always did.
 */
export function weighted(weight: number, eventWeights: ArrayLike<number> | undefined, event: number): number {
  return eventWeights === undefined ? weight : weight * Number(eventWeights[event] ?? 1);
}

/** Softmax of logits in float64 (used by the evaluation). */
export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, Number(logits[i]));
  let total = 0;
  for (let i = 0; i < logits.length; i++) total += Math.exp(Number(logits[i]) - max);
  const lse = max + Math.log(total);
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = Number(logits[i]) - lse;
  return out;
}
