/**
 * Largest JSON body any API route accepts (sign-in, profiles, labels): far above real use, far below harm. Keep it well
 * under the proxy's body buffer (proxyClientMaxBodySize in next.config.ts), so a body Next cuts is still seen as too large.
 */
import { BaseError } from '../errors/base';
export const JSON_BODY_LIMIT = 256 * 1024;

/** 413: the body is larger than the route accepts. */
export class BodyTooLargeError extends BaseError {
  override name = 'BodyTooLargeError';
  readonly status = 413;
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes`);
  }
}

/** How long the rest of an oversized body is read and dropped before the 413 goes out (see drainBeforeAnswer). */
export const OVERSIZED_DRAIN_MS = 10_000;
/** How long a client still sending after its 413 is read on before its upload is cancelled (see dropInBackground). */
export const OVERSIZED_CUT_OFF_MS = 30_000;

export type ReadBodyOptions = {
  /** Overrides OVERSIZED_DRAIN_MS (tests). */
  drainMs?: number;
  /** Overrides OVERSIZED_CUT_OFF_MS (tests). */
  cutOffMs?: number;
};

/**
 * Reads what is left of an oversized body and drops it, until it ends or `ms` have passed; true when it ended.
 * Why not answer at once: the server closes the connection after the 413, and closing a TCP socket with unread upload
 * bytes in it sends a reset, which can erase the answer from the client's buffers before the client reads it
 * (RFC 9112 section 9.6). A busy client then sees no answer at all: security.e2e's 200 MB chunked upload got none in 10
 * minutes on a loaded machine. Read to its end, the upload leaves nothing unread and the close is clean. Nothing is
 * kept, so memory stays bounded by the limit.
 */
async function drainBeforeAnswer(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<'time-up'>((resolve) => (timer = setTimeout(() => resolve('time-up'), ms)));
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), timeUp]);
      if (next === 'time-up') return false;
      if (next.done) return true;
    }
  } catch {
    return true; // the client went away: nothing left to drop
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A body still coming after the drain window: the 413 goes out now, and the rest is still read and dropped for `ms`,
 * then cancelled. Cancelling ends the Node request under the stream, so it is never done before the answer.
 */
function dropInBackground(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number): void {
  const cutOff = setTimeout(() => void reader.cancel().catch(() => undefined), ms);
  cutOff.unref();
  void (async () => {
    try {
      while (!(await reader.read()).done);
    } catch {
      // cancelled, or the client went away
    } finally {
      clearTimeout(cutOff);
    }
  })();
}

/** Drops the rest of an oversized body (drainBeforeAnswer, then dropInBackground) and returns the 413 error. */
async function refuseOversized(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limit: number,
  options: ReadBodyOptions,
): Promise<BodyTooLargeError> {
  const ended = await drainBeforeAnswer(reader, options.drainMs ?? OVERSIZED_DRAIN_MS);
  if (!ended) dropInBackground(reader, options.cutOffMs ?? OVERSIZED_CUT_OFF_MS);
  return new BodyTooLargeError(limit);
}

/**
 * Reads a request body, keeping at most `limit` bytes: a declared Content-Length over the limit is refused without
 * keeping any of it, and a chunked body without one is dropped as soon as it passes the limit, so no oversized body is
 * ever held in memory. Throws BodyTooLargeError once the rest of the body is read and dropped (refuseOversized).
 */
export async function readBodyWithin(
  request: Request,
  limit: number,
  options: ReadBodyOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    if (request.body && !request.bodyUsed) throw await refuseOversized(request.body.getReader(), limit, options);
    throw new BodyTooLargeError(limit);
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      chunks.length = 0; // nothing of an oversized body is kept while the rest is dropped
      throw await refuseOversized(reader, limit, options);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
