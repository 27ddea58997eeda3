/**
 * The verifier's checks of a folder's optional files (optional-files.ts): the uploaded cover is an image of the type
 * its name says and metadata's `image`; stream.mp3 is whole MP3 frames as long as audio.wav and is the file, size and
 * sha256 metadata's `motif.stream` names. A file metadata names must be in the folder.
 */
import type { CID } from 'multiformats/cid';
import { sha256Hex } from './digest';
import { TRACK_FILES } from './manifest-schema';
import { COVER_TYPES, coverTypeOf, readMp3, STREAM_FILE, UPLOADED_COVER_FILES } from './optional-files';

/** How far the streaming copy's length may be from the WAV's (encoder delay and padding are a few 26 ms frames). */
export const STREAM_LENGTH_TOLERANCE_SECONDS = 0.5;

type Files = ReadonlyMap<string, { cid: CID; bytes: Uint8Array }>;

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** The cover file metadata's `image` must link: the uploaded one when the folder has one, else cover.svg. */
export function coverFileOf(files: Files): string {
  return UPLOADED_COVER_FILES.find((name) => files.has(name)) ?? TRACK_FILES.cover;
}

/** Problems of the optional files against metadata.json (`audioSeconds`: the length of audio.wav). */
export function optionalFileProblems(files: Files, metadata: Record<string, unknown>, audioSeconds: number): string[] {
  const problems: string[] = [];
  const link = (name: string) => `ipfs://${files.get(name)?.cid.toString() ?? '?'}`;
  const motif = record(metadata.motif) ?? {};

  const covers = UPLOADED_COVER_FILES.filter((name) => files.has(name));
  if (covers.length > 1) problems.push(`the folder has ${covers.length} uploaded covers (${covers.join(', ')})`);
  for (const name of covers) {
    const type = coverTypeOf(files.get(name)?.bytes ?? new Uint8Array());
    if (!type || COVER_TYPES[type] !== name) problems.push(`${name} is ${type ?? 'not a PNG, JPEG or WebP image'}`);
  }
  if (covers.length > 0 && motif.generated_cover !== link(TRACK_FILES.cover))
    problems.push(`metadata motif.generated_cover ${String(motif.generated_cover)} is not the folder's cover.svg`);

  const stream = files.get(STREAM_FILE);
  const named = record(motif.stream);
  if (named && !stream) problems.push(`metadata names a streaming copy, the folder has no ${STREAM_FILE}`);
  if (stream) {
    if (!named) problems.push(`${STREAM_FILE} is in the folder, metadata motif.stream does not name it`);
    else {
      if (named.uri !== link(STREAM_FILE))
        problems.push(`metadata motif.stream.uri ${String(named.uri)} is not ${STREAM_FILE}`);
      if (named.size !== stream.bytes.byteLength)
        problems.push(`${STREAM_FILE} is ${stream.bytes.byteLength} bytes, metadata says ${String(named.size)}`);
      if (named.sha256 !== sha256Hex(stream.bytes))
        problems.push(`${STREAM_FILE} sha256 is not the one metadata records`);
    }
    const mp3 = readMp3(stream.bytes);
    if ('problem' in mp3) problems.push(`${STREAM_FILE} is not an MP3: ${mp3.problem}`);
    else if (Math.abs(mp3.seconds - audioSeconds) > STREAM_LENGTH_TOLERANCE_SECONDS)
      problems.push(
        `${STREAM_FILE} lasts ${mp3.seconds.toFixed(2)} s, ${TRACK_FILES.audio} ${audioSeconds.toFixed(2)} s`,
      );
  }
  return problems;
}
