/**
 * Content sniffing of the optional parts of a track folder (lib/provenance/optional-files.ts): the streaming copy
 * (MP3) and an uploaded cover (PNG, JPEG or WebP), by their bytes, never by name or declared type (415 otherwise).
 */
import { coverTypeOf, readMp3, type CoverMediaType, type Mp3Info } from '../provenance/optional-files';
import { UnsupportedMediaTypeError } from './sniff';

/** Checks `bytes` is an MPEG audio Layer III file, whole frames to its end. */
export function sniffMp3(bytes: Uint8Array, part = 'stream'): Mp3Info {
  const info = readMp3(bytes);
  if ('problem' in info) throw new UnsupportedMediaTypeError(part, 'an MP3 (MPEG audio Layer III) file', info.problem);
  return info;
}

/** The media type of an uploaded cover by its magic bytes (PNG, JPEG, WebP); 415 for anything else. */
export function sniffCover(bytes: Uint8Array, part = 'cover'): CoverMediaType {
  const type = coverTypeOf(bytes);
  if (!type)
    throw new UnsupportedMediaTypeError(part, 'a PNG, JPEG or WebP image', 'its first bytes are none of these');
  return type;
}
