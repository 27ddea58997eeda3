/**
 * The audio essence of a published WAV (docs/provenance/c2pa.md): the file with its top-level `C2PA` RIFF chunk
 * removed and the RIFF size field restored. The Motif manifest's `files.audio` records the essence; the folder CID
 * covers the published file. A file without a `C2PA` chunk is its own essence (tracks pinned before C2PA).
 */
import { BaseError } from '../../errors/base';

/** The four-character code of the chunk that carries the C2PA manifest store (JUMBF) in RIFF files. */
export const C2PA_CHUNK_ID = 'C2PA';

/** The published WAV does not have the layout docs/provenance/c2pa.md allows. */
export class C2paChunkError extends BaseError {
  override name = 'C2paChunkError';
}

export type SplitWav = {
  /** The WAV as rendered: no C2PA chunk, RIFF size = length - 8. The same array as the input when there was none. */
  essence: Uint8Array;
  /** The C2PA chunk's data (the JUMBF manifest store), or null when the file carries none. */
  manifestStore: Uint8Array | null;
  /** Byte offset of the chunk's 8-byte header in the published file (null when none). */
  chunkOffset: number | null;
};

const ascii = (b: Uint8Array, o: number) => String.fromCharCode(b[o] ?? 0, b[o + 1] ?? 0, b[o + 2] ?? 0, b[o + 3] ?? 0);
const u32 = (b: Uint8Array, o: number) => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(o, true);

/**
 * Splits a published WAV into its essence and its C2PA manifest store. Rules (checked, each failure a
 * C2paChunkError): "RIFF" size "WAVE" with size = file length - 8; top-level chunks that tile the file exactly (each
 * followed by one pad byte when its size is odd, 0 after the C2PA chunk); at most one `C2PA` chunk, and it must be the last.
 */
export function splitC2paChunk(wav: Uint8Array): SplitWav {
  if (wav.byteLength < 12 || ascii(wav, 0) !== 'RIFF' || ascii(wav, 8) !== 'WAVE')
    throw new C2paChunkError('not a RIFF/WAVE file');
  const riffSize = u32(wav, 4);
  if (riffSize !== wav.byteLength - 8)
    throw new C2paChunkError(`RIFF size field is ${riffSize}, the file holds ${wav.byteLength - 8} bytes after it`);
  let offset = 12;
  let found: { offset: number; size: number; end: number } | null = null;
  while (offset < wav.byteLength) {
    if (offset + 8 > wav.byteLength) throw new C2paChunkError(`a truncated chunk header at byte ${offset}`);
    const id = ascii(wav, offset);
    const size = u32(wav, offset + 4);
    const end = offset + 8 + size + (size % 2);
    if (end > wav.byteLength) throw new C2paChunkError(`chunk "${id}" at byte ${offset} runs past the end of the file`);
    if (id === C2PA_CHUNK_ID) {
      if (found) throw new C2paChunkError('more than one C2PA chunk');
      if (size % 2 === 1 && wav[end - 1] !== 0)
        throw new C2paChunkError('the C2PA chunk has an odd size and its pad byte is not 0');
      found = { offset, size, end };
    } else if (found) {
      throw new C2paChunkError(`chunk "${id}" follows the C2PA chunk, which must be the last`);
    }
    offset = end;
  }
  if (!found) return { essence: wav, manifestStore: null, chunkOffset: null };
  const essence = wav.slice(0, found.offset);
  new DataView(essence.buffer).setUint32(4, essence.byteLength - 8, true);
  return {
    essence,
    manifestStore: wav.slice(found.offset + 8, found.offset + 8 + found.size),
    chunkOffset: found.offset,
  };
}

/** The essence of `wav` for comparing with a manifest: the bytes themselves when the layout is not one splitC2paChunk accepts (the c2pa check reports why). */
export function audioEssence(wav: Uint8Array): Uint8Array {
  try {
    return splitC2paChunk(wav).essence;
  } catch {
    return wav;
  }
}
