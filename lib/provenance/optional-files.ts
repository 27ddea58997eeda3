/**
 * The optional files of a track folder (docs/provenance/SPEC.md "Track folder"), beside the five of TRACK_FILES:
 * the streaming copy (stream.mp3, made from audio.wav at publish) and a cover the creator uploaded (cover.png,
 * cover.jpg or cover.webp; cover.svg, drawn from the MIDI, is always there too). metadata.json names each one; the
 * folder CID (the token's content digest) binds them. Their bytes are recognised here by content, for the pin route
 * (lib/tracks/sniff-media.ts) and the verifier alike.
 */

export const STREAM_FILE = 'stream.mp3';
export const STREAM_MEDIA_TYPE = 'audio/mpeg';

/** The cover image types accepted at upload, by media type, with the name the file has in the folder. */
export const COVER_TYPES = {
  'image/png': 'cover.png',
  'image/jpeg': 'cover.jpg',
  'image/webp': 'cover.webp',
} as const;
export type CoverMediaType = keyof typeof COVER_TYPES;
export const UPLOADED_COVER_FILES: readonly string[] = Object.values(COVER_TYPES);

/** Every optional folder name. */
export const OPTIONAL_TRACK_FILES: readonly string[] = [STREAM_FILE, ...UPLOADED_COVER_FILES];

const startsWith = (b: Uint8Array, at: number, sig: readonly number[]) => sig.every((x, i) => b[at + i] === x);

/** The media type of an image by its magic bytes (PNG, JPEG, WebP), or undefined for anything else. */
export function coverTypeOf(bytes: Uint8Array): CoverMediaType | undefined {
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, 0, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, 8, [0x57, 0x45, 0x42, 0x50]))
    return 'image/webp';
  return undefined;
}

const MPEG1_L3_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MPEG2_L3_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const RATES: Record<number, number[]> = {
  3: [44_100, 48_000, 32_000],
  2: [22_050, 24_000, 16_000],
  0: [11_025, 12_000, 8000],
};

type Frame = { length: number; rate: number; kbps: number; samples: number; channels: 1 | 2 };

/** The MPEG audio Layer III frame whose header starts at `at`; undefined when none does. */
function frameAt(b: Uint8Array, at: number): Frame | undefined {
  if (at + 4 > b.length || b[at] !== 0xff || ((b[at + 1] ?? 0) & 0xe0) !== 0xe0) return undefined;
  const version = ((b[at + 1] ?? 0) >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const layer = ((b[at + 1] ?? 0) >> 1) & 3; // 1: Layer III
  const bitrateIndex = (b[at + 2] ?? 0) >> 4;
  const rateIndex = ((b[at + 2] ?? 0) >> 2) & 3;
  const padding = ((b[at + 2] ?? 0) >> 1) & 1;
  const rate = RATES[version]?.[rateIndex];
  const kbps = (version === 3 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[bitrateIndex];
  if (layer !== 1 || !rate || !kbps) return undefined;
  const samples = version === 3 ? 1152 : 576;
  const length = Math.floor(((samples / 8) * kbps * 1000) / rate) + padding;
  return { length, rate, kbps, samples, channels: (b[at + 3] ?? 0) >> 6 === 3 ? 1 : 2 };
}

export type Mp3Info = {
  sampleRate: number;
  channels: 1 | 2;
  /** The bit rate of the first frame (the whole file's, for a CBR file). */
  kbps: number;
  firstFrame: number;
  frames: number;
  seconds: number;
};

/**
 * Reads an MPEG audio Layer III stream: after an optional ID3v2 tag, whole frames back to back, each where the
 * previous frame's length says, to the end of the file (an ID3v1 tag may close it). Returns what it read, or why it
 * is not one (a lone 0xFFE sync word is not enough).
 */
export function readMp3(bytes: Uint8Array): Mp3Info | { problem: string } {
  let at = 0;
  if (startsWith(bytes, 0, [0x49, 0x44, 0x33]))
    at = 10 + [6, 7, 8, 9].reduce((n, i) => (n << 7) | ((bytes[i] ?? 0) & 0x7f), 0);
  const firstFrame = at;
  const first = frameAt(bytes, at);
  if (!first) return { problem: `no Layer III frame header at byte ${at}` };
  let frames = 0;
  let samples = 0;
  while (at < bytes.length) {
    if (bytes.length - at === 128 && startsWith(bytes, at, [0x54, 0x41, 0x47])) break; // ID3v1 "TAG"
    const frame = frameAt(bytes, at);
    if (!frame || frame.rate !== first.rate)
      return { problem: `frame ${frames + 1} (byte ${at}) is not a Layer III frame` };
    if (at + frame.length > bytes.length)
      return { problem: `frame ${frames + 1} (byte ${at}) runs past the end of the file` };
    at += frame.length;
    frames += 1;
    samples += frame.samples;
  }
  return {
    sampleRate: first.rate,
    channels: first.channels,
    kbps: first.kbps,
    firstFrame,
    frames,
    seconds: samples / first.rate,
  };
}
