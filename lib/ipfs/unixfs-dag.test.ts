import { MemoryBlockstore } from 'blockstore-core/memory';
import { importer } from 'ipfs-unixfs-importer';
import type { CID } from 'multiformats/cid';
import { describe, expect, it } from 'vitest';
import { folderCid, fileCid } from './unixfs-dag';
import { unixfsImportOptions } from './unixfs-settings';

const CHUNK = 262_144;
const bytes = (size: number, seed = 1): Uint8Array =>
  new Uint8Array(size).map((_, i) => (i * 131 + seed * 7 + (i >> 9)) % 256);

async function importerFile(content: Uint8Array): Promise<CID> {
  let last: CID | undefined;
  for await (const entry of importer([{ content }], new MemoryBlockstore(), unixfsImportOptions())) last = entry.cid;
  return last!;
}

async function importerFolder(files: { path: string; content: Uint8Array }[]): Promise<CID> {
  let root: CID | undefined;
  for await (const entry of importer(files, new MemoryBlockstore(), {
    ...unixfsImportOptions(),
    wrapWithDirectory: true,
  }))
    if (entry.path === '') root = entry.cid;
  return root!;
}

describe('unixfs-dag: CIDs from the specification, not from the importer', () => {
  // Empty, one chunk, chunk boundaries, one full parent (174 leaves), a second level (175 leaves and beyond).
  const sizes = [
    0,
    1,
    11,
    CHUNK - 1,
    CHUNK,
    CHUNK + 1,
    3 * CHUNK + 17,
    174 * CHUNK,
    174 * CHUNK + 1,
    175 * CHUNK,
    174 * 2 * CHUNK + 5,
  ];
  for (const size of sizes) {
    it(`a file of ${size.toLocaleString('en-US')} bytes has the importer's CID`, async () => {
      const content = bytes(size, size % 97);
      expect((await fileCid(content)).toString()).toBe((await importerFile(content)).toString());
    });
  }

  it("gives the known CID of 'hello world\\n' (as `ipfs add --cid-version 1 --raw-leaves`)", async () => {
    expect((await fileCid(new TextEncoder().encode('hello world\n'))).toString()).toBe(
      'bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4',
    );
  });

  it("a track-shaped folder, with nesting, unsorted paths and non-ASCII names, has the importer's CID", async () => {
    const files = [
      { path: 'metadata.json', content: bytes(900, 2) },
      { path: 'audio.wav', content: bytes(5 * CHUNK + 3, 3) },
      { path: 'stems/ß-bass.wav', content: bytes(CHUNK + 9, 4) },
      { path: 'stems/a/deeper.mid', content: bytes(40, 5) },
      { path: 'cover.svg', content: bytes(0, 6) },
      { path: 'Z-upper.txt', content: bytes(3, 7) },
    ];
    expect((await folderCid(files)).toString()).toBe((await importerFolder(files)).toString());
  });

  it('one changed byte, anywhere, changes the CID', async () => {
    const content = bytes(2 * CHUNK + 100, 8);
    const before = await fileCid(content);
    const changed = content.slice();
    changed[CHUNK + 5]! ^= 1;
    expect((await fileCid(changed)).equals(before)).toBe(false);
    const folder = [{ path: 'a/b.txt', content }];
    expect((await folderCid([{ path: 'a/b.txt', content: changed }])).equals(await folderCid(folder))).toBe(false);
  });

  it('refuses paths that climb out of the folder or collide', async () => {
    await expect(folderCid([{ path: '../x', content: bytes(1) }])).rejects.toThrow('bad path');
    await expect(
      folderCid([
        { path: 'a', content: bytes(1) },
        { path: 'a/b', content: bytes(1) },
      ]),
    ).rejects.toThrow('both a file and a folder');
    await expect(
      folderCid([
        { path: 'a/b', content: bytes(1) },
        { path: 'a', content: bytes(1) },
      ]),
    ).rejects.toThrow('both a file and a folder');
  });

  it('refuses a folder so large the importer would shard it, rather than give a CID no backend would', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({
      path: `file-with-a-long-name-${String(i).padStart(5, '0')}.bin`,
      content: bytes(1, i),
    }));
    await expect(folderCid(many)).rejects.toThrow('sharded');
  });
});
