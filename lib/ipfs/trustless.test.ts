/**
 * Trustless gateway answers checked as an outside client would: every block of a CAR hashed against its CID, the
 * files rebuilt from those blocks alone (ipfs-unixfs-exporter over an in-memory map) and the folder's CID derived
 * again by our spec-based derivation; a raw block hashed against its CID.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CarBlockIterator } from '@ipld/car';
import { exporter } from 'ipfs-unixfs-exporter';
import { CID } from 'multiformats/cid';
import { identity } from 'multiformats/hashes/identity';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cidOfFolder } from './cid-of-files';
import { gatewayResponse } from './gateway';
import { HeliaStorage } from './helia-storage';
import { readAll } from './storage';

let dir: string;
let storage: HeliaStorage;
let root: CID;
const enc = new TextEncoder();
// A track folder's shape: audio over several 256 KiB chunks, MIDI, metadata, and a nested file.
const audio = new Uint8Array(700_000).map((_, i) => (i * 31 + (i >> 11)) % 256);
audio.set(enc.encode('RIFF'), 0);
const files = [
  { path: 'audio.wav', content: audio },
  { path: 'track.mid', content: enc.encode('MThd\u0000\u0000\u0000\u0006\u0000\u0001\u0000\u0001\u0001\u00e0') },
  { path: 'metadata.json', content: enc.encode('{"name":"Song","animation_url":"ipfs://x/audio.wav"}') },
  { path: 'provenance/manifest.json', content: enc.encode('{"type":"motif.track-manifest"}') },
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-trustless-test-'));
  storage = await HeliaStorage.open(dir);
  root = (await storage.addFolder(files)).cid;
});
afterAll(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

function request(pathAndQuery: string, headers: Record<string, string> = {}, method = 'GET') {
  return { method, headers: new Headers(headers), url: `http://localhost${pathAndQuery}` };
}

/** Blocks of a CAR, each checked against its CID here (sha2-256 of its bytes equals the CID's digest). */
async function verifiedCarBlocks(
  bytes: Uint8Array,
): Promise<{ roots: CID[]; blocks: Map<string, Uint8Array>; order: CID[] }> {
  const iterator = await CarBlockIterator.fromBytes(bytes);
  const blocks = new Map<string, Uint8Array>();
  const order: CID[] = [];
  for await (const { cid, bytes: block } of iterator) {
    expect(cid.multihash.code).toBe(0x12);
    expect(Buffer.from(createHash('sha256').update(block).digest()).equals(Buffer.from(cid.multihash.digest))).toBe(
      true,
    );
    expect(blocks.has(cid.toString())).toBe(false); // dups=n
    blocks.set(cid.toString(), block);
    order.push(cid);
  }
  return { roots: await iterator.getRoots(), blocks, order };
}

