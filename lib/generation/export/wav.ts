/**
 * WAV maths (pure): peak normalisation without clipping, 16-bit PCM encoding (RIFF/WAVE, format 1, little-endian,
 * interleaved); decoding is in wav-decode.ts.
 */
import { BaseError } from '../../errors/base';

export const WAV_SAMPLE_RATE = 44_100;
/** Peak target after normalisation: -1 dBFS, so rounding to 16 bits never reaches full scale. */
export const PEAK_TARGET = 10 ** (-1 / 20);
export const INT16_FULL_SCALE = 32_767;

export class WavError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'WavError';
  }
}

export type StereoPcm = { sampleRate: number; channels: Float32Array[] };

export function peakOf(channels: readonly Float32Array[]): number {
  let peak = 0;
  for (const ch of channels) {
    for (let i = 0; i < ch.length; i++) {
      const v = Math.abs(ch[i] ?? 0);
      if (v > peak) peak = v;
    }
  }
  return peak;
}

/** Scales all channels by one gain so the peak is `target` (silence stays silence). Returns the gain used. */
export function normalisePeak(channels: Float32Array[], target = PEAK_TARGET): number {
  const peak = peakOf(channels);
  if (peak === 0 || !Number.isFinite(peak)) return 1;
  const gain = target / peak;
  for (const ch of channels) for (let i = 0; i < ch.length; i++) ch[i] = (ch[i] ?? 0) * gain;
  return gain;
}

/** RIFF/WAVE header size of a plain PCM file (RIFF, fmt  chunk of 16 bytes, data chunk header). */
export const WAV_HEADER_BYTES = 44;

/**
 * 16-bit PCM WAV bytes (RIFF/WAVE, format 1, little-endian) of interleaved samples: the one WAV writer (the studio's
 * renders, test fixtures, bench inputs and the provenance vectors all go through it).
 */
export function encodePcm16Wav(samples: Int16Array, channels: number, sampleRate: number): Uint8Array {
  if (channels < 1) throw new WavError('no channels');
  if (samples.length % channels !== 0) throw new WavError('samples are not a whole number of frames');
  const dataBytes = samples.length * 2;
  const buf = new ArrayBuffer(WAV_HEADER_BYTES + dataBytes);
  const v = new DataView(buf);
  const ascii = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) v.setUint8(at + i, s.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * channels * 2, true);
  v.setUint16(32, channels * 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, dataBytes, true);
  new Int16Array(buf, WAV_HEADER_BYTES, samples.length).set(samples); // host order: little-endian on every platform we run
  return new Uint8Array(buf);
}

/** 16-bit PCM WAV bytes of float channels in [-1, 1] (clamped, rounded to nearest). */
export function encodeWav16(pcm: StereoPcm): Uint8Array {
  const { channels, sampleRate } = pcm;
  const nch = channels.length;
  if (nch < 1) throw new WavError('no channels');
  const frames = channels[0]?.length ?? 0;
  if (!channels.every((c) => c.length === frames)) throw new WavError('channels differ in length');
  const out = new Int16Array(frames * nch);
  for (let c = 0; c < nch; c++) {
    const ch = channels[c] as Float32Array;
    for (let i = 0; i < frames; i++) {
      const x = ch[i] ?? 0;
      out[i * nch + c] = Math.round((x > 1 ? 1 : x < -1 ? -1 : x) * INT16_FULL_SCALE);
    }
  }
  return encodePcm16Wav(out, nch, sampleRate);
}

/** Peak per bucket (min and max) for drawing a waveform: `buckets` pairs over the whole signal. */
export function waveformPeaks(channels: readonly Float32Array[], buckets: number): Array<[number, number]> {
  const frames = channels[0]?.length ?? 0;
  const out: Array<[number, number]> = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * frames) / buckets);
    const to = Math.max(from + 1, Math.floor(((b + 1) * frames) / buckets));
    let lo = 0;
    let hi = 0;
    for (const ch of channels) {
      for (let i = from; i < Math.min(to, frames); i++) {
        const x = ch[i] ?? 0;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
    out.push([lo, hi]);
  }
  return out;
}
