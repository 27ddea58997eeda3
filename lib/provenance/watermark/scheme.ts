/**
 * The parameters and the key-derived pattern of the Motif audio watermark `motif-ss-wm/1` (README.md in this folder
 * is the specification). The mark is one period of band-limited pseudo-noise, repeated for the whole track: in the
 * period's spectrum, every bin of the band carries either the pilot (a known sign, for synchronisation) or one of the
 * 80 coded bits (its chip sign times the bit's sign).
 */
import { createFft, type Fft } from './fft';
import { keyedShuffle, keystream, streamSign } from './keystream';
import { CODED_BITS, codedSigns } from './payload';

export const WATERMARK_SCHEME = 'motif-ss-wm/1';
/** The published key id of Motif's watermark. */
export const MOTIF_WATERMARK_KEY = 'motif-wm-v1';

/** The embedder marks audio at this rate; the detector resamples anything else to it. */
export const REFERENCE_RATE = 44_100;
/** The mark repeats every PERIOD samples (1.486 s). */
export const PERIOD = 65_536;
/** The band, as bins of the PERIOD-point spectrum: 1 kHz (bin 1486) up to 8 kHz (bin 11889, exclusive). */
export const PERIOD_FIRST_BIN = Math.round((1000 * PERIOD) / REFERENCE_RATE);
export const PERIOD_END_BIN = Math.round((8000 * PERIOD) / REFERENCE_RATE);
/** Every PILOT_EVERY-th bin of the shuffled band is a pilot bin (one in eight). */
export const PILOT_EVERY = 8;
/** Short-time analysis for spectral shaping (embedder) and whitening (detector): sine window, half-frame hop. */
export const FRAME = 2048;
export const HOP = FRAME / 2;
/** The same band as bins of a FRAME-point spectrum (1 kHz .. 8 kHz). */
export const FRAME_FIRST_BIN = Math.floor((1000 * FRAME) / REFERENCE_RATE);
export const FRAME_END_BIN = Math.ceil((8000 * FRAME) / REFERENCE_RATE) + 1;

/** Role of each band bin of the period spectrum: -1 = pilot, else the coded bit it carries. */
export type Pattern = {
  keyId: string;
  /** For band bin k (index k - PERIOD_FIRST_BIN): -1 pilot, 0..79 coded bit. */
  role: Int16Array;
  /** Chip of band bin k: re and im signs (+-1 each). */
  chipRe: Int8Array;
  chipIm: Int8Array;
};

const patterns = new Map<string, Pattern>();

/**
 * The key's pattern. Roles: the list (pilot, bit 0, ..., bit 79 as -1 for every PILOT_EVERY-th entry, then the bits
 * in turn) over the band's bins, shuffled with the `roles` stream; chips: bits 2i and 2i+1 of the `chips` stream are
 * the real and imaginary signs of band bin i.
 */
export function patternFor(keyId: string): Pattern {
  const cached = patterns.get(keyId);
  if (cached) return cached;
  const n = PERIOD_END_BIN - PERIOD_FIRST_BIN;
  const role = new Int16Array(n);
  for (let i = 0, bit = 0; i < n; i++) {
    if (i % PILOT_EVERY === 0) role[i] = -1;
    else role[i] = bit++ % CODED_BITS;
  }
  keyedShuffle(keyId, 'roles', role);
  const stream = keystream(keyId, 'chips', Math.ceil((2 * n) / 8));
  const chipRe = new Int8Array(n);
  const chipIm = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    chipRe[i] = streamSign(stream, 2 * i);
    chipIm[i] = streamSign(stream, 2 * i + 1);
  }
  const p = { keyId, role, chipRe, chipIm };
  patterns.set(keyId, p);
  return p;
}

/**
 * One period of the unshaped mark for a payload: the real signal whose PERIOD-point spectrum is, at band bin k,
 * (chipRe + i chipIm) times 1 (pilot) or the coded bit's sign, zero outside the band (and Hermitian), scaled to unit
 * variance.
 */
export function periodSignal(pattern: Pattern, payload: Uint8Array, fft: Fft = createFft(PERIOD)): Float64Array {
  const signs = codedSigns(payload);
  const re = new Float64Array(PERIOD);
  const im = new Float64Array(PERIOD);
  for (let i = 0; i < pattern.role.length; i++) {
    const k = PERIOD_FIRST_BIN + i;
    const r = pattern.role[i] as number;
    const m = r < 0 ? 1 : (signs[r] as number);
    re[k] = m * (pattern.chipRe[i] as number);
    im[k] = m * (pattern.chipIm[i] as number);
    re[PERIOD - k] = re[k] as number;
    im[PERIOD - k] = -(im[k] as number);
  }
  fft.inverse(re, im);
  let energy = 0;
  for (let n = 0; n < PERIOD; n++) energy += (re[n] as number) ** 2;
  const scale = Math.sqrt(PERIOD / energy);
  for (let n = 0; n < PERIOD; n++) re[n] = (re[n] as number) * scale;
  return re;
}

let window: Float64Array | undefined;
/** Sine window w[n] = sin(pi (n + 1/2) / FRAME); w^2 overlapped by half a frame sums to 1. */
export function sineWindow(): Float64Array {
  if (!window) {
    window = new Float64Array(FRAME);
    for (let n = 0; n < FRAME; n++) window[n] = Math.sin((Math.PI * (n + 0.5)) / FRAME);
  }
  return window;
}

/** Number of hops that cover `samples` (frame f starts at (f - 1) * HOP, so every sample is under two frames). */
export function framesCovering(samples: number): number {
  return Math.ceil(samples / HOP) + 1;
}

/**
 * Frames f and f + 1 of `x`, sine-windowed, into one complex FFT input (frame f real, frame f + 1 imaginary; samples
 * past either end are zero). The embedder and the detector both walk the signal two frames at a time this way.
 * Returns whether frame f + 1 exists (of `count` frames).
 */
export function loadFramePair(
  x: Float32Array,
  f: number,
  count: number,
  w: Float64Array,
  re: Float64Array,
  im: Float64Array,
): boolean {
  const a = (f - 1) * HOP;
  const b = a + HOP;
  const second = f + 1 < count;
  for (let n = 0; n < FRAME; n++) {
    re[n] = (w[n] as number) * (x[a + n] ?? 0);
    im[n] = second ? (w[n] as number) * (x[b + n] ?? 0) : 0;
  }
  return second;
}