describe('?format=car / Accept: application/vnd.ipld.car', () => {
  it('returns the whole DAG as a CARv1 whose every block checks out, and the files rebuild from it alone', async () => {
    const res = await gatewayResponse(storage, request(`/ipfs/${root}?format=car`), root.toString(), []);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.ipld.car; version=1; order=dfs; dups=n');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${root}.car"; filename*=UTF-8''${root}.car`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect(res.headers.get('vary')).toBe('Accept');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('etag')).toBe(`"${root}.car.v1.dfs.n.all"`);
    const car = new Uint8Array(await res.arrayBuffer());
    const { roots, blocks, order } = await verifiedCarBlocks(car);
    expect(roots.map(String)).toEqual([root.toString()]);
    expect(order[0]?.toString()).toBe(root.toString());
    // Root + provenance folder + 4 files; audio.wav is 3 leaves and its own node.
    expect(blocks.size).toBe(1 + 1 + 4 + 3);
    const store = {
      get: async function* (cid: CID) {
        const b = blocks.get(cid.toString());
        if (!b) throw new Error(`not in the CAR: ${cid}`);
        yield b;
      },
    };
    const rebuilt = [];
    for (const file of files) {
      const entry = await exporter(`${root}/${file.path}`, store);
      if (entry.type !== 'file' && entry.type !== 'raw') throw new Error(`${file.path} is a ${entry.type}`);
      const bytes = await readAll(entry.content());
      expect(Buffer.from(bytes).equals(Buffer.from(file.content))).toBe(true);
      rebuilt.push({ path: file.path, content: bytes });
    }
    expect((await cidOfFolder(rebuilt)).toString()).toBe(root.toString());
  });

  it('answers the Accept header the same as the query, and refuses CAR versions other than 1 and entity-bytes', async () => {
    const byQuery = new Uint8Array(
      await (await gatewayResponse(storage, request(`/ipfs/${root}?format=car`), root.toString(), [])).arrayBuffer(),
    );
    const byAccept = await gatewayResponse(
      storage,
      request(`/ipfs/${root}`, { accept: 'application/vnd.ipld.car; version=1' }),
      root.toString(),
      [],
    );
    expect(byAccept.headers.get('content-type')).toMatch(/^application\/vnd\.ipld\.car; version=1/);
    expect(Buffer.from(await byAccept.arrayBuffer()).equals(Buffer.from(byQuery))).toBe(true);
    expect(
      (
        await gatewayResponse(
          storage,
          request(`/ipfs/${root}`, { accept: 'application/vnd.ipld.car; version=2' }),
          root.toString(),
          [],
        )
      ).status,
    ).toBe(400);
    expect(
      (await gatewayResponse(storage, request(`/ipfs/${root}?format=car&car-version=2`), root.toString(), [])).status,
    ).toBe(400);
    expect(
      (
        await gatewayResponse(
          storage,
          request(`/ipfs/${root}/audio.wav?format=car&entity-bytes=0:99`),
          root.toString(),
          ['audio.wav'],
        )
      ).status,
    ).toBe(400);
    expect((await gatewayResponse(storage, request(`/ipfs/${root}?format=tar`), root.toString(), [])).status).toBe(400);
    expect(
      (await gatewayResponse(storage, request(`/ipfs/${root}?format=car&dag-scope=most`), root.toString(), [])).status,
    ).toBe(400);
  });

  it('follows a path: the blocks on the way, then the terminal element by dag-scope (block, entity, all)', async () => {
    const blocksOf = async (p: string, segments: string[]) => {
      const res = await gatewayResponse(storage, request(p), root.toString(), segments);
      expect(res.status).toBe(200);
      return (await verifiedCarBlocks(new Uint8Array(await res.arrayBuffer()))).order.map(String);
    };
    const manifest = (await storage.stat(root, { path: 'provenance/manifest.json' })).cid.toString();
    const provenance = (await storage.stat(root, { path: 'provenance' })).cid.toString();
    expect(
      await blocksOf(`/ipfs/${root}/provenance/manifest.json?format=car&dag-scope=block`, [
        'provenance',
        'manifest.json',
      ]),
    ).toEqual([root.toString(), provenance, manifest]);
    // A directory as an entity is its own node, not its children.
    expect(await blocksOf(`/ipfs/${root}?format=car&dag-scope=entity`, [])).toEqual([root.toString()]);
    // A file as an entity is all of it.
    const audioEntity = await blocksOf(`/ipfs/${root}/audio.wav?format=car&dag-scope=entity`, ['audio.wav']);
    expect(audioEntity).toHaveLength(1 + 4);
    expect(audioEntity[1]).toBe((await storage.stat(root, { path: 'audio.wav' })).cid.toString());
    expect(await blocksOf(`/ipfs/${root}/provenance?format=car`, ['provenance'])).toEqual([
      root.toString(),
      provenance,
      manifest,
    ]);
  });

  it('404 for a path that is not there, before any CAR byte is sent', async () => {
    const res = await gatewayResponse(storage, request(`/ipfs/${root}/nope.json?format=car`), root.toString(), [
      'nope.json',
    ]);
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBeNull();
  });
});

describe('?format=raw / Accept: application/vnd.ipld.raw', () => {
  it('returns exactly the block, whose hash is its CID, as a .bin attachment', async () => {
    const res = await gatewayResponse(storage, request(`/ipfs/${root}?format=raw`), root.toString(), []);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.ipld.raw');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${root}\\.bin"`));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('vary')).toBe('Accept');
    expect(res.headers.get('etag')).toBe(`"${root}.raw"`);
    expect(res.headers.get('cache-control')).toContain('immutable');
    const block = new Uint8Array(await res.arrayBuffer());
    expect(res.headers.get('content-length')).toBe(String(block.byteLength));
    expect(Buffer.from(createHash('sha256').update(block).digest()).equals(Buffer.from(root.multihash.digest))).toBe(
      true,
    );

    const leaf = (await storage.stat(root, { path: 'metadata.json' })).cid;
    const byAccept = await gatewayResponse(
      storage,
      request(`/ipfs/${leaf}`, { accept: 'application/vnd.ipld.raw' }),
      leaf.toString(),
      [],
    );
    expect(new TextDecoder().decode(await byAccept.arrayBuffer())).toBe(new TextDecoder().decode(files[2]!.content));
    const head = await gatewayResponse(storage, request(`/ipfs/${leaf}?format=raw`, {}, 'HEAD'), leaf.toString(), []);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(files[2]!.content.byteLength));
    expect(await head.text()).toBe('');
  });

  it('400 with a path, 404 for a block not held, 400 for an identity CID, 304 for its ETag', async () => {
    expect(
      (await gatewayResponse(storage, request(`/ipfs/${root}/audio.wav?format=raw`), root.toString(), ['audio.wav']))
        .status,
    ).toBe(400);
    const missing = CID.createV1(0x55, await sha256.digest(enc.encode('never added')));
    expect(
      (await gatewayResponse(storage, request(`/ipfs/${missing}?format=raw`), missing.toString(), [])).status,
    ).toBe(404);
    const inline = CID.createV1(0x55, identity.digest(enc.encode('<script>alert(1)</script>')));
    expect((await gatewayResponse(storage, request(`/ipfs/${inline}?format=raw`), inline.toString(), [])).status).toBe(
      400,
    );
    expect(
      (
        await gatewayResponse(
          storage,
          request(`/ipfs/${root}?format=raw`, { 'if-none-match': `"${root}.raw"` }),
          root.toString(),
          [],
        )
      ).status,
    ).toBe(304);
  });
});
