import { HttpError } from './limits';

/** 415: the bytes are not the format the part must have. */
export class UnsupportedMediaTypeError extends HttpError {
  override name = 'UnsupportedMediaTypeError';
  constructor(
    readonly part: string,
    expected: string,
    reason: string,
  ) {
    super(415, `${part} must be ${expected}: ${reason}`);
  }
}

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));
const u32le = (b: Uint8Array, o: number) => ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24)) >>> 0;
const u16le = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u32be = (b: Uint8Array, o: number) => (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;
const u16be = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);

export type WavInfo = { format: number; channels: number; sampleRate: number; bitsPerSample: number; dataBytes: number; durationSeconds: number };

/**
 * Checks `bytes` is a RIFF/WAVE file by its content, not its name or declared type: "RIFF" size "WAVE", a `fmt `
 * chunk (PCM 1, IEEE float 3 or extensible 0xFFFE) and a `data` chunk. Returns what it read.
 */
export function sniffWav(bytes: Uint8Array, part = 'wav'): WavInfo {
  const expected = 'a RIFF/WAVE audio file';
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WAVE') {
    throw new UnsupportedMediaTypeError(part, expected, 'no RIFF....WAVE header');
  }
  let offset = 12;
  let fmt: Omit<WavInfo, 'dataBytes' | 'durationSeconds'> | undefined;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    const size = u32le(bytes, offset + 4);
    if (id === 'fmt ') {
      if (size < 16 || offset + 8 + 16 > bytes.length) throw new UnsupportedMediaTypeError(part, expected, 'truncated fmt chunk');
      const format = u16le(bytes, offset + 8);
      if (![1, 3, 0xfffe].includes(format)) throw new UnsupportedMediaTypeError(part, expected, `unsupported audio format ${format}`);
      fmt = { format, channels: u16le(bytes, offset + 10), sampleRate: u32le(bytes, offset + 12), bitsPerSample: u16le(bytes, offset + 22) };
      if (fmt.channels < 1 || fmt.sampleRate < 1 || fmt.bitsPerSample < 8) throw new UnsupportedMediaTypeError(part, expected, 'implausible fmt chunk');
    } else if (id === 'data') {
      if (!fmt) throw new UnsupportedMediaTypeError(part, expected, 'data chunk before fmt chunk');
      const dataBytes = Math.min(size, bytes.length - offset - 8);
      const frame = fmt.channels * (fmt.bitsPerSample / 8);
      return { ...fmt, dataBytes, durationSeconds: dataBytes / frame / fmt.sampleRate };
    }
    offset += 8 + size + (size % 2);
  }
  throw new UnsupportedMediaTypeError(part, expected, fmt ? 'no data chunk' : 'no fmt chunk');
}

export type MidiInfo = { format: number; tracks: number; division: number };

/** Checks `bytes` is a Standard MIDI File: an `MThd` header of length 6, format 0-2, then an `MTrk` chunk. */
export function sniffMidi(bytes: Uint8Array, part = 'midi'): MidiInfo {
  const expected = 'a Standard MIDI File';
  if (bytes.length < 14 || ascii(bytes, 0, 4) !== 'MThd' || u32be(bytes, 4) !== 6) throw new UnsupportedMediaTypeError(part, expected, 'no MThd header');
  const format = u16be(bytes, 8);
  const tracks = u16be(bytes, 10);
  const division = u16be(bytes, 12);
  if (format > 2 || tracks < 1) throw new UnsupportedMediaTypeError(part, expected, `bad header (format ${format}, ${tracks} tracks)`);
  if (bytes.length < 22 || ascii(bytes, 14, 4) !== 'MTrk') throw new UnsupportedMediaTypeError(part, expected, 'no MTrk chunk after the header');
  return { format, tracks, division };
}
