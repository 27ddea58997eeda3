import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayResponse, VERIFIED_BUFFER_BYTES } from './gateway';
import { HeliaStorage } from './helia-storage';

let dir: string;
let storage: HeliaStorage;
let root: string;
const audio = new Uint8Array(300_000).map((_, i) => i % 256);
audio.set(new TextEncoder().encode('RIFF'), 0);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-gateway-test-'));
  storage = await HeliaStorage.open(dir);
  const pinned = await storage.addFolder([
    { path: 'track.wav', content: audio },
    { path: 'metadata.json', content: new TextEncoder().encode('{"name":"Song"}') },
  ]);
  root = pinned.cid.toString();
});
afterAll(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (headers: Record<string, string> = {}, method = 'GET') => ({ method, headers: new Headers(headers) });

describe('gatewayResponse', () => {
  it('serves a whole file with its type, length and CID etag', async () => {
    const res = await gatewayResponse(storage, get(), root, ['metadata.json']);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{"name":"Song"}');
    expect(res.headers.get('etag')).toMatch(/^"baf/);
  });

  it('serves a byte range across chunk boundaries with 206 and Content-Range', async () => {
    const res = await gatewayResponse(storage, get({ range: 'bytes=262100-262199' }), root, ['track.wav']);
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 262100-262199/300000');
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(audio.slice(262_100, 262_200));
  });

  it('answers 416 past the end, 404 for a missing path, 400 for a bad CID', async () => {
    expect((await gatewayResponse(storage, get({ range: 'bytes=300000-' }), root, ['track.wav'])).status).toBe(416);
    expect((await gatewayResponse(storage, get(), root, ['nope.wav'])).status).toBe(404);
    expect((await gatewayResponse(storage, get(), 'not-a-cid', [])).status).toBe(400);
  });

  it('lists a folder and answers 304 to a matching If-None-Match', async () => {
    const listing = await gatewayResponse(storage, get(), root, []);
    expect(listing.status).toBe(200);
    expect(await listing.text()).toContain('track.wav');
    const etag = listing.headers.get('etag') ?? '';
    expect((await gatewayResponse(storage, get({ 'if-none-match': etag }), root, [])).status).toBe(304);
  });
});

describe('gatewayResponse: bodies past the in-memory limit', () => {
  it('streams a file larger than VERIFIED_BUFFER_BYTES whole (after the checked read), and HEAD sends none of it', async () => {
    const big = new Uint8Array(randomBytes(VERIFIED_BUFFER_BYTES + 300_000));
    const cid = (await storage.addBytes(big)).toString();
    const res = await gatewayResponse(storage, get(), cid, []);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(big.byteLength));
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(big))).toBe(true);
    const head = await gatewayResponse(storage, get({}, 'HEAD'), cid, []);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(big.byteLength));
    expect(await head.text()).toBe('');
  });
});

describe('gatewayResponse: no script on our origin', () => {
  let evil: string;
  beforeAll(async () => {
    const script = '<script>document.title="pwned"</script>';
    evil = (
      await storage.addFolder([
        { path: 'page.html', content: new TextEncoder().encode(`<!doctype html><title>x</title>${script}`) },
        {
          path: 'image.svg',
          content: new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg">${script}</svg>`),
        },
        { path: 'noext', content: new TextEncoder().encode(`<html>${script}</html>`) },
      ])
    ).cid.toString();
  });

  it('sends a sandboxing CSP and nosniff with every answer, errors and listings included', async () => {
    for (const res of [
      await gatewayResponse(storage, get(), root, ['metadata.json']),
      await gatewayResponse(storage, get(), root, []),
      await gatewayResponse(storage, get(), root, ['nope.wav']),
      await gatewayResponse(storage, get(), 'not-a-cid', []),
    ]) {
      expect(res.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves HTML, SVG and unknown bytes as attachments; audio, raster images and JSON inline', async () => {
    for (const name of ['page.html', 'image.svg', 'noext']) {
      const res = await gatewayResponse(storage, get(), evil, [name]);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
    }
    expect((await gatewayResponse(storage, get(), evil, ['image.svg'])).headers.get('content-disposition')).toContain(
      'filename="image.svg"',
    );
    expect((await gatewayResponse(storage, get(), root, ['track.wav'])).headers.get('content-disposition')).toBe(
      'inline',
    );
    expect((await gatewayResponse(storage, get(), root, ['metadata.json'])).headers.get('content-disposition')).toBe(
      'inline',
    );
  });

  it('refuses identity-multihash CIDs, codecs and hashes the store cannot hold, and bad percent-encoding with 400', async () => {
    const { identity } = await import('multiformats/hashes/identity');
    const { CID } = await import('multiformats/cid');
    const inline = CID.createV1(
      0x55,
      identity.digest(new TextEncoder().encode('<script>alert(1)</script>')),
    ).toString();
    const res = await gatewayResponse(storage, get(), inline, []);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('identity');
    const dagCbor = CID.createV1(0x71, CID.parse(root).multihash).toString();
    expect((await gatewayResponse(storage, get(), dagCbor, [])).status).toBe(400);
    expect((await gatewayResponse(storage, get(), root, ['%E0%A4%A'])).status).toBe(400);
    expect((await gatewayResponse(storage, get(), root, ['a%00b'])).status).toBe(400);
  });

  it('answers 404, not 500, for a path below a file', async () => {
    expect((await gatewayResponse(storage, get(), root, ['track.wav', 'inner'])).status).toBe(404);
  });
});
