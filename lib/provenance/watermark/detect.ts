/**
 * Detection: the mono mix at the reference rate is whitened (each short-time bin of the band divided by its own
 * magnitude, the rest dropped), folded modulo the period, and correlated with the key's pattern in the period's
 * spectrum. The pilot bins' correlation at every circular lag (one inverse FFT) finds where the period starts, to the
 * sample, in any excerpt; the bits are read at that lag. Every correlation is divided by its standard deviation under
 * "no mark" (random chips: the variance is the folded signal's energy in those bins), so pilot and bits read as
 * z-scores. Found = the pilot's z passes PILOT_THRESHOLD and the 16-bit CRC of the payload matches.
 */
import { createFft } from './fft';
import { CODED_BITS, decodeSigns, payloadHex } from './payload';
import { resample } from './resample';
import {
  FRAME,
  FRAME_END_BIN,
  FRAME_FIRST_BIN,
  framesCovering,
  loadFramePair,
  HOP,
  MOTIF_WATERMARK_KEY,
  PERIOD,
  PERIOD_FIRST_BIN,
  patternFor,
  REFERENCE_RATE,
  sineWindow,
  WATERMARK_SCHEME,
} from './scheme';
import type { Pcm } from './embed';

/**
 * The pilot's z-score a detection needs. Without a mark the largest of the PERIOD lags' z-scores is about 4.6
 * (Gaussian maximum over 65,536 draws); P(any lag > 7) ~ 65,536 * 1.3e-12 ~ 1e-7, before the CRC's 2^-16.
 */
export const PILOT_THRESHOLD = 7;
/** Bins whose magnitude is below this are divided by it instead (keeps near-silence from reading as loud noise). */
const WHITEN_FLOOR = 0.01;

export type DetectOptions = { keyId?: string };

export type WatermarkDetection = {
  scheme: typeof WATERMARK_SCHEME;
  keyId: string;
  /** The mark is present: the pilot's z-score passed the threshold and the payload's CRC matched. */
  found: boolean;
  /** The 64-bit payload read at the pilot's lag (hex), whether or not it was found. */
  payload: string;
  crcOk: boolean;
  /** The pilot's z-score at the best lag. */
  pilot: number;
  threshold: number;
  /** Probability that every coded bit is right, from the bits' z-scores (Gaussian). */
  confidence: number;
  /** The smallest |z| of the 80 coded bits. */
  weakestBit: number;
  /** Sample (at the reference rate) of the audio where a period of the mark starts. */
  periodStart: number;
  seconds: number;
};

function monoAtReference(pcm: Pcm): Float32Array {
  const n = pcm.channels[0]?.length ?? 0;
  let mono: Float32Array;
  if (pcm.channels.length === 1) mono = pcm.channels[0] as Float32Array;
  else {
    mono = new Float32Array(n);
    for (const ch of pcm.channels)
      for (let i = 0; i < n; i++) mono[i] = (mono[i] as number) + (ch[i] as number) / pcm.channels.length;
  }
  return pcm.sampleRate === REFERENCE_RATE ? mono : resample(mono, pcm.sampleRate, REFERENCE_RATE);
}

