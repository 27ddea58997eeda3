/**
 * Content sniffing of track uploads: the bytes must be what the part claims (415 otherwise), whatever their name or
 * declared type. The WAV header reading itself is lib/generation/export/wav-header.ts.
 */
import tonejsMidi from '@tonejs/midi';
import { readWavHeader, type WavInfo } from '../generation/export/wav-header';
import { WavError } from '../generation/export/wav';
import { HttpError } from './limits';

// @tonejs/midi is CommonJS: Node's ESM loader exposes only its default export.
const { Midi } = tonejsMidi;

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

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));
const u32be = (b: Uint8Array, o: number) =>
  (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;
const u16be = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);

/**
 * Checks `bytes` is a RIFF/WAVE file by its content, not its name or declared type: "RIFF" size "WAVE", a `fmt `
 * chunk (PCM 1, IEEE float 3 or extensible 0xFFFE) and a `data` chunk. Returns what it read.
 */
export function sniffWav(bytes: Uint8Array, part = 'wav'): WavInfo {
  try {
    return readWavHeader(bytes);
  } catch (error) {
    if (error instanceof WavError) throw new UnsupportedMediaTypeError(part, 'a RIFF/WAVE audio file', error.message);
    throw error;
  }
}

export type MidiInfo = { format: number; tracks: number; division: number };

/** Longest MIDI accepted, in quarter notes (about 5.5 hours at 300 bpm): the cover is drawn one column per step. */
export const MIDI_MAX_QUARTERS = 100_000;

/** Events per data byte count by status high nibble (0x8n..0xEn). */
const CHANNEL_DATA_BYTES: Record<number, number> = { 0x8: 2, 0x9: 2, 0xa: 2, 0xb: 2, 0xc: 1, 0xd: 1, 0xe: 2 };

/**
 * Checks `bytes` is a Standard MIDI File a parser can read to the end: an `MThd` header of length 6, format 0-2, a
 * ticks-per-quarter division, and every chunk inside the file; in each `MTrk`, every event (delta time, status with
 * running status, channel data, meta and sysex lengths) inside its chunk and the track no longer than
 * MIDI_MAX_QUARTERS; and the parser reads it without error. The walk comes first: a file that passes it cannot send
 * the parser past its end (an SMPTE-division file made it loop forever).
 */
export function sniffMidi(bytes: Uint8Array, part = 'midi'): MidiInfo {
  const expected = 'a Standard MIDI File';
  const refuse = (reason: string) => new UnsupportedMediaTypeError(part, expected, reason);
  if (bytes.length < 14 || ascii(bytes, 0, 4) !== 'MThd' || u32be(bytes, 4) !== 6) throw refuse('no MThd header');
  const format = u16be(bytes, 8);
  const tracks = u16be(bytes, 10);
  const division = u16be(bytes, 12);
  if (format > 2 || tracks < 1) throw refuse(`bad header (format ${format}, ${tracks} tracks)`);
  if (division === 0 || division & 0x8000) throw refuse(`division ${division} is not a ticks-per-quarter count`);
  if (bytes.length < 22 || ascii(bytes, 14, 4) !== 'MTrk') throw refuse('no MTrk chunk after the header');
  let offset = 14;
  let trackCount = 0;
  while (offset < bytes.length) {
    if (offset + 8 > bytes.length) throw refuse(`truncated chunk header at byte ${offset}`);
    const id = ascii(bytes, offset, 4);
    const length = u32be(bytes, offset + 4);
    const start = offset + 8;
    const end = start + length;
    if (end > bytes.length) throw refuse(`chunk ${JSON.stringify(id)} at byte ${offset} runs past the end of the file`);
    if (id === 'MTrk') {
      const ticks = walkTrack(bytes, start, end, refuse);
      if (ticks / division > MIDI_MAX_QUARTERS)
        throw refuse(`track ${trackCount + 1} is longer than ${MIDI_MAX_QUARTERS} quarter notes`);
      trackCount++;
    }
    offset = end;
  }
  if (trackCount !== tracks) throw refuse(`the header promises ${tracks} tracks, the file has ${trackCount}`);
  // The structure is sound; the parser the cover uses also checks each meta event's contents (tempo, time signature).
  try {
    new Midi(bytes);
  } catch (error) {
    throw refuse(`unreadable events (${error instanceof Error ? error.message : String(error)})`);
  }
  return { format, tracks, division };
}

/** Walks one track's events between `start` and `end`; returns its length in ticks. */
function walkTrack(bytes: Uint8Array, start: number, end: number, refuse: (reason: string) => Error): number {
  let at = start;
  let ticks = 0;
  let running = 0;
  const varint = (): number => {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      if (at >= end) throw refuse(`a variable-length number runs past its track at byte ${at}`);
      const b = bytes[at++]!;
      value = value * 128 + (b & 0x7f);
      if (!(b & 0x80)) return value;
    }
    throw refuse(`a variable-length number is longer than 4 bytes at byte ${at}`);
  };
  const skip = (n: number) => {
    if (at + n > end) throw refuse(`an event runs past its track at byte ${at}`);
    at += n;
  };
  while (at < end) {
    ticks += varint();
    if (at >= end) throw refuse(`a delta time has no event after it at byte ${at}`);
    let status = bytes[at]!;
    if (status & 0x80) at++;
    else if (running) status = running;
    else throw refuse(`a data byte with no running status at byte ${at}`);
    if (status === 0xff) {
      skip(1); // meta type
      skip(varint());
      running = 0;
    } else if (status === 0xf0 || status === 0xf7) {
      skip(varint());
      running = 0;
    } else if (status >= 0xf0) {
      throw refuse(`system message 0x${status.toString(16)} is not allowed in a MIDI file (byte ${at - 1})`);
    } else {
      const count = CHANNEL_DATA_BYTES[status >> 4]!;
      for (let i = 0; i < count; i++) {
        if (at >= end || bytes[at]! & 0x80) throw refuse(`a channel message is missing data at byte ${at}`);
        at++;
      }
      running = status;
    }
  }
  return ticks;
}
