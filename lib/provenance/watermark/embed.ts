/**
 * Embedding: additive spread spectrum (Cox et al. 1997; Kirovski & Malvar 2003) with spectral shaping. The period
 * signal of the payload (scheme.ts) is repeated from sample 0, and each short-time frame of it is scaled bin by bin by
 * the host's own magnitude (mono mix), so the mark sits under the music's spectrum (and is absent in silence). The
 * shaped mark is overlap-added, the same in every channel, and scaled as one to the SNR target.
 */
import { createFft } from './fft';
import {
  FRAME,
  FRAME_END_BIN,
  FRAME_FIRST_BIN,
  framesCovering,
  loadFramePair,
  HOP,
  MOTIF_WATERMARK_KEY,
  PERIOD,
  patternFor,
  periodSignal,
  REFERENCE_RATE,
  sineWindow,
  WATERMARK_SCHEME,
} from './scheme';
import { BaseError } from '../../errors/base';

export type Pcm = { sampleRate: number; channels: Float32Array[] };

export type EmbedOptions = {
  /** Key id the pattern is derived from (default: Motif's published key). */
  keyId?: string;
  /** Signal power over mark power, in dB (default 36). */
  targetSnrDb?: number;
};

export type EmbedReport = {
  scheme: typeof WATERMARK_SCHEME;
  keyId: string;
  /** Signal power over mark power, measured on the float samples. */
  snrDb: number;
};

export class WatermarkEmbedError extends BaseError {
  override name = 'WatermarkEmbedError';
}

/** The shortest audio the embedder marks: two periods (about 3 s), the least a detector can read. */
export const MIN_EMBED_SAMPLES = 2 * PERIOD;
export const DEFAULT_TARGET_SNR_DB = 36;

const FRAMES_PER_PERIOD = PERIOD / HOP;
const frameCache = new Map<string, Float64Array>();

/** The FRAMES_PER_PERIOD short-time spectra (band bins, re/im interleaved) of the repeated period signal. */
function periodFrames(keyId: string, payload: Uint8Array): Float64Array {
  const id = `${keyId}|${Array.from(payload).join(',')}`;
  const cached = frameCache.get(id);
  if (cached) return cached;
  const s = periodSignal(patternFor(keyId), payload);
  const fft = createFft(FRAME);
  const w = sineWindow();
  const bins = FRAME_END_BIN - FRAME_FIRST_BIN;
  const out = new Float64Array(FRAMES_PER_PERIOD * bins * 2);
  const re = new Float64Array(FRAME);
  const im = new Float64Array(FRAME);
  for (let f = 0; f < FRAMES_PER_PERIOD; f++) {
    // frame f of the period starts at sample (f - 1) * HOP, wrapping around
    for (let n = 0; n < FRAME; n++) {
      re[n] = (w[n] as number) * (s[((((f - 1) * HOP + n) % PERIOD) + PERIOD) % PERIOD] as number);
      im[n] = 0;
    }
    fft.forward(re, im);
    for (let k = FRAME_FIRST_BIN; k < FRAME_END_BIN; k++) {
      out[(f * bins + k - FRAME_FIRST_BIN) * 2] = re[k] as number;
      out[(f * bins + k - FRAME_FIRST_BIN) * 2 + 1] = im[k] as number;
    }
  }
  if (frameCache.size > 8) frameCache.clear();
  frameCache.set(id, out);
  return out;
}

