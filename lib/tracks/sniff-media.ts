/**
 * Content sniffing of the optional parts of a track folder: the streaming copy (MP3) and an uploaded cover (PNG, JPEG
 * or WebP), by their bytes (magic numbers and frame headers), never by name or declared type (415 otherwise).
 */
import { UnsupportedMediaTypeError } from './sniff';

export type Mp3Info = { sampleRate: number; channels: 1 | 2; firstFrame: number };

const MPEG1_L3_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MPEG2_L3_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const RATES: Record<number, number[]> = {
  3: [44_100, 48_000, 32_000],
  2: [22_050, 24_000, 16_000],
  0: [11_025, 12_000, 8000],
};

/** The length in bytes of the MPEG Layer III frame at `at`, with its rate and channels; undefined when none starts there. */
function frameAt(b: Uint8Array, at: number): { length: number; rate: number; channels: 1 | 2 } | undefined {
  if (at + 4 > b.length || b[at] !== 0xff || ((b[at + 1] ?? 0) & 0xe0) !== 0xe0) return undefined;
  const version = ((b[at + 1] ?? 0) >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const layer = ((b[at + 1] ?? 0) >> 1) & 3; // 1: Layer III
  const bitrateIndex = (b[at + 2] ?? 0) >> 4;
  const rateIndex = ((b[at + 2] ?? 0) >> 2) & 3;
  const padding = ((b[at + 2] ?? 0) >> 1) & 1;
  const rate = RATES[version]?.[rateIndex];
  const kbps = (version === 3 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[bitrateIndex];
  if (layer !== 1 || !rate || !kbps) return undefined;
  const length = Math.floor(((version === 3 ? 144 : 72) * kbps * 1000) / rate) + padding;
  return { length, rate, channels: (b[at + 3] ?? 0) >> 6 === 3 ? 1 : 2 };
}

/**
 * Checks `bytes` is an MPEG audio Layer III stream: after an optional ID3v2 tag, three whole frames in a row (or as
 * many as the file holds), each where the previous frame's length says (a random 0xFFE sync word is not enough).
 */
export function sniffMp3(bytes: Uint8Array, part = 'stream'): Mp3Info {
  const fail = (reason: string) => new UnsupportedMediaTypeError(part, 'an MP3 (MPEG audio Layer III) file', reason);
  let at = 0;
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) {
    const size = [6, 7, 8, 9].reduce((n, i) => (n << 7) | ((bytes[i] ?? 0) & 0x7f), 0);
    at = 10 + size;
  }
  const first = frameAt(bytes, at);
  if (!first) throw fail(`no Layer III frame header at byte ${at}`);
  let next = at;
  for (let i = 0; i < 3; i++) {
    const frame = frameAt(bytes, next);
    if (!frame || frame.rate !== first.rate) throw fail(`frame ${i + 1} (byte ${next}) is not a Layer III frame`);
    next += frame.length;
    if (next > bytes.length) throw fail(`frame ${i + 1} (byte ${next - frame.length}) runs past the end of the file`);
    if (next === bytes.length) break;
  }
  return { sampleRate: first.rate, channels: first.channels, firstFrame: at };
}

/** The cover image types accepted at upload, by media type, with the name the file has in the folder. */
export const COVER_TYPES = {
  'image/png': 'cover.png',
  'image/jpeg': 'cover.jpg',
  'image/webp': 'cover.webp',
} as const;
export type CoverMediaType = keyof typeof COVER_TYPES;
/** The folder names an uploaded cover can have. */
export const UPLOADED_COVER_FILES: readonly string[] = Object.values(COVER_TYPES);

const startsWith = (b: Uint8Array, at: number, sig: readonly number[]) => sig.every((x, i) => b[at + i] === x);

/** The media type of an uploaded cover by its magic bytes (PNG, JPEG, WebP); 415 for anything else. */
export function sniffCover(bytes: Uint8Array, part = 'cover'): CoverMediaType {
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, 0, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, 8, [0x57, 0x45, 0x42, 0x50]))
    return 'image/webp';
  throw new UnsupportedMediaTypeError(part, 'a PNG, JPEG or WebP image', 'its first bytes are none of these');
}
