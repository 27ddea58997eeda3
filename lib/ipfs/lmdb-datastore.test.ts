import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Key } from 'interface-datastore';
import { open, type RootDatabase } from 'lmdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LmdbDatastore } from './lmdb-datastore';

const run = promisify(execFile);
let dir: string;
const opened: RootDatabase<Uint8Array, string>[] = [];
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-lmdb-ds-test-'));
});
afterAll(async () => {
  for (const db of opened) await db.close();
  await rm(dir, { recursive: true, force: true });
});

function openAt(name: string): { db: RootDatabase<Uint8Array, string>; store: LmdbDatastore } {
  const db = open<Uint8Array, string>({ path: path.join(dir, name), encoding: 'binary' });
  opened.push(db);
  return { db, store: new LmdbDatastore(db) };
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

async function readInAnotherProcess(name: string, key: string): Promise<string> {
  const code = `
    import { open } from 'lmdb';
    const db = open({ path: process.argv[1], encoding: 'binary' });
    const value = db.getBinary(process.argv[2]);
    process.stdout.write(value ? Buffer.from(value).toString() : '(none)');
    await db.close();
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code, path.join(dir, name), key]);
  return stdout;
}

describe('LmdbDatastore', () => {
  it('reads its own queued writes at once; another process sees them only after flush', async () => {
    const { store } = openAt('shared');
    store.put(new Key('/pin/a'), bytes('one'));
    expect(store.get(new Key('/pin/a'))).toEqual(bytes('one'));
    expect(store.has(new Key('/pin/a'))).toBe(true);
    expect(await readInAnotherProcess('shared', '/pin/a')).toBe('(none)');
    store.flush();
    expect(await readInAnotherProcess('shared', '/pin/a')).toBe('one');
  });

  it('a queued delete hides the committed value, and flush removes it', async () => {
    const { store, db } = openAt('delete');
    store.put(new Key('/k'), bytes('v'));
    store.flush();
    store.delete(new Key('/k'));
    expect(store.has(new Key('/k'))).toBe(false);
    expect(() => store.get(new Key('/k'))).toThrow(expect.objectContaining({ name: 'NotFoundError' }));
    expect(db.doesExist('/k')).toBe(true);
    store.flush();
    expect(db.doesExist('/k')).toBe(false);
  });

  it('answers prefix queries from one range, including writes still queued', async () => {
    const { store } = openAt('query');
    for (const name of ['/pin/b', '/pin/a', '/pinned-block/x', '/other/1']) store.put(new Key(name), bytes(name));
    store.flush();
    store.put(new Key('/pin/c'), bytes('/pin/c'));
    const keys: string[] = [];
    for await (const { key } of store.query({ prefix: '/pin/' })) keys.push(key.toString());
    expect(keys).toEqual(['/pin/a', '/pin/b', '/pin/c']);
    const all: string[] = [];
    for await (const key of store.queryKeys({})) all.push(key.toString());
    expect(all.sort()).toEqual(['/other/1', '/pin/a', '/pin/b', '/pin/c', '/pinned-block/x']);
  });

  it('a write still queued when the opener goes away is not on disk: only flushed writes count', async () => {
    const first = openAt('unflushed');
    first.store.put(new Key('/flushed'), bytes('1'));
    first.store.flush();
    first.store.put(new Key('/queued'), bytes('2'));
    const { store: reopened } = openAt('unflushed');
    expect(reopened.has(new Key('/flushed'))).toBe(true);
    expect(reopened.has(new Key('/queued'))).toBe(false);
  });
});
