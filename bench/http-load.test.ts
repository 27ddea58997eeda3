import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentile, runLoad } from './http-load';

let server: http.Server;
let base: string;
let open = 0;
let maxOpen = 0;
const sockets = new Set<unknown>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    setTimeout(() => {
      open--;
      res.writeHead(req.url === '/fail' ? 500 : 200, { 'content-type': 'text/plain' });
      res.end('ok');
    }, 5);
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('runLoad (the load bench generator) against a real local HTTP server', () => {
  it('keeps exactly `clients` requests in flight on reused connections for the given time', async () => {
    sockets.clear();
    const t = performance.now();
    const result = await runLoad({ url: () => `${base}/ok`, clients: 8, seconds: 0.5 });
    const elapsed = performance.now() - t;
    // Bounds loose enough for a busy machine: the loop stops after its time, plus at most one request per client.
    expect(elapsed).toBeGreaterThanOrEqual(500);
    expect(elapsed).toBeLessThan(5_000);
    expect(maxOpen).toBe(8);
    expect(sockets.size).toBe(8); // keep-alive: one connection per client
    expect(result.errors).toBe(0);
    expect(result.latenciesMs.length).toBeGreaterThanOrEqual(8 * 2);
    // requests over the generator's own time, which lies between the 0.5 s asked for and the time measured here
    expect(result.rps).toBeLessThanOrEqual(result.latenciesMs.length / 0.5);
    expect(result.rps).toBeGreaterThanOrEqual(result.latenciesMs.length / (elapsed / 1000));
    expect(percentile(result.latenciesMs, 95)).toBeGreaterThanOrEqual(4); // the server's 5 ms answer time
  });

  it('counts non-2xx answers and refused connections as errors, and keeps going', async () => {
    const failing = await runLoad({ url: () => `${base}/fail`, clients: 2, seconds: 0.2 });
    expect(failing.errors).toBe(failing.latenciesMs.length);
    expect(failing.errorSamples[0]).toMatch(/^500 from/);
    const refused = await runLoad({ url: () => 'http://127.0.0.1:1/', clients: 1, seconds: 0.1 });
    expect(refused.errors).toBeGreaterThan(0);
    expect(refused.errorSamples[0]).toMatch(/ECONNREFUSED/);
  });

  it('refuses any target but http://127.0.0.1', async () => {
    await expect(runLoad({ url: () => 'http://example.com/', clients: 1, seconds: 0.1 })).rejects.toThrow(
      /127\.0\.0\.1/,
    );
    await expect(runLoad({ url: () => `${base}/ok`, clients: 0, seconds: 0.1 })).rejects.toThrow();
  });

  it('takes the nearest-rank percentile', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 95)).toBe(96);
    expect(percentile(values, 50)).toBe(51);
    expect(percentile([], 95)).toBeNaN();
  });
});
