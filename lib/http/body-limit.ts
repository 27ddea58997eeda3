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

/** How long the rest of an oversized body is still read and dropped after the 413 (see dropRest). */
export const OVERSIZED_DRAIN_MS = 30_000;

/**
 * Reads what is left of an oversized body and drops it, for at most `ms`, then cancels. The stream is the client's
 * upload: cancelling it ends the Node request under it, and the code used to await that cancel before answering. In a
 * loaded run that 413 never reached the client (security.e2e's 200 MB chunked upload: no answer in 10 minutes).
 * Read and dropped, nothing is kept in memory and the answer goes out at once; a client that sees it stops sending,
 * and one that keeps sending is cut off after `ms`, long after its answer went out.
 */
function dropRest(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number): void {
  const cutOff = setTimeout(() => void reader.cancel().catch(() => undefined), ms);
  cutOff.unref();
  void (async () => {
    try {
      while (!(await reader.read()).done);
    } catch {
      // the client went away: nothing left to drop
    } finally {
      clearTimeout(cutOff);
    }
  })();
}

/**
 * Reads a request body, stopping as soon as it passes `limit` bytes: a declared Content-Length over the limit is
 * refused before reading, and a chunked body without one is cut off while it streams, so no oversized body is ever
 * held in memory. Throws BodyTooLargeError; what the client still sends is dropped (dropRest), not buffered.
 */
export async function readBodyWithin(
  request: Request,
  limit: number,
  options: { drainMs?: number } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const drainMs = options.drainMs ?? OVERSIZED_DRAIN_MS;
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    if (request.body && !request.bodyUsed) dropRest(request.body.getReader(), drainMs);
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
      dropRest(reader, drainMs);
      throw new BodyTooLargeError(limit);
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
