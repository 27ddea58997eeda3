import { BodyTooLargeError, readBodyWithin } from './body-limit';
import { findBadText } from './text-input';

export type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

export type BodyPolicy = {
  /** Most bytes the body may have. */
  limit: number;
  /** The body is JSON: invalid UTF-8, and NUL or lone surrogates in any string of it, are refused with 400. */
  json?: boolean;
};

const refuse = (status: number, error: string) =>
  Response.json({ error }, { status, headers: { 'cache-control': 'no-store' } });

/**
 * The request with its body read under `policy` and put back as bytes, or the 413/400 answer. The handler then reads
 * the copy however it likes (json, formData, text) without ever seeing more than the limit.
 */
export async function boundedRequest(request: Request, policy: BodyPolicy): Promise<Request | Response> {
  if (request.method === 'GET' || request.method === 'HEAD') return request;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readBodyWithin(request, policy.limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return refuse(413, error.message);
    throw error;
  }
  if (policy.json && bytes.byteLength > 0) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return refuse(400, 'The request body is not valid UTF-8');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined; // not JSON: the handler answers that in its own words
    }
    const bad = parsed === undefined ? null : findBadText(parsed);
    if (bad) return refuse(400, `Invalid text: ${bad}`);
  }
  const headers = new Headers(request.headers);
  headers.delete('transfer-encoding');
  headers.set('content-length', String(bytes.byteLength));
  return new Request(request.url, { method: request.method, headers, body: bytes, signal: request.signal });
}

/** Wraps a route handler so its body is bounded (see boundedRequest). */
export function withBodyLimit<C>(policy: BodyPolicy, handler: RouteHandler<C>): RouteHandler<C> {
  return async (request, context) => {
    const bounded = await boundedRequest(request, policy);
    return bounded instanceof Response ? bounded : handler(bounded, context);
  };
}
