import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MemoryDatastore } from 'datastore-core';
import { createHeliaLight, type Helia } from 'helia';
import { importer } from 'ipfs-unixfs-importer';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../config/polyfills';
import { dagWalker } from './dag-walker';
import { PackBlockstore } from './pack-blockstore';
import { unixfsImportOptions } from './unixfs-settings';

let dir: string;
let store: PackBlockstore;
let root: CID;
const nodes: Helia[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-dag-walker-test-'));
  store = new PackBlockstore(dir);
  // A folder with a nested folder and files of one, several and many blocks (a two-level file tree).
  const file = (size: number, seed: number) => new Uint8Array(size).map((_, i) => (i * 31 + seed) % 251);
  const source = [
    { path: 'a.bin', content: file(10, 1) },
    { path: 'deep/b.bin', content: file(700_000, 2) },
    { path: 'deep/c.txt', content: file(3, 3) },
    { path: 'z.bin', content: file(262_144 * 180, 4) },
  ];
  for await (const entry of importer(source, store, { ...unixfsImportOptions(), wrapWithDirectory: true }))
    if (entry.path === '') root = entry.cid;
  await store.seal();
});
afterAll(async () => {
  for (const node of nodes) await node.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function pinOrder(walker?: ReturnType<typeof dagWalker>, blockstore = store): Promise<string[]> {
  const node = await createHeliaLight({ blockstore, datastore: new MemoryDatastore() });
  nodes.push(node);
  const order: string[] = [];
  for await (const cid of node.pins.add(root, walker ? { walker } : {})) order.push(cid.toString());
  return order;
}

describe('dagWalker', () => {
  it("pins the same blocks in the same order as Helia's own depth-first walker", async () => {
    const helias = await pinOrder();
    const ours = await pinOrder(dagWalker(store));
    expect(helias.length).toBeGreaterThan(190);
    expect(ours).toEqual(helias);
  });

  it('reads only blocks that can have links: raw leaves are checked present, not read', async () => {
    const read: number[] = [];
    const counting = { has: (cid: CID) => store.has(cid), get: (cid: CID) => (read.push(cid.code), store.get(cid)) };
    const node = await createHeliaLight({ blockstore: store, datastore: new MemoryDatastore() });
    nodes.push(node);
    let visited = 0;
    for await (const _ of node.pins.add(root, { walker: dagWalker(counting) })) visited++;
    expect(visited).toBeGreaterThan(190);
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((code) => code !== raw.code)).toBe(true);
  });

  it('fails when a raw leaf is missing, so a pin never covers absent content', async () => {
    const leaves = (await pinOrder(dagWalker(store)))
      .map((text) => CID.parse(text))
      .filter((cid) => cid.code === raw.code);
    const missing = leaves.at(-1)!;
    const withoutOne = {
      has: (cid: CID) => !cid.multihash.bytes.every((b, i) => b === missing.multihash.bytes[i]) && store.has(cid),
      get: (cid: CID) => store.get(cid),
    };
    const node = await createHeliaLight({ blockstore: store, datastore: new MemoryDatastore() });
    nodes.push(node);
    const pinning = (async () => {
      for await (const _ of node.pins.add(root, { walker: dagWalker(withoutOne) })) {
        // walk
      }
    })();
    await expect(pinning).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(node.pins.isPinned(root)).resolves.toBe(true); // records written before the failure stay, the pin record does not
    await expect(node.pins.get(root)).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
