import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listQuarantined, PackBlockstore, QUARANTINE_FOLDER, type QuarantinedPack } from './pack-blockstore';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-packs-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function block(seed: number, size = 1000): Promise<{ cid: CID; bytes: Uint8Array }> {
  const bytes = new Uint8Array(size).map((_, i) => (i * 7 + seed * 13) % 256);
  return { cid: CID.createV1(raw.code, await sha256.digest(bytes)), bytes };
}

/** Writes one block to a new store in `folder`, seals it into a pack and closes the store. */
async function sealedBlockIn(folder: string, seed: number): Promise<{ cid: CID; bytes: Uint8Array }> {
  const store = new PackBlockstore(folder);
  const b = await block(seed);
  await store.put(b.cid, b.bytes);
  await store.seal();
  await store.close();
  return b;
}

function read(store: PackBlockstore, cid: CID): Uint8Array {
  return new Uint8Array(Buffer.concat([...store.get(cid)]));
}

describe('PackBlockstore', () => {
  it('stores blocks, reads them before and after sealing, and keeps them across a reopen', async () => {
    const folder = path.join(dir, 'basic');
    const store = new PackBlockstore(folder, { writeBatchBytes: 1500 });
    const blocks = await Promise.all([1, 2, 3, 4].map((s) => block(s, 1000 + s)));
    for (const b of blocks) await store.put(b.cid, b.bytes);
    // Unsealed: readable here, no pack published yet.
    expect(read(store, blocks[2]!.cid)).toEqual(blocks[2]!.bytes);
    expect((await readdir(folder)).filter((n) => n.endsWith('.pack'))).toEqual([]);
    await store.seal();
    expect((await readdir(folder)).filter((n) => n.endsWith('.pack'))).toHaveLength(1);
    expect((await readdir(folder)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    for (const b of blocks) expect(read(store, b.cid)).toEqual(b.bytes);
    await store.close();

    const reopened = new PackBlockstore(folder);
    for (const b of blocks) {
      expect(reopened.has(b.cid)).toBe(true);
      expect(read(reopened, b.cid)).toEqual(b.bytes);
    }
    const all = [];
    for (const pair of reopened.getAll())
      all.push({ cid: pair.cid, bytes: Buffer.concat([...(pair.bytes as Generator<Uint8Array>)]) });
    expect(all.map((p) => p.cid.multihash.bytes).sort(Buffer.compare)).toEqual(
      blocks.map((b) => b.cid.multihash.bytes).sort(Buffer.compare),
    );
    await reopened.close();
  });

  it('keys by multihash, so a block put again under another CID is stored once', async () => {
    const store = new PackBlockstore(path.join(dir, 'multihash'));
    const b = await block(9);
    await store.put(b.cid, b.bytes);
    const asDagPb = CID.createV1(0x70, b.cid.multihash);
    expect(store.has(asDagPb)).toBe(true);
    await store.put(asDagPb, b.bytes);
    await store.seal();
    const packs = (await readdir(path.join(dir, 'multihash'))).filter((n) => n.endsWith('.pack'));
    expect(packs).toHaveLength(1);
    expect((await readFile(path.join(dir, 'multihash', packs[0]!))).byteLength).toBeLessThan(b.bytes.byteLength * 2);
    await store.close();
  });

  it('deletes with a tombstone that holds across a reopen; an unknown block is NotFoundError', async () => {
    const folder = path.join(dir, 'delete');
    const store = new PackBlockstore(folder);
    const [a, b] = [await block(20), await block(21)];
    await store.put(a.cid, a.bytes);
    await store.put(b.cid, b.bytes);
    await store.seal();
    await store.delete(a.cid);
    expect(store.has(a.cid)).toBe(false);
    expect(() => read(store, a.cid)).toThrow(expect.objectContaining({ name: 'NotFoundError' }));
    await store.close();
    const reopened = new PackBlockstore(folder);
    expect(reopened.has(a.cid)).toBe(false);
    expect(read(reopened, b.cid)).toEqual(b.bytes);
    await reopened.close();
  });

  it('another process sees a batch once it is sealed, never before', async () => {
    const folder = path.join(dir, 'shared');
    const reader = new PackBlockstore(folder);
    const b = await block(30, 300_000);
    const child = `
      import { PackBlockstore } from ${JSON.stringify(path.resolve('lib/ipfs/pack-blockstore.ts'))};
      import { CID } from 'multiformats/cid';
      const store = new PackBlockstore(process.argv[1]);
      const bytes = new Uint8Array(300_000).map((_, i) => (i * 7 + 30 * 13) % 256);
      await store.put(CID.parse(process.argv[2]), bytes);
      process.stdout.write('queued\\n');
      await new Promise((r) => process.stdin.once('data', r));
      await store.close();
      process.stdout.write('sealed\\n');
    `;
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', child, folder, b.cid.toString()],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines: string[] = [];
    const next = (): Promise<string> =>
      new Promise((resolve) => {
        const onData = (chunk: Buffer): void => {
          lines.push(...chunk.toString().trim().split('\n'));
          proc.stdout.off('data', onData);
          resolve(lines.at(-1)!);
        };
        proc.stdout.on('data', onData);
      });
    expect(await next()).toBe('queued');
    expect(reader.has(b.cid)).toBe(false);
    proc.stdin.end('go\n');
    expect(await next()).toBe('sealed');
    expect(await exited, stderr).toBe(0);
    expect(reader.has(b.cid)).toBe(true);
    expect(createHash('sha256').update(read(reader, b.cid)).digest()).toEqual(Buffer.from(b.cid.multihash.digest));
    await reader.close();
  });

  it('ignores a pack a crashed writer left unsealed', async () => {
    const folder = path.join(dir, 'crashed');
    const b = await sealedBlockIn(folder, 40);
    await writeFile(path.join(folder, '0000000000-99999-0.pack.tmp'), new Uint8Array(5000));
    const reopened = new PackBlockstore(folder);
    expect(read(reopened, b.cid)).toEqual(b.bytes);
    await reopened.close();
  });

  it("removes the unfinished pack of a writer killed mid-pin (kill -9), keeps a live writer's, and opens the rest", async () => {
    const folder = path.join(dir, 'killed');
    const kept = await sealedBlockIn(folder, 45);
    const child = `
      import { PackBlockstore } from ${JSON.stringify(path.resolve('lib/ipfs/pack-blockstore.ts'))};
      import { CID } from 'multiformats/cid';
      import * as raw from 'multiformats/codecs/raw';
      import { sha256 } from 'multiformats/hashes/sha2';
      const store = new PackBlockstore(process.argv[1]);
      for (let i = 0; i < 3; i++) {
        const bytes = new Uint8Array(1 << 20).fill(i + 1);
        await store.put(CID.createV1(raw.code, await sha256.digest(bytes)), bytes);
      }
      // put() hands the bytes to writes on libuv's threads; wait until they are on disk, so the kill finds them there.
      const { readdirSync, statSync } = await import('node:fs');
      const { join } = await import('node:path');
      const unfinishedSize = () =>
        readdirSync(process.argv[1])
          .filter((n) => n.endsWith('.pack.tmp'))
          .reduce((sum, n) => sum + statSync(join(process.argv[1], n)).size, 0);
      while (unfinishedSize() < 3 << 20) await new Promise((r) => setTimeout(r, 10));
      process.stdout.write('writing\\n');
      await new Promise(() => {});
    `;
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child, folder], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      proc.stdout.once('data', () => resolve());
      proc.once('exit', (code) => reject(new Error(`writer exited ${code}`)));
    });
    proc.kill('SIGKILL');
    await exited;
    const unfinished = (await readdir(folder)).filter((n) => n.endsWith('.pack.tmp'));
    expect(unfinished).toHaveLength(1);
    expect((await readFile(path.join(folder, unfinished[0]!))).length).toBe(3 << 20);

    // A writer of this process that is still at work keeps its unfinished pack.
    const live = new PackBlockstore(folder);
    const pending = await block(46);
    await live.put(pending.cid, pending.bytes);
    const reopened = new PackBlockstore(folder);
    const left = (await readdir(folder)).filter((n) => n.endsWith('.pack.tmp'));
    expect(left).toHaveLength(1);
    expect(left[0]).toContain(`-${process.pid}-`);
    expect(read(reopened, kept.cid)).toEqual(kept.bytes);
    await live.close();
    expect(reopened.has(pending.cid) || (await new PackBlockstore(folder).has(pending.cid))).toBe(true);
    expect((await readdir(folder)).filter((n) => n.endsWith('.pack.tmp'))).toEqual([]);
    await reopened.close();
  });

  it('moves a pack whose index was damaged aside, with a note of what it held, and opens the rest', async () => {
    const folder = path.join(dir, 'damaged');
    const kept = await sealedBlockIn(folder, 49);
    const b = await sealedBlockIn(folder, 50);
    const name = (await readdir(folder))
      .filter((n) => n.endsWith('.pack'))
      .sort()
      .at(-1)!;
    const file = path.join(folder, name);
    const bytes = await readFile(file);
    bytes[b.bytes.byteLength + 3]! ^= 0xff; // inside the index, just after the block data
    await writeFile(file, bytes);
    const seen: QuarantinedPack[] = [];
    const reopened = new PackBlockstore(folder, { onQuarantine: (q) => seen.push(q) });
    expect(read(reopened, kept.cid)).toEqual(kept.bytes);
    expect(reopened.has(b.cid)).toBe(false);
    await reopened.close();
    const movedTo = path.join(folder, QUARANTINE_FOLDER, name);
    expect(seen).toEqual([
      { pack: name, movedTo, reason: 'index checksum mismatch', blocks: 1, at: expect.any(String) },
    ]);
    expect(await readFile(movedTo)).toEqual(bytes); // moved, not deleted or rewritten
    expect(await readdir(folder)).not.toContain(name);
    expect(listQuarantined(folder)).toEqual(seen); // every process, every later start, sees what was lost
  });

  it('moves a truncated pack aside; the number of blocks it held is unknown without its trailer', async () => {
    const folder = path.join(dir, 'truncated');
    const kept = await sealedBlockIn(folder, 51);
    const lost = await sealedBlockIn(folder, 52);
    const name = (await readdir(folder))
      .filter((n) => n.endsWith('.pack'))
      .sort()
      .at(-1)!;
    await truncate(path.join(folder, name), 600); // a crash or a full disk cut it inside its block data
    const reopened = new PackBlockstore(folder);
    expect(read(reopened, kept.cid)).toEqual(kept.bytes);
    expect(reopened.has(lost.cid)).toBe(false);
    await reopened.close();
    expect(listQuarantined(folder)).toMatchObject([{ pack: name, reason: 'no pack trailer', blocks: null }]);
    expect((await readFile(path.join(folder, QUARANTINE_FOLDER, name))).byteLength).toBe(600);
  });

  it('a failed write rejects the seal and leaves nothing claiming the blocks', async () => {
    const folder = path.join(dir, 'failing');
    const store = new PackBlockstore(folder);
    const b = await block(60);
    await store.put(b.cid, b.bytes);
    // Make the pack's writes fail: point it at a descriptor that is not open.
    (store as unknown as { current: { fd: number } }).current.fd = 2 ** 30;
    await expect(store.seal()).rejects.toThrow();
    expect(store.has(b.cid)).toBe(false);
    expect((await readdir(folder)).filter((n) => n.endsWith('.pack'))).toEqual([]);
    expect((await readdir(folder)).filter((n) => n.endsWith('.pack.tmp'))).toEqual([]); // no unfinished pack left behind
  });

  it('a seal called while another is publishing the same blocks waits for it', async () => {
    const folder = path.join(dir, 'concurrent');
    const store = new PackBlockstore(folder);
    const b = await block(70, 400_000);
    await store.put(b.cid, b.bytes);
    const first = store.seal(); // takes the pack with b in it
    // The second has nothing of its own to seal, but must not resolve before b's pack is on disk and published.
    const seenBySecond = await store.seal().then(() => readdirSync(folder));
    expect(seenBySecond.filter((n) => n.endsWith('.pack'))).toHaveLength(1);
    await first;
    const order: string[] = [];
    await store.put((await block(71)).cid, (await block(71)).bytes);
    await Promise.all([store.seal().then(() => order.push('a')), store.seal().then(() => order.push('b'))]);
    expect(order).toEqual(['a', 'b']);
    await store.close();
  });
});