/** Marks `pcm` in place with the 8-byte `payload`. */
export function embedWatermark(pcm: Pcm, payload: Uint8Array, options: EmbedOptions = {}): EmbedReport {
  const keyId = options.keyId ?? MOTIF_WATERMARK_KEY;
  const targetSnrDb = options.targetSnrDb ?? DEFAULT_TARGET_SNR_DB;
  if (pcm.sampleRate !== REFERENCE_RATE)
    throw new WatermarkEmbedError(`the watermark is embedded at ${REFERENCE_RATE} Hz, got ${pcm.sampleRate} Hz`);
  const nch = pcm.channels.length;
  if (nch < 1) throw new WatermarkEmbedError('no channels');
  const length = pcm.channels[0]?.length ?? 0;
  if (!pcm.channels.every((c) => c.length === length)) throw new WatermarkEmbedError('channels differ in length');
  if (length < MIN_EMBED_SAMPLES)
    throw new WatermarkEmbedError(
      `audio too short to carry the watermark: ${length} samples, at least ${MIN_EMBED_SAMPLES}`,
    );

  const frames = periodFrames(keyId, payload);
  const bins = FRAME_END_BIN - FRAME_FIRST_BIN;
  const fft = createFft(FRAME);
  const w = sineWindow();
  const mono = new Float32Array(length);
  for (const ch of pcm.channels)
    for (let n = 0; n < length; n++) mono[n] = (mono[n] as number) + (ch[n] as number) / nch;

  // Two frames per complex FFT (frame a real, frame b imaginary), and their two marks back through one inverse FFT.
  const mark = new Float32Array(length);
  const re = new Float64Array(FRAME);
  const im = new Float64Array(FRAME);
  const count = framesCovering(length);
  const magA = new Float64Array(bins);
  const magB = new Float64Array(bins);
  for (let f = 0; f < count; f += 2) {
    const a = (f - 1) * HOP;
    const b = a + HOP;
    const second = loadFramePair(mono, f, count, w, re, im);
    fft.forward(re, im);
    for (let k = FRAME_FIRST_BIN; k < FRAME_END_BIN; k++) {
      const zr = re[k] as number;
      const zi = im[k] as number;
      const cr = re[FRAME - k] as number;
      const ci = im[FRAME - k] as number;
      magA[k - FRAME_FIRST_BIN] = Math.sqrt((zr + cr) * (zr + cr) + (zi - ci) * (zi - ci)) / 2;
      magB[k - FRAME_FIRST_BIN] = Math.sqrt((zi + ci) * (zi + ci) + (cr - zr) * (cr - zr)) / 2;
    }
    re.fill(0);
    im.fill(0);
    const pa = (f % FRAMES_PER_PERIOD) * bins * 2;
    const pb = ((f + 1) % FRAMES_PER_PERIOD) * bins * 2;
    for (let k = FRAME_FIRST_BIN; k < FRAME_END_BIN; k++) {
      const i = k - FRAME_FIRST_BIN;
      // A = |M_a| S_a, B = |M_b| S_b; the packed spectrum A + iB has bins A_k + i B_k and, mirrored, conj(A_k) + i conj(B_k)
      const ar = (magA[i] as number) * (frames[pa + 2 * i] as number);
      const ai = (magA[i] as number) * (frames[pa + 2 * i + 1] as number);
      const br = second ? (magB[i] as number) * (frames[pb + 2 * i] as number) : 0;
      const bi = second ? (magB[i] as number) * (frames[pb + 2 * i + 1] as number) : 0;
      re[k] = ar - bi;
      im[k] = ai + br;
      re[FRAME - k] = ar + bi;
      im[FRAME - k] = br - ai;
    }
    fft.inverse(re, im);
    for (let n = 0; n < FRAME; n++) {
      const wa = a + n;
      const wb = b + n;
      if (wa >= 0 && wa < length) mark[wa] = (mark[wa] as number) + (w[n] as number) * (re[n] as number);
      if (second && wb >= 0 && wb < length) mark[wb] = (mark[wb] as number) + (w[n] as number) * (im[n] as number);
    }
  }

  let signalEnergy = 0;
  for (const ch of pcm.channels) for (let n = 0; n < length; n++) signalEnergy += (ch[n] as number) ** 2;
  let markEnergy = 0;
  for (let n = 0; n < length; n++) markEnergy += (mark[n] as number) ** 2;
  markEnergy *= nch;
  if (markEnergy === 0) throw new WatermarkEmbedError('the audio has no energy in the watermark band (1-8 kHz)');
  const gain = Math.sqrt((signalEnergy * 10 ** (-targetSnrDb / 10)) / markEnergy);
  for (const ch of pcm.channels)
    for (let n = 0; n < length; n++) ch[n] = (ch[n] as number) + gain * (mark[n] as number);
  return { scheme: WATERMARK_SCHEME, keyId, snrDb: 10 * Math.log10(signalEnergy / (markEnergy * gain * gain)) };
}
