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

/** How long the rest of an oversized body is read and dropped before the 413 goes out (see refuseOversized). */
export const OVERSIZED_DRAIN_MS = 10_000;
/** How long a client still sending after its 413 is read on before its upload is cancelled (see refuseOversized). */
export const OVERSIZED_CUT_OFF_MS = 30_000;

export type ReadBodyOptions = {
  /** Overrides OVERSIZED_DRAIN_MS (tests). */
  drainMs?: number;
  /** Overrides OVERSIZED_CUT_OFF_MS (tests). */
  cutOffMs?: number;
};

/** Reads a body to its end and drops every chunk; resolves at the end, when cancelled, or when the client goes away. */
async function readAndDrop(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    while (!(await reader.read()).done);
  } catch {
    // the client went away: nothing left to drop
  }
}

/**
 * Drops the rest of an oversized body and returns the 413 error once it has ended, or after `drainMs` at most.
 * Why not answer at once: the server closes the connection after the 413, and closing a TCP socket with unread upload
 * bytes in it sends a reset, which can erase the answer from the client's buffers before the client reads it
 * (RFC 9112 section 9.6). A busy client then sees no answer at all: security.e2e's 200 MB chunked upload got none in 10
 * minutes on a loaded machine. Read to its end, the upload leaves nothing unread and the close is clean. Nothing is
 * kept, so memory stays bounded by the limit. A body still coming after `drainMs` gets its answer then, and is read on
 * for `cutOffMs` before it is cancelled: cancelling ends the Node request under the stream, so never before the answer.
 */
async function refuseOversized(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limit: number,
  options: ReadBodyOptions,
): Promise<BodyTooLargeError> {
  const ended = readAndDrop(reader);
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<'time-up'>(
    (resolve) => (timer = setTimeout(() => resolve('time-up'), options.drainMs ?? OVERSIZED_DRAIN_MS)),
  );
  const first = await Promise.race([ended, timeUp]);
  clearTimeout(timer);
  if (first === 'time-up') {
    const cutOff = setTimeout(
      () => void reader.cancel().catch(() => undefined),
      options.cutOffMs ?? OVERSIZED_CUT_OFF_MS,
    );
    cutOff.unref();
    void ended.then(() => clearTimeout(cutOff));
  }
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
