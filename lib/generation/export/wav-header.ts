/**
 * Reading a RIFF/WAVE header by its content (pure, no decoding): the format facts a caller needs before trusting the
 * bytes (upload sniffing in lib/tracks/sniff.ts, the duration in lib/provenance/track-facts.ts).
 */
import { WavError } from './wav';

/** WAVE `fmt ` format tags accepted: PCM, IEEE float, extensible. */
export const WAV_FORMATS = { pcm: 1, float: 3, extensible: 0xfffe } as const;

export type WavInfo = {
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataBytes: number;
  durationSeconds: number;
};

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));
const u32le = (b: Uint8Array, o: number) =>
  ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24)) >>> 0;
const u16le = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);

/**
 * Reads "RIFF" size "WAVE", a `fmt ` chunk (PCM 1, IEEE float 3 or extensible 0xFFFE) and the `data` chunk's size.
 * Throws WavError (its message is the reason) when `bytes` is not such a file.
 */
export function readWavHeader(bytes: Uint8Array): WavInfo {
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WAVE')
    throw new WavError('no RIFF....WAVE header');
  let offset = 12;
  let fmt: Omit<WavInfo, 'dataBytes' | 'durationSeconds'> | undefined;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    const size = u32le(bytes, offset + 4);
    if (id === 'fmt ') {
      if (size < 16 || offset + 8 + 16 > bytes.length) throw new WavError('truncated fmt chunk');
      const format = u16le(bytes, offset + 8);
      if (!(Object.values(WAV_FORMATS) as number[]).includes(format))
        throw new WavError(`unsupported audio format ${format}`);
      fmt = {
        format,
        channels: u16le(bytes, offset + 10),
        sampleRate: u32le(bytes, offset + 12),
        bitsPerSample: u16le(bytes, offset + 22),
      };
      if (fmt.channels < 1 || fmt.sampleRate < 1 || fmt.bitsPerSample < 8) throw new WavError('implausible fmt chunk');
    } else if (id === 'data') {
      if (!fmt) throw new WavError('data chunk before fmt chunk');
      const dataBytes = Math.min(size, bytes.length - offset - 8);
      const frame = fmt.channels * (fmt.bitsPerSample / 8);
      return { ...fmt, dataBytes, durationSeconds: dataBytes / frame / fmt.sampleRate };
    }
    offset += 8 + size + (size % 2);
  }
  throw new WavError(fmt ? 'no data chunk' : 'no fmt chunk');
}
