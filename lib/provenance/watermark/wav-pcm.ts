/**
 * Reads the PCM samples of a RIFF/WAVE file for the detector: walks the chunks (so extra chunks such as an embedded
 * C2PA manifest are skipped), accepts integer PCM of 16 or 24 bits and 32-bit float, and returns float channels.
 */
import type { Pcm } from './embed';
import { BaseError } from '../../errors/base';

export class WavReadError extends BaseError {
  override name = 'WavReadError';
}

/** `middleSeconds`: decode only that much from the middle of the audio (all of it when it is not longer). */
export function readWavPcm(bytes: Uint8Array, options: { middleSeconds?: number } = {}): Pcm {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) =>
    String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new WavReadError('not a RIFF/WAVE file');
  let fmt: { format: number; channels: number; rate: number; bits: number } | undefined;
  let data: { at: number; size: number } | undefined;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = tag(at);
    const size = v.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ' && size >= 16)
      fmt = {
        format: v.getUint16(body, true),
        channels: v.getUint16(body + 2, true),
        rate: v.getUint32(body + 4, true),
        bits: v.getUint16(body + 14, true),
      };
    if (id === 'data') data = { at: body, size: Math.min(size, bytes.length - body) };
    at = body + size + (size & 1);
  }
  if (!fmt) throw new WavReadError('no fmt chunk');
  if (!data) throw new WavReadError('no data chunk');
  const { channels, rate, bits } = fmt;
  // WAVE_FORMAT_EXTENSIBLE (0xFFFE) carries the same PCM/float samples; its sub-format is not checked here
  const float = fmt.format === 3 || (fmt.format === 0xfffe && bits === 32);
  if (
    !(fmt.format === 1 || fmt.format === 3 || fmt.format === 0xfffe) ||
    channels < 1 ||
    ![16, 24, 32].includes(bits)
  ) {
    throw new WavReadError(`unsupported WAV format ${fmt.format} with ${bits} bits and ${channels} channels`);
  }
  const width = bits / 8;
  const total = Math.floor(data.size / (width * channels));
  const wanted =
    options.middleSeconds === undefined
      ? total
      : Math.min(total, Math.max(0, Math.round(options.middleSeconds * rate)));
  const first = Math.floor((total - wanted) / 2);
  const frames = wanted;
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) {
      const at = data.at + ((first + i) * channels + c) * width;
      let x: number;
      if (bits === 16) x = v.getInt16(at, true) / 32768;
      else if (bits === 24)
        x = ((v.getUint8(at) | (v.getUint8(at + 1) << 8) | (v.getInt8(at + 2) << 16)) as number) / 8388608;
      else x = float ? v.getFloat32(at, true) : v.getInt32(at, true) / 2147483648;
      (out[c] as Float32Array)[i] = x;
    }
  }
  return { sampleRate: rate, channels: out };
}
