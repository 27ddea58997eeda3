/**
 * The cover a creator uploads at mint (isomorphic): checked by its bytes (PNG, JPEG or WebP by magic number) and size
 * (TRACK_LIMITS.cover, 2 MiB) before it joins the draft, with a message the form shows; pinned in the folder beside
 * the generated cover.svg, which stays the default when none is chosen.
 */
import { BaseError } from '../errors/base';
import { coverTypeOf } from '../provenance/optional-files';
import { TRACK_LIMITS } from '../provenance/track-limits';
import { formatBytes } from '../tracks/limits';
import type { DraftProgress, MintDraft } from './draft';

export type DraftCover = NonNullable<MintDraft['cover']>;

export class CoverRejectedError extends BaseError {
  override name = 'CoverRejectedError';
}

/** The cover `bytes` (file name `name`) as the draft keeps it; throws CoverRejectedError with the reason to show. */
export function checkCover(bytes: Uint8Array, name: string, limit: number = TRACK_LIMITS.cover): DraftCover {
  if (bytes.byteLength === 0) throw new CoverRejectedError(`${name} is empty`);
  if (bytes.byteLength > limit)
    throw new CoverRejectedError(
      `${name} is ${formatBytes(bytes.byteLength)}; a cover is at most ${formatBytes(limit)}`,
    );
  const mediaType = coverTypeOf(bytes);
  if (!mediaType) throw new CoverRejectedError(`${name} is not a PNG, JPEG or WebP image`);
  return { bytes, mediaType, name };
}

/** The draft with `cover` (undefined: back to the generated cover); a folder pinned with the old cover is re-pinned. */
export function withCover(d: MintDraft, cover: DraftCover | undefined, now: string): MintDraft {
  if (d.progress.minted || d.progress.voucher) return d; // finished: nothing to change
  const progress: DraftProgress = { ...d.progress };
  delete progress.pinned;
  delete progress.mintTx;
  const { cover: _old, ...rest } = d;
  return { ...rest, ...(cover ? { cover } : {}), progress, updatedAt: now };
}