/** The whitened band of `x`, folded modulo PERIOD (two frames per FFT pair). */
function whitenedFold(x: Float32Array): Float64Array {
  const fft = createFft(FRAME);
  const w = sineWindow();
  const fold = new Float64Array(PERIOD);
  const re = new Float64Array(FRAME);
  const im = new Float64Array(FRAME);
  const length = x.length;
  const count = framesCovering(length);
  const floor = (m: number) => (m > WHITEN_FLOOR ? m : WHITEN_FLOOR);
  for (let f = 0; f < count; f += 2) {
    const a = (f - 1) * HOP;
    const b = a + HOP;
    const second = loadFramePair(x, f, count, w, re, im);
    fft.forward(re, im);
    const out = new Float64Array(4 * (FRAME_END_BIN - FRAME_FIRST_BIN));
    for (let k = FRAME_FIRST_BIN; k < FRAME_END_BIN; k++) {
      const zr = re[k] as number;
      const zi = im[k] as number;
      const cr = re[FRAME - k] as number;
      const ci = im[FRAME - k] as number;
      // A_k = ((zr + cr) + i(zi - ci)) / 2, B_k = ((zi + ci) + i(cr - zr)) / 2, each divided by its magnitude
      let ar = (zr + cr) / 2;
      let ai = (zi - ci) / 2;
      let br = (zi + ci) / 2;
      let bi = (cr - zr) / 2;
      const ma = floor(Math.sqrt(ar * ar + ai * ai));
      const mb = floor(Math.sqrt(br * br + bi * bi));
      ar /= ma;
      ai /= ma;
      br /= mb;
      bi /= mb;
      const o = 4 * (k - FRAME_FIRST_BIN);
      out[o] = ar;
      out[o + 1] = ai;
      out[o + 2] = br;
      out[o + 3] = bi;
    }
    re.fill(0);
    im.fill(0);
    for (let k = FRAME_FIRST_BIN; k < FRAME_END_BIN; k++) {
      const o = 4 * (k - FRAME_FIRST_BIN);
      const ar = out[o] as number;
      const ai = out[o + 1] as number;
      const br = second ? (out[o + 2] as number) : 0;
      const bi = second ? (out[o + 3] as number) : 0;
      re[k] = ar - bi;
      im[k] = ai + br;
      re[FRAME - k] = ar + bi;
      im[FRAME - k] = br - ai;
    }
    fft.inverse(re, im);
    for (let n = 0; n < FRAME; n++) {
      const wa = a + n;
      const wb = b + n;
      if (wa >= 0 && wa < length)
        fold[wa % PERIOD] = (fold[wa % PERIOD] as number) + (w[n] as number) * (re[n] as number);
      if (second && wb >= 0 && wb < length)
        fold[wb % PERIOD] = (fold[wb % PERIOD] as number) + (w[n] as number) * (im[n] as number);
    }
  }
  return fold;
}

/** Standard normal upper tail P(N > x) (Abramowitz–Stegun 7.1.26 for erfc). */
function normalTail(x: number): number {
  const z = x / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * Math.abs(z));
  const erfc =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
    Math.exp(-z * z);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/** Chase decoding: flip bits ordered by unreliability. Only the CHASE_BITS least reliable bits are tried. */
export const CHASE_BITS = 4;

/**
 * Hard decisions, and when the CRC fails, the 2^CHASE_BITS - 1 patterns of flips among the CHASE_BITS least reliable
 * bits in order of the total |z| they flip (Chase 1972); the first whose CRC matches wins. Costs 4 bits of the CRC's
 * 16 against random matches; the pilot threshold is what keeps unmarked audio out.
 */
function chaseDecode(t: Float64Array): { payload: Uint8Array; crcOk: boolean } {
  const first = decodeSigns(t);
  if (first.crcOk) return first;
  const weakest = Array.from(t.keys())
    .sort((x, y) => Math.abs(t[x] as number) - Math.abs(t[y] as number))
    .slice(0, CHASE_BITS);
  const flips = Array.from({ length: 2 ** CHASE_BITS - 1 }, (_, i) => i + 1)
    .map((mask) => ({
      mask,
      cost: weakest.reduce((sum, bit, j) => sum + ((mask >> j) & 1 ? Math.abs(t[bit] as number) : 0), 0),
    }))
    .sort((x, y) => x.cost - y.cost);
  for (const { mask } of flips) {
    const trial = Float64Array.from(t);
    weakest.forEach((bit, j) => {
      if ((mask >> j) & 1) trial[bit] = -(trial[bit] as number);
    });
    const d = decodeSigns(trial);
    if (d.crcOk) return d;
  }
  return first;
}

