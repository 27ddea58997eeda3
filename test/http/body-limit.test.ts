import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyTooLargeError, readBodyWithin } from '../../lib/http/body-limit';
import { boundedRequest } from '../../lib/http/guard';
import { findBadText } from '../../lib/http/text-input';
import { pumpChunks } from '../support/chunked-upload';
import { pollUntil } from '../support/limits';

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

/** The same conversion Next does: a Node request becomes a web Request whose body streams from the socket. */
function webRequest(req: http.IncomingMessage): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  return new Request(`http://localhost${req.url}`, {
    method: req.method,
    headers,
    body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
}

/** A body that never ends, recording when its reader cancels it. */
function endlessStream(): { stream: ReadableStream<Uint8Array>; pulled: () => number; cancelled: () => boolean } {
  let pulled = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      pulled += 1024;
      controller.enqueue(new Uint8Array(1024));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, pulled: () => pulled, cancelled: () => cancelled };
}

describe('readBodyWithin', () => {
  it('reads and drops the rest of a streamed body past the limit (no Content-Length) before it answers', async () => {
    const total = 4 * 1024 * 1024;
    const { stream, pulled } = countingStream(total);
    await expect(readBodyWithin(streamed(stream), 64 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(pulled()).toBe(total); // nothing left unread when the answer goes out (see the real server below)
  });

  it('answers a body that keeps coming once the drain time is over, reads on, and cuts it off later', async () => {
    const { stream, pulled, cancelled } = endlessStream();
    const started = Date.now();
    await expect(readBodyWithin(streamed(stream), 4 * 1024, { drainMs: 200, cutOffMs: 300 })).rejects.toBeInstanceOf(
      BodyTooLargeError,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(cancelled()).toBe(false); // cancelling ends the request under the answer, so it waits for the cut-off
    const atAnswer = pulled();
    await pollUntil('the endless body to be cancelled', async () => cancelled());
    expect(pulled()).toBeGreaterThan(atAnswer); // read on after the answer, until the cut-off
  });

  it('refuses a declared Content-Length over the limit without keeping it, once the body is read and dropped', async () => {
    const { stream, pulled } = countingStream(1024 * 1024);
    await expect(readBodyWithin(streamed(stream, { 'content-length': String(1024 * 1024) }), 1024)).rejects.toThrow(
      /larger than 1024 bytes/,
    );
    expect(pulled()).toBe(1024 * 1024);
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
    server = http.createServer(async (req, res) => {
      const bounded = await boundedRequest(webRequest(req), { limit: 1024, json: true });
      const answer = bounded instanceof Response ? bounded : Response.json(await bounded.json());
      res.writeHead(answer.status, { 'content-type': 'application/json', connection: 'close' });
      res.end(await answer.text());
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

describe('boundedRequest on a body streamed from the socket, past the limit', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    // The body is the Node request itself: cancelling it would destroy the request, and an answer sent while upload
    // bytes are still unread ends in a reset that can erase it (lib/http/body-limit.ts).
    server = http.createServer(async (req, res) => {
      const bounded = await boundedRequest(webRequest(req), { limit: 64 * 1024 });
      const answer = bounded instanceof Response ? bounded : Response.json({ ok: true });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(await answer.text());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /**
   * Uploads `total` bytes chunked, reading nothing from the socket until its upload is over or failed, as a busy
   * client would: the answer's status, or 0 when the connection was reset under it.
   */
  const upload = (total: number) =>
    new Promise<number>((resolve) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', agent: false, headers: { 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('socket', (socket) => {
        socket.pause();
        const readLater = () => setTimeout(() => socket.resume(), 200);
        req.on('finish', readLater);
        req.on('error', readLater); // the server may close once it has answered
      });
      req.on('close', () => setTimeout(() => resolve(0), 500));
      pumpChunks(req, total);
    });

  it('the 413 reaches a client that reads its answer only after its upload (no reset erases it)', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push(await upload(16 * 1024 * 1024));
    expect(answers).toEqual(Array(5).fill(413));
  });
});

describe('findBadText', () => {
  it('finds NUL and lone surrogates in nested values and keys; accepts surrogate pairs', () => {
    expect(findBadText({ a: [{ b: 'x\0' }] })).toBe('(body).a[0].b contains a NUL character');
    expect(findBadText({ ['k\ud800']: 1 })).toMatch(/has a key that contains a lone UTF-16 surrogate/);
    expect(findBadText({ s: '🎵', n: 1, t: null, u: true })).toBeNull();
  });
});
