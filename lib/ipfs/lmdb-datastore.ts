import { BaseDatastore } from 'datastore-core';
import { Key, type KeyQuery, type Pair, type Query } from 'interface-datastore';
import { NotFoundError } from 'interface-store';
import type { Database } from 'lmdb';

type AbortOptions = { signal?: AbortSignal };

/**
 * Helia's datastore (pins, one record per pinned block) in an LMDB database beside the blocks. datastore-fs wrote
 * one file per pinned block, which cost more than adding the bytes did.
 *
 * Helia awaits each of a pin's 200-odd record writes in turn, and an LMDB commit (with its fsync) apiece cost
 * 0.25 ms. So writes are held: `put` and `delete` queue, this process reads its own queued writes, and `flush()`
 * commits everything queued in one synchronous transaction, synced to disk before it returns. A pin is then on disk
 * whole or not at all. Whoever reports success (HeliaStorage) flushes first; `close()` flushes too.
 */
export class LmdbDatastore extends BaseDatastore {
  /** Queued writes: a value, or null for a delete. */
  private queued = new Map<string, Uint8Array | null>();

  constructor(private readonly db: Database<Uint8Array, string>) {
    super();
  }

  override put(key: Key, value: Uint8Array, options?: AbortOptions): Key {
    options?.signal?.throwIfAborted();
    this.queued.set(key.toString(), value);
    return key;
  }

  override get(key: Key, options?: AbortOptions): Uint8Array {
    options?.signal?.throwIfAborted();
    const name = key.toString();
    const queued = this.queued.get(name);
    if (queued) return queued;
    const value = queued === null ? undefined : this.db.getBinary(name);
    if (value === undefined) throw new NotFoundError(`No datastore entry ${name}`);
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }

  override has(key: Key, options?: AbortOptions): boolean {
    options?.signal?.throwIfAborted();
    const queued = this.queued.get(key.toString());
    if (queued !== undefined) return queued !== null;
    return this.db.doesExist(key.toString());
  }

  override delete(key: Key, options?: AbortOptions): void {
    options?.signal?.throwIfAborted();
    this.queued.set(key.toString(), null);
  }

  /** Commits every queued write in one transaction and syncs it. On failure nothing is committed and all stay queued. */
  flush(): void {
    if (this.queued.size === 0) return;
    const writes = this.queued;
    this.db.transactionSync(() => {
      for (const [name, value] of writes) {
        if (value === null) this.db.removeSync(name);
        else this.db.putSync(name, value);
      }
    });
    // Writes queued by the callbacks above cannot exist (the transaction is synchronous), so all are committed.
    this.queued = new Map();
  }

  // Keys sort as strings, so a prefix query reads one contiguous range; BaseDatastore applies filters and orders.
  override *_all(query: Query, options?: AbortOptions): Generator<Pair> {
    this.flush();
    for (const { key, value } of this.range(query.prefix)) {
      options?.signal?.throwIfAborted();
      yield { key: new Key(key), value: new Uint8Array(value.buffer, value.byteOffset, value.byteLength) };
    }
  }

  override *_allKeys(query: KeyQuery, options?: AbortOptions): Generator<Key> {
    this.flush();
    for (const { key } of this.range(query.prefix)) {
      options?.signal?.throwIfAborted();
      yield new Key(key);
    }
  }

  private *range(prefix: string | undefined): Generator<{ key: string; value: Uint8Array }> {
    for (const entry of this.db.getRange(prefix ? { start: prefix } : {})) {
      if (prefix && !entry.key.startsWith(prefix)) return;
      yield entry;
    }
  }
}
