import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unixfs } from '@helia/unixfs';
import { FsBlockstore } from 'blockstore-fs';
import { FsDatastore } from 'datastore-fs';
import { createHeliaLight } from 'helia';
import { importer } from 'ipfs-unixfs-importer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CID } from 'multiformats/cid';
import { cidOfFolder } from './cid-of-files';
import { DamagedIpfsRepoError, HeliaStorage } from './helia-storage';
import { ContentNotFoundError, readAll } from './storage';
import { unixfsImportOptions } from './unixfs-settings';
import { dagWalker } from './dag-walker';
import type { PackBlockstore } from './pack-blockstore';

const run = promisify(execFile);

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

  it('migrates a repository in the old blockstore-fs layout, keeping the old folders aside', async () => {
    const repo = path.join(dir, 'legacy');
    const files = [
      { path: 'audio.bin', content: new Uint8Array(600_000).map((_, i) => (i * 17) % 253) },
      { path: 'metadata.json', content: enc.encode('{"name":"old"}') },
    ];
    // Written as the previous HeliaStorage did: one file per block and per datastore key.
    const old = await createHeliaLight({
      blockstore: new FsBlockstore(path.join(repo, 'blocks')),
      datastore: new FsDatastore(path.join(repo, 'datastore')),
    });
    await old.start();
    let root: CID | undefined;
    for await (const entry of unixfs(old).addAll(files, { ...unixfsImportOptions(), wrapWithDirectory: true }))
      if (entry.path === '') root = entry.cid;
    for await (const _ of old.pins.add(root!)) {
      // pinned block
    }
    await old.stop();

    const storage = await HeliaStorage.open(repo);
    try {
      expect(root!.toString()).toBe((await cidOfFolder(files)).toString());
      expect(await storage.isPinned(root!)).toBe(true);
      expect(await readAll(storage.cat(root!, { path: 'audio.bin' }))).toEqual(files[0]!.content);
      expect((await readdir(repo)).sort()).toEqual(['datastore-lmdb', 'migrated-from-blockstore-fs', 'packs']);
      expect((await readdir(path.join(repo, 'migrated-from-blockstore-fs'))).sort()).toEqual(['blocks', 'datastore']);
    } finally {
      await storage.close();
    }
  });

  it('a folder pinned by another process is readable and pinned here', async () => {
    const repo = path.join(dir, 'two-processes');
    const here = await HeliaStorage.open(repo);
    try {
      const code = `
        import { HeliaStorage } from ${JSON.stringify(path.resolve('lib/ipfs/helia-storage.ts'))};
        const storage = await HeliaStorage.open(process.argv[1]);
        const pinned = await storage.addFolder([{ path: 'track.mid', content: new TextEncoder().encode('MThd from elsewhere') }]);
        await storage.close();
        process.stdout.write(pinned.cid.toString());
      `;
      const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code, repo]);
      const cid = CID.parse(stdout.trim());
      expect(await here.isPinned(cid)).toBe(true);
      expect(new TextDecoder().decode(await readAll(here.cat(cid, { path: 'track.mid' })))).toBe('MThd from elsewhere');
    } finally {
      await here.close();
    }
  });

  it('an interrupted pin is not reported as pinned, and pinning again completes it', async () => {
    const storage = await HeliaStorage.open(path.join(dir, 'partial-pin'));
    try {
      const files = [{ path: 'audio.bin', content: new Uint8Array(800_000).map((_, i) => (i * 11) % 241) }];
      const root = await cidOfFolder(files);
      const pack = (storage as unknown as { blocks: PackBlockstore }).blocks;
      for await (const _ of importer(files, pack, { ...unixfsImportOptions(), wrapWithDirectory: true })) {
        // imported, not pinned
      }
      await pack.seal();
      // A walk that dies at the first leaf, as a crash would: the root's block record is written, the pin record not.
      const dying = {
        has: (): boolean => {
          throw new Error('crash');
        },
        get: (cid: CID) => pack.get(cid),
      };
      await expect(
        (async () => {
          for await (const _ of storage.helia.pins.add(root, { walker: dagWalker(dying) })) {
            /* walk */
          }
        })(),
      ).rejects.toThrow('crash');
      expect(await storage.helia.pins.isPinned(root)).toBe(true);
      expect(await storage.isPinned(root)).toBe(false);
      await storage.pin(root);
      expect(await storage.isPinned(root)).toBe(true);
    } finally {
      await storage.close();
    }
  });
});
