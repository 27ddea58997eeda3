import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CID } from 'multiformats/cid';
import { cidOfFolder } from './cid-of-files';
import { DamagedIpfsRepoError, HeliaStorage } from './helia-storage';
import { ContentNotFoundError, readAll } from './storage';

const enc = new TextEncoder();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-helia-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('HeliaStorage', () => {
  it('pins a folder whose CID matches the independent importer, reads files and ranges back, and survives a restart', async () => {
    const repo = path.join(dir, 'repo');
    const big = new Uint8Array(700_000).map((_, i) => (i * 31) % 251); // spans several 256 KiB chunks
    const files = [
      { path: 'audio.bin', content: big },
      { path: 'meta/metadata.json', content: enc.encode('{"name":"x"}') },
    ];
    const storage = await HeliaStorage.open(repo);
    const pinned = await storage.addFolder(files);
    expect(pinned.cid.toString()).toBe((await cidOfFolder(files)).toString());
    expect(await storage.isPinned(pinned.cid)).toBe(true);
    expect(await readAll(storage.cat(pinned.cid, { path: 'meta/metadata.json' }))).toEqual(enc.encode('{"name":"x"}'));
    const range = await readAll(storage.cat(pinned.cid, { path: 'audio.bin', offset: 262_000, length: 1_000 }));
    expect(range).toEqual(big.slice(262_000, 263_000));
    const entry = await storage.stat(pinned.cid);
    expect(entry.type).toBe('directory');
    await storage.close();

    const reopened = await HeliaStorage.open(repo);
    try {
      const stat = await reopened.stat(pinned.cid, { path: 'audio.bin' });
      expect(stat).toMatchObject({ type: 'file', size: big.length });
      expect(await readAll(reopened.cat(pinned.cid, { path: 'audio.bin' }))).toEqual(big);
    } finally {
      await reopened.close();
    }
  });

  it('answers ContentNotFoundError for a CID it does not hold', async () => {
    const storage = await HeliaStorage.open(path.join(dir, 'empty'));
    try {
      const unknown = CID.parse('bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4');
      await expect(storage.stat(unknown)).rejects.toBeInstanceOf(ContentNotFoundError);
    } finally {
      await storage.close();
    }
  });

  it('refuses a folder that is not a Helia repository, deleting nothing', async () => {
    const bad = path.join(dir, 'bad');
    await mkdir(bad);
    await writeFile(path.join(bad, 'notes.txt'), 'mine');
    await expect(HeliaStorage.open(bad)).rejects.toBeInstanceOf(DamagedIpfsRepoError);
  });
});
