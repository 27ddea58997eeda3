/**
 * One byte of a stored block flipped on disk, inside its pack file: the gateway answers 502 naming the block, never
 * the bytes and never `immutable`; ranges that do not touch the block still serve; health names the block until the
 * byte is restored.
 */
import { openSync, readdirSync, readFileSync, readSync, closeSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkHealth } from '../health/health';
import { BlockIntegrityError, verifyBlock } from './block-integrity';
import { gatewayResponse } from './gateway';
import { HeliaStorage } from './helia-storage';

const CHUNK = 262_144;
let dir: string;
let storage: HeliaStorage;
let root: string;
let damagedLeaf: CID;
// Random bytes, so the 64 bytes searched for in the pack occur once, inside the second chunk's block.
const audio = new Uint8Array(randomBytes(CHUNK + 50_000));
audio.set(new TextEncoder().encode('RIFF'), 0);
const metadata = new TextEncoder().encode('{"name":"Song"}');

/** Where in which pack file `needle` (bytes unique to one block) is stored. */
function locate(needle: Uint8Array): { file: string; offset: number } {
  const packs = path.join(dir, 'packs');
  for (const name of readdirSync(packs).filter((n) => n.endsWith('.pack'))) {
    const offset = readFileSync(path.join(packs, name)).indexOf(Buffer.from(needle));
    if (offset >= 0) return { file: path.join(packs, name), offset };
  }
  throw new Error('block bytes not found in any pack');
}

function flipByte(at: { file: string; offset: number }): void {
  const fd = openSync(at.file, 'r+');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, at.offset);
    byte[0] = byte[0]! ^ 0x01;
    writeSync(fd, byte, 0, 1, at.offset);
  } finally {
    closeSync(fd);
  }
}

const get = (headers: Record<string, string> = {}, query = '') => ({
  method: 'GET',
  headers: new Headers(headers),
  url: `http://localhost/ipfs/x${query}`,
});

/** Health with only the IPFS component meaningful: the chain and database addresses lead nowhere. */
async function ipfsHealth() {
  const report = await checkHealth({
    rpcUrl: 'http://127.0.0.1:9',
    contracts: {},
    databaseUrl: 'postgresql://nobody@127.0.0.1:9/none',
    storage,
    chainId: 31337,
  });
  return report.components.ipfs;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-integrity-test-'));
  storage = await HeliaStorage.open(dir);
  root = (
    await storage.addFolder([
      { path: 'track.wav', content: audio },
      { path: 'metadata.json', content: metadata },
    ])
  ).cid.toString();
  damagedLeaf = CID.createV1(0x55, await sha256.digest(audio.subarray(CHUNK)));
});
afterAll(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

describe('verifyBlock', () => {
  it('passes bytes that hash to the CID and throws BlockIntegrityError naming the CID otherwise', async () => {
    const cid = CID.createV1(0x55, await sha256.digest(metadata));
    expect(() => verifyBlock(cid, metadata)).not.toThrow();
    const changed = metadata.slice();
    changed[3] = changed[3]! ^ 0x80;
    expect(() => verifyBlock(cid, changed)).toThrow(BlockIntegrityError);
    expect(() => verifyBlock(cid, changed)).toThrow(cid.toString());
  });
});

describe('a flipped byte in a pack file', () => {
  let at: { file: string; offset: number };
  beforeAll(() => {
    at = locate(audio.subarray(CHUNK + 1000, CHUNK + 1064));
  });

  it('serves whole content before the flip', async () => {
    const res = await gatewayResponse(storage, get(), root, ['track.wav']);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(audio))).toBe(true);
    expect((await ipfsHealth()).ok).toBe(true);
  });

  it('is a 502 naming the block (file, range over it, raw, CAR), never its bytes or immutable caching; health names it', async () => {
    flipByte(at);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const res of [
        await gatewayResponse(storage, get(), root, ['track.wav']),
        await gatewayResponse(storage, get({ range: `bytes=${CHUNK - 10}-${CHUNK + 10}` }), root, ['track.wav']),
        await gatewayResponse(storage, get({}, '?format=raw'), damagedLeaf.toString(), []),
        await gatewayResponse(storage, get({}, '?format=car'), root, []),
        await gatewayResponse(storage, get({ accept: 'application/vnd.ipld.car' }), root, ['track.wav']),
      ]) {
        expect(res.status).toBe(502);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('content-security-policy')).toMatch(/^sandbox;/);
        expect(await res.text()).toContain(damagedLeaf.toString());
      }
      expect(errors.mock.calls.some((call) => String(call[0]).includes(damagedLeaf.toString()))).toBe(true);
    } finally {
      errors.mockRestore();
    }
    // Blocks the request does not touch are still served: a range inside the first chunk, the other file.
    const head = await gatewayResponse(storage, get({ range: 'bytes=0-99' }), root, ['track.wav']);
    expect(head.status).toBe(206);
    expect(Buffer.from(await head.arrayBuffer()).equals(Buffer.from(audio.subarray(0, 100)))).toBe(true);
    expect((await gatewayResponse(storage, get(), root, ['metadata.json'])).status).toBe(200);

    const health = await ipfsHealth();
    expect(health.ok).toBe(false);
    expect(health.detail).toContain(damagedLeaf.toString());
  });

  it('health turns green again once the block reads whole (byte restored), and the file is served again', async () => {
    flipByte(at);
    expect((await ipfsHealth()).ok).toBe(true);
    const res = await gatewayResponse(storage, get(), root, ['track.wav']);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(audio))).toBe(true);
  });
});