/** Looks for the watermark in `pcm` (any sample rate and channel count, a whole marked track or any excerpt of one). */
export function detectWatermark(pcm: Pcm, options: DetectOptions = {}): WatermarkDetection {
  const keyId = options.keyId ?? MOTIF_WATERMARK_KEY;
  const pattern = patternFor(keyId);
  const x = monoAtReference(pcm);
  const fold = whitenedFold(x);

  // Spectrum of the fold: F_k. The period signal delayed by `lag` correlates with the fold as
  // rho(lag) = (2 / PERIOD) Re sum_k conj(F_k) S_k e^{2 pi i k lag / PERIOD} over the band bins.
  const big = createFft(PERIOD);
  const fr = Float64Array.from(fold);
  const fi = new Float64Array(PERIOD);
  big.forward(fr, fi);
  const gr = new Float64Array(PERIOD);
  const gi = new Float64Array(PERIOD);
  let pilotEnergy = 0;
  for (let i = 0; i < pattern.role.length; i++) {
    if ((pattern.role[i] as number) >= 0) continue;
    const k = PERIOD_FIRST_BIN + i;
    const a = fr[k] as number;
    const b = -(fi[k] as number); // conj(F_k)
    const c = pattern.chipRe[i] as number;
    const d = pattern.chipIm[i] as number;
    gr[k] = a * c - b * d;
    gi[k] = a * d + b * c;
    pilotEnergy += a * a + b * b;
  }
  // inverse(G) = (1/PERIOD) sum_k G_k e^{+2 pi i k lag / PERIOD}; rho = 2 * that; var(rho) = (4 / PERIOD^2) sum |F_k|^2
  big.inverse(gr, gi);
  const pilotSd = Math.sqrt(pilotEnergy) / PERIOD;
  let lag = 0;
  let best = -Infinity;
  for (let t = 0; t < PERIOD; t++) {
    const v = gr[t] as number;
    if (v > best) {
      best = v;
      lag = t;
    }
  }
  const pilot = pilotSd > 0 ? best / pilotSd : 0;

  // The bits at that lag.
  const corr = new Float64Array(CODED_BITS);
  const energy = new Float64Array(CODED_BITS);
  for (let i = 0; i < pattern.role.length; i++) {
    const bit = pattern.role[i] as number;
    if (bit < 0) continue;
    const k = PERIOD_FIRST_BIN + i;
    const a = fr[k] as number;
    const b = -(fi[k] as number);
    const c = pattern.chipRe[i] as number;
    const d = pattern.chipIm[i] as number;
    const angle = (2 * Math.PI * ((k * lag) % PERIOD)) / PERIOD;
    // Re[(a + ib)(c + id) e^{i angle}]
    const pr = a * c - b * d;
    const pi = a * d + b * c;
    corr[bit] = (corr[bit] as number) + pr * Math.cos(angle) - pi * Math.sin(angle);
    energy[bit] = (energy[bit] as number) + a * a + b * b;
  }
  const t = new Float64Array(CODED_BITS);
  for (let bit = 0; bit < CODED_BITS; bit++)
    t[bit] = (energy[bit] as number) > 0 ? (corr[bit] as number) / Math.sqrt(energy[bit] as number) : 0;
  const { payload, crcOk } = chaseDecode(t);
  let confidence = 1;
  let weakest = Infinity;
  for (const z of t) {
    confidence *= 1 - normalTail(Math.abs(z));
    weakest = Math.min(weakest, Math.abs(z));
  }
  return {
    scheme: WATERMARK_SCHEME,
    keyId,
    found: crcOk && pilot >= PILOT_THRESHOLD,
    payload: payloadHex(payload),
    crcOk,
    pilot,
    threshold: PILOT_THRESHOLD,
    confidence,
    weakestBit: weakest,
    periodStart: (PERIOD - lag) % PERIOD,
    seconds: x.length / REFERENCE_RATE,
  };
}
