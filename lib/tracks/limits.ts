/**
 * Upload size limits of a track (413): the limits themselves are TRACK_LIMITS (lib/provenance/track-limits.ts), the
 * one home every reader of a track folder shares.
 */
import { TRACK_LIMITS, type TrackPart } from '../provenance/track-limits';
import { BaseError } from '../errors/base';

/** An HTTP-mappable error (route handlers answer with `status`). */
export class HttpError extends BaseError {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** 413: a part is larger than its limit; the message names the limit. */
export class PayloadTooLargeError extends HttpError {
  override name = 'PayloadTooLargeError';
  constructor(
    readonly part: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(413, `${part} is ${formatBytes(size)}; the limit is ${formatBytes(limit)} (${limit} bytes)`);
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
}

/** Throws PayloadTooLargeError when `size` exceeds the part's limit. */
export function checkSize(part: TrackPart, size: number, limits: Record<TrackPart, number> = TRACK_LIMITS): void {
  const limit = limits[part];
  if (size > limit) throw new PayloadTooLargeError(part, size, limit);
}
