import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyTooLargeError, readBodyWithin } from '../../lib/http/body-limit';
import { boundedRequest } from '../../lib/http/guard';
import { findBadText } from '../../lib/http/text-input';

/** A body of `total` bytes made on demand, counting how many bytes the reader pulled. */
function countingStream(
  total: number,
  chunk = 16 * 1024,
): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      const n = Math.min(chunk, total - pulled);
      pulled += n;
      controller.enqueue(new Uint8Array(n).fill(0x61));
    },
  });
  return { stream, pulled: () => pulled };
}

const streamed = (stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/x', { method: 'POST', body: stream, headers, duplex: 'half' } as RequestInit & {
    duplex: 'half';
  });

describe('readBodyWithin', () => {
  it('stops reading a streamed body (no Content-Length) one chunk past the limit, instead of buffering it all', async () => {
    const { stream, pulled } = countingStream(1024 * 1024 * 1024);
    await expect(readBodyWithin(streamed(stream), 64 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(pulled()).toBeLessThanOrEqual(64 * 1024 + 3 * 16 * 1024);
  });

  it('refuses a declared Content-Length over the limit before reading anything', async () => {
    const { stream, pulled } = countingStream(1024 * 1024);
    await expect(readBodyWithin(streamed(stream, { 'content-length': String(1024 * 1024) }), 1024)).rejects.toThrow(
      /larger than 1024 bytes/,
    );
    expect(pulled()).toBeLessThanOrEqual(16 * 1024); // at most what the stream pre-buffers
  });

  it('returns a body at the limit byte for byte', async () => {
    const body = new TextEncoder().encode('x'.repeat(1000));
    expect(await readBodyWithin(new Request('http://localhost/', { method: 'POST', body }), 1000)).toEqual(body);
  });
});

describe('boundedRequest through a real HTTP server', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    // The same conversion Next does: a Node request becomes a web Request whose body streams from the socket.
    server = http.createServer(async (req, res) => {
      let open = true;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          req.on('data', (c: Buffer) => open && controller.enqueue(new Uint8Array(c)));
          req.on('end', () => open && controller.close());
          req.on('error', (e) => open && controller.error(e));
        },
        cancel() {
          open = false; // the reader stopped at the limit; the rest of the upload is drained and dropped
        },
      });
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const request = new Request(`http://localhost${req.url}`, {
        method: req.method,
        headers,
        body,
        duplex: 'half',
      } as RequestInit & { duplex: 'half' });
      const bounded = await boundedRequest(request, { limit: 1024, json: true });
      const answer = bounded instanceof Response ? bounded : Response.json(await bounded.json());
      res.writeHead(answer.status, { 'content-type': 'application/json', connection: 'close' });
      res.end(await answer.text());
      req.resume();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (body: string | ReadableStream<Uint8Array>) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });

  it('413 for a chunked body past the limit, 400 for NUL or a lone surrogate, the JSON through otherwise', async () => {
    const big = await post(countingStream(10 * 1024 * 1024).stream);
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'The request body is larger than 1024 bytes' });
    const nul = await post('{"name":"a\\u0000b"}');
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { error: string }).error).toBe('Invalid text: (body).name contains a NUL character');
    expect((await post('{"name":"\\udc00x"}')).status).toBe(400);
    expect((await post('{"a":["ok","\\ud83d"]}')).status).toBe(400);
    const ok = await post('{"name":"Ünïcödé 🎵"}');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ name: 'Ünïcödé 🎵' });
  });
});

describe('findBadText', () => {
  it('finds NUL and lone surrogates in nested values and keys; accepts surrogate pairs', () => {
    expect(findBadText({ a: [{ b: 'x\0' }] })).toBe('(body).a[0].b contains a NUL character');
    expect(findBadText({ ['k\ud800']: 1 })).toMatch(/has a key that contains a lone UTF-16 surrogate/);
    expect(findBadText({ s: '🎵', n: 1, t: null, u: true })).toBeNull();
  });
});
