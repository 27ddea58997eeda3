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

/**
 * Reads a request body, stopping as soon as it passes `limit` bytes: a declared Content-Length over the limit is
 * refused before reading, and a chunked body without one is cut off while it streams, so no oversized body is ever
 * held in memory. Throws BodyTooLargeError.
 */
export async function readBodyWithin(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit)
    throw new BodyTooLargeError(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
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
