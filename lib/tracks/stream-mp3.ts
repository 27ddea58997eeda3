/**
 * The streaming copy of a track (stream.mp3 in its folder): the lossless WAV encoded to MP3 (lamejs, pure JS, CBR)
 * at publish, in the browser or in Node. Encodes in slices and yields between them, so a page stays responsive and
 * shows progress. audio.wav stays the original and the download; players stream this copy when metadata names it.
 */
import { Mp3Encoder } from '@breezystack/lamejs';
import { readWavPcm } from '../provenance/watermark/wav-pcm';

/** Bit rate of the streaming copy, kb/s (CBR). */
export const STREAM_KBPS = 160;
/** MPEG-1 Layer III frame: samples per channel. */
const FRAME = 1152;
/** Frames per slice between yields (about 1.3 s of 44.1 kHz audio). */
const FRAMES_PER_SLICE = 50;

export type EncodeProgress = { done: number; total: number };

export type EncodeMp3Options = {
  kbps?: number;
  onProgress?: (p: EncodeProgress) => void;
  /** Awaited between slices (default: a macrotask, so the page can paint and take input). */
  yieldControl?: () => Promise<void>;
  signal?: AbortSignal;
};

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function toInt16(x: Float32Array): Int16Array {
  const out = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const s = Math.max(-1, Math.min(1, x[i] ?? 0));
    out[i] = Math.round(s < 0 ? s * 32768 : s * 32767);
  }
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Encodes a RIFF/WAVE file (16/24-bit PCM or 32-bit float, mono or stereo; more channels keep the first two) to MP3. */
export async function encodeStreamMp3(wav: Uint8Array, options: EncodeMp3Options = {}): Promise<Uint8Array> {
  const { sampleRate, channels } = readWavPcm(wav);
  const ints = channels.slice(0, 2).map(toInt16);
  const left = ints[0];
  if (!left) throw new RangeError('the WAV has no channels');
  const right = ints[1];
  const encoder = new Mp3Encoder(ints.length, sampleRate, options.kbps ?? STREAM_KBPS);
  const yieldControl = options.yieldControl ?? macrotask;
  const parts: Uint8Array[] = [];
  const total = left.length;
  const slice = FRAME * FRAMES_PER_SLICE;
  for (let start = 0; start < total; start += slice) {
    options.signal?.throwIfAborted();
    const end = Math.min(total, start + slice);
    for (let at = start; at < end; at += FRAME) {
      const to = Math.min(end, at + FRAME);
      const chunk = right
        ? encoder.encodeBuffer(left.subarray(at, to), right.subarray(at, to))
        : encoder.encodeBuffer(left.subarray(at, to));
      if (chunk.length > 0) parts.push(new Uint8Array(chunk));
    }
    options.onProgress?.({ done: end, total });
    if (end < total) await yieldControl();
  }
  parts.push(new Uint8Array(encoder.flush()));
  return concat(parts);
}
