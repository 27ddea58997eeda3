/**
 * Hand-written on purpose: Helia's blocks in append-only pack files (one O_DSYNC pack per add, published by rename,
 * shared by several processes) instead of the kept `blockstore-fs` (one file per block). Measured when it replaced
 * blockstore-fs (commit b053fe6): add + pin of 50 MiB, synced to disk, from about 400 ms to about 45 ms; today's
 * `ipfs.add.mibps` is 297.4 MiB/s (BENCHMARKS.md, 2026-12-03: 50 MiB in 160-193 ms on the loaded 2-core machine).
 * The comparison with blockstore-fs was not re-run since; re-measure before adding features here.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writev,
} from 'node:fs';
import path from 'node:path';
import { BaseBlockstore } from 'blockstore-core';
import type { InputPair, Pair } from 'interface-blockstore';
import { NotFoundError } from 'interface-store';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import * as Digest from 'multiformats/hashes/digest';
import { z } from 'zod';
import { readAll } from './storage';
import { BaseError } from '../errors/base';

type AbortOptions = { signal?: AbortSignal };
type BlockBytes = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** A pack file whose trailer or index does not check out. Nothing is deleted. */
export class DamagedPackError extends BaseError {
  override name = 'DamagedPackError';
  constructor(
    readonly file: string,
    readonly reason: string,
    /** Blocks the pack held, when its trailer could still be read. */
    readonly blocks: number | null = null,
  ) {
    super(`The block pack ${file} is damaged (${reason}). Nothing was deleted.`);
  }
}

/** The folder, inside the packs folder, where damaged packs are moved aside (never deleted). */
export const QUARANTINE_FOLDER = 'quarantine';

const quarantinedSchema = z.object({
  pack: z.string(),
  movedTo: z.string(),
  reason: z.string(),
  blocks: z.number().int().nonnegative().nullable(),
  at: z.string(),
});
/** A damaged pack moved aside, and what it held: its blocks are lost to this repository until it is restored. */
export type QuarantinedPack = z.infer<typeof quarantinedSchema>;

/** The packs moved aside in `packsDir`, from the note written beside each (every process sees them, across restarts). */
export function listQuarantined(packsDir: string): QuarantinedPack[] {
  const folder = path.join(packsDir, QUARANTINE_FOLDER);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((n) => n.endsWith('.pack.json'))
    .sort()
    .flatMap((n) => {
      const parsed = quarantinedSchema.safeParse(JSON.parse(readFileSync(path.join(folder, n), 'utf8')));
      return parsed.success ? [parsed.data] : [];
    });
}

/*
 * Pack format (one file per sealed batch, named so names sort by creation):
 *   block bytes, back to back
 *   index: per entry  u8 keyLength | key (multihash bytes) | u64 offset | i32 length (-1: the block was deleted)
 *   trailer (32 bytes): "MOTIFPK1" | u64 index offset | u32 index length | u32 entries | first 8 bytes of SHA-256(index)
 * A pack is written as NAME.pack.tmp, synced, then renamed to NAME.pack: a pack either is whole or is not there.
 */
const MAGIC = Buffer.from('MOTIFPK1');
const TRAILER = 32;
const TOMBSTONE = -1;
/** Two ticks of the kernel's coarse clock, which stamps folder times. */
const FOLDER_TICK_NS = 20_000_000n;

type PackRef = { readonly file: string };
type Location = { pack: PackRef; offset: number; length: number; pending?: Uint8Array };

type OpenPack = PackRef & {
  fd: number;
  size: number;
  entries: { key: Uint8Array; offset: number; length: number }[];
  /** Blocks appended but not yet handed to a write, from file offset `batchStart`. */
  batch: Uint8Array[];
  batchStart: number;
  writes: Promise<void>[];
  failure?: unknown;
};

export type PackBlockstoreOptions = {
  /** Consecutive blocks are written together once this many bytes are waiting. Default 1 MiB. */
  writeBatchBytes?: number;
  /** Told of each damaged pack this store moves aside. */
  onQuarantine?: (pack: QuarantinedPack) => void;
};

let packSequence = 0;

/**
 * Helia's blocks in append-only pack files: a batch of blocks (one track) is one file, written with positional
 * writes that run on libuv's threads while the importer hashes the next chunk, then synced once and published by a
 * rename. blockstore-fs wrote and renamed a file per 256 KiB block, which made adding 50 MiB five times slower than
 * hashing it (issue 7).
 *
 * Several processes share one repository (the web app, `npm start`'s indexer, `npm run verify`): each writes its
 * own packs and picks up the others' when the folder changes. Until `seal()` a batch is readable in this process
 * only; HeliaStorage seals before it pins or reports anything. Deleted blocks are tombstones in a later pack; their
 * bytes stay until packs are compacted, which nothing does yet.
 */
/** Whether process `pid` is alive (signal 0 checks without signalling; EPERM: alive, someone else's). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/**
 * Deletes the unfinished packs (NAME.pack.tmp) of writers that died (`kill -9` during a pin, a power cut): their
 * blocks were never published, so nothing refers to them, and nothing else would ever remove them. A pack whose
 * writer is still running (its pid is in the name) is left alone.
 */
export function removeAbandonedPacks(dir: string): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const pid = /^[0-9a-z]+-(\d+)-[0-9a-z]+\.pack\.tmp$/.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || processAlive(Number(pid))) continue;
    try {
      unlinkSync(path.join(dir, name));
      removed.push(name);
    } catch {
      // another process removed it first
    }
  }
  return removed;
}

export class PackBlockstore extends BaseBlockstore {
  private readonly index = new Map<string, Location>();
  private readonly loaded = new Set<string>();
  private readonly readFds = new Map<string, number>();
  private current: OpenPack | undefined;
  private sealing: Promise<void> = Promise.resolve();
  private folderStamp = -1n;
  private readonly writeBatchBytes: number;
  private readonly onQuarantine: (pack: QuarantinedPack) => void;

  constructor(
    private readonly dir: string,
    options: PackBlockstoreOptions = {},
  ) {
    super();
    this.writeBatchBytes = options.writeBatchBytes ?? 2 ** 20;
    this.onQuarantine = options.onQuarantine ?? (() => {});
    mkdirSync(dir, { recursive: true });
    removeAbandonedPacks(dir);
    this.refresh();
  }

  override async put(cid: CID, bytes: BlockBytes, options?: AbortOptions): Promise<CID> {
    options?.signal?.throwIfAborted();
    // Only this process's index is asked: a block another process also wrote just exists in two packs.
    if (this.index.has(indexName(cid.multihash.bytes))) return cid;
    this.append(cid.multihash.bytes, bytes instanceof Uint8Array ? bytes : await readAll(bytes));
    return cid;
  }

  override async *putMany(
    source: Iterable<InputPair> | AsyncIterable<InputPair>,
    options?: AbortOptions,
  ): AsyncGenerator<CID> {
    for await (const { cid, bytes } of source) yield await this.put(cid, bytes, options);
  }

  override *get(cid: CID, options?: AbortOptions): Generator<Uint8Array> {
    options?.signal?.throwIfAborted();
    const location = this.locate(cid);
    if (!location) throw new NotFoundError(`No block ${cid.toString()}`);
    yield this.read(location);
  }

  override has(cid: CID, options?: AbortOptions): boolean {
    options?.signal?.throwIfAborted();
    return this.locate(cid) !== undefined;
  }

  override async delete(cid: CID, options?: AbortOptions): Promise<void> {
    options?.signal?.throwIfAborted();
    if (this.tombstone(cid)) await this.seal();
  }

  override async *deleteMany(source: Iterable<CID> | AsyncIterable<CID>, options?: AbortOptions): AsyncGenerator<CID> {
    const deleted: CID[] = [];
    for await (const cid of source) {
      options?.signal?.throwIfAborted();
      this.tombstone(cid);
      deleted.push(cid);
    }
    await this.seal();
    yield* deleted;
  }

  /** Every block, named as a raw CIDv1 (the codec is not stored, as with blockstore-fs). */
  override *getAll(options?: AbortOptions): Generator<Pair> {
    this.refresh();
    for (const [key, location] of [...this.index]) {
      options?.signal?.throwIfAborted();
      const bytes = this.read(location);
      yield {
        cid: CID.createV1(raw.code, Digest.decode(Buffer.from(key, 'base64'))),
        bytes: (function* () {
          yield bytes;
        })(),
      };
    }
  }

  /**
   * Waits for this process's queued writes, syncs them and publishes them as one pack, so every process sees them
   * and they survive a crash. Seals run one after another and each resolves only after every earlier one has
   * settled, so a caller whose blocks went into a pack another caller started sealing still waits for that pack.
   */
  seal(): Promise<void> {
    const pack = this.current;
    this.current = undefined;
    const earlier = this.sealing;
    const sealed = (async () => {
      // An earlier seal's failure is its own caller's to report; blocks it lost are gone from the index.
      await earlier.catch(() => undefined);
      if (pack) await this.publish(pack);
    })();
    this.sealing = sealed;
    return sealed;
  }

  private async publish(pack: OpenPack): Promise<void> {
    try {
      this.writeBatch(pack);
      await Promise.all(pack.writes);
      if (pack.failure !== undefined) throw pack.failure;
      const index = encodeIndex(pack.entries);
      const trailer = Buffer.alloc(TRAILER);
      MAGIC.copy(trailer, 0);
      trailer.writeBigUInt64LE(BigInt(pack.size), 8);
      trailer.writeUInt32LE(index.byteLength, 16);
      trailer.writeUInt32LE(pack.entries.length, 20);
      createHash('sha256').update(index).digest().copy(trailer, 24, 0, 8);
      // O_DSYNC: each write returned once on disk, so the blocks are durable before the index names them.
      await writeAt(pack.fd, [index, trailer], pack.size);
      renameSync(`${pack.file}.tmp`, pack.file);
      syncFolder(this.dir);
    } catch (error) {
      // Unpublished: its blocks are gone from this process too, so nothing claims to hold them.
      for (const entry of pack.entries) {
        const key = indexName(entry.key);
        if (this.index.get(key)?.pack === pack) this.index.delete(key);
      }
      for (const cleanUp of [() => closeSync(pack.fd), () => unlinkSync(`${pack.file}.tmp`)]) {
        try {
          cleanUp();
        } catch {
          // the write error is the one worth reporting
        }
      }
      throw error;
    }
    this.loaded.add(path.basename(pack.file));
    this.readFds.set(pack.file, pack.fd);
    // From now on blocks are read from the file: the importer's chunks may be views of the caller's buffer.
    for (const entry of pack.entries) {
      const location = this.index.get(indexName(entry.key));
      if (location?.pack === pack) delete location.pending;
    }
  }

  /** Seals what is queued and closes the files. */
  async close(): Promise<void> {
    await this.seal();
    for (const fd of this.readFds.values()) closeSync(fd);
    this.readFds.clear();
  }

  private append(key: Uint8Array, bytes: Uint8Array): void {
    const pack = (this.current ??= this.openPack());
    const offset = pack.size;
    pack.size += bytes.byteLength;
    pack.entries.push({ key, offset, length: bytes.byteLength });
    // Until sealed, the bytes are read from memory (and kept for a retried seal to find them).
    const location: Location = { pack, offset, length: bytes.byteLength, pending: bytes };
    this.index.set(indexName(key), location);
    pack.batch.push(bytes);
    if (pack.size - pack.batchStart >= this.writeBatchBytes) this.writeBatch(pack);
  }

  /**
   * Hands the waiting blocks to one positional write on libuv's threads, so the disk works while the importer hashes
   * the next chunks. The file is opened with O_DSYNC: the write completes once the bytes are on disk, and no
   * fsync of the whole batch is left for seal() to wait on. Failures are kept for seal() to throw.
   */
  private writeBatch(pack: OpenPack): void {
    if (pack.batch.length === 0) return;
    const written = writeAt(pack.fd, pack.batch, pack.batchStart);
    pack.batch = [];
    pack.batchStart = pack.size;
    pack.writes.push(
      written.catch((error: unknown) => {
        pack.failure ??= error;
      }),
    );
  }

  private tombstone(cid: CID): boolean {
    const key = cid.multihash.bytes;
    const location = this.locate(cid);
    if (!location) return false;
    const pack = (this.current ??= this.openPack());
    pack.entries.push({ key, offset: 0, length: TOMBSTONE });
    this.index.delete(indexName(key));
    return true;
  }

  private openPack(): OpenPack {
    // Time first so names sort by creation across processes; pid and a counter keep them unique.
    const name = `${Date.now().toString(36).padStart(10, '0')}-${process.pid}-${(packSequence++).toString(36)}.pack`;
    const file = path.join(this.dir, name);
    const fd = openSync(
      `${file}.tmp`,
      constants.O_CREAT | constants.O_EXCL | constants.O_RDWR | constants.O_DSYNC,
      0o644,
    );
    return { file, fd, size: 0, entries: [], batch: [], batchStart: 0, writes: [] };
  }

  private locate(cid: CID): Location | undefined {
    const key = indexName(cid.multihash.bytes);
    return this.index.get(key) ?? (this.refresh() ? this.index.get(key) : undefined);
  }

  private read(location: Location): Uint8Array {
    if (location.pending) return location.pending;
    const fd = this.readFd(location.pack);
    const out = new Uint8Array(location.length);
    let done = 0;
    while (done < location.length) {
      const n = readSync(fd, out, done, location.length - done, location.offset + done);
      if (n === 0)
        throw new DamagedPackError(location.pack.file, `block at ${location.offset} ends past the end of the file`);
      done += n;
    }
    return out;
  }

  private readFd(pack: PackRef): number {
    const open = (pack as Partial<OpenPack>).fd;
    if (open !== undefined) return open;
    let fd = this.readFds.get(pack.file);
    if (fd === undefined) {
      fd = openSync(pack.file, 'r');
      this.readFds.set(pack.file, fd);
    }
    return fd;
  }

  /** Loads packs published since the last look (by any process). Returns whether any were new. */
  private refresh(): boolean {
    const stamp = statSync(this.dir, { bigint: true }).mtimeNs;
    if (stamp === this.folderStamp) return false;
    // The folder's time comes from the kernel's coarse clock (one tick, at most 10 ms): a pack renamed later in the
    // same tick would not change it, so a time less than two ticks old is not trusted to mean "nothing new" next
    // time. (At 100 ms, misses in a folder of 2,000 packs listed it each time: 561 us apiece instead of 21 us.)
    this.folderStamp = BigInt(Date.now()) * 1_000_000n - stamp > FOLDER_TICK_NS ? stamp : -1n;
    const names = readdirSync(this.dir)
      .filter((n) => n.endsWith('.pack') && !this.loaded.has(n))
      .sort();
    for (const name of names) {
      const pack: PackRef = { file: path.join(this.dir, name) };
      let entries: ReturnType<typeof readPackIndex>;
      try {
        entries = readPackIndex(pack.file);
      } catch (error) {
        // A damaged pack (truncated by a crash, a full disk) costs its own blocks, not the whole repository.
        if (error instanceof DamagedPackError) this.quarantine(name, error);
        else if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error; // ENOENT: another process moved it aside
        continue;
      }
      for (const entry of entries) {
        const key = indexName(entry.key);
        if (entry.length === TOMBSTONE) this.index.delete(key);
        else this.index.set(key, { pack, offset: entry.offset, length: entry.length });
      }
      this.loaded.add(name);
    }
    return names.length > 0;
  }

  /** Moves a damaged pack into the quarantine folder with a note of what it held; deletes nothing. */
  private quarantine(name: string, error: DamagedPackError): void {
    const folder = path.join(this.dir, QUARANTINE_FOLDER);
    mkdirSync(folder, { recursive: true });
    const movedTo = path.join(folder, name);
    try {
      renameSync(path.join(this.dir, name), movedTo);
    } catch (moveError) {
      if (moveError instanceof Error && 'code' in moveError && moveError.code === 'ENOENT') return; // another process moved it first
      throw moveError;
    }
    const record: QuarantinedPack = {
      pack: name,
      movedTo,
      reason: error.reason,
      blocks: error.blocks,
      at: new Date().toISOString(),
    };
    writeFileSync(`${movedTo}.json`, `${JSON.stringify(record, null, 2)}\n`);
    syncFolder(this.dir);
    this.onQuarantine(record);
  }
}

/** The in-memory index's name for a block: its multihash, base64. */
function indexName(multihash: Uint8Array): string {
  return Buffer.from(multihash).toString('base64');
}

function encodeIndex(entries: OpenPack['entries']): Buffer {
  const size = entries.reduce((n, e) => n + 1 + e.key.byteLength + 12, 0);
  const out = Buffer.alloc(size);
  let at = 0;
  for (const { key, offset, length } of entries) {
    out.writeUInt8(key.byteLength, at);
    out.set(key, at + 1);
    at += 1 + key.byteLength;
    out.writeBigUInt64LE(BigInt(offset), at);
    out.writeInt32LE(length, at + 8);
    at += 12;
  }
  return out;
}

/** Reads and checks a sealed pack's index. */
export function readPackIndex(file: string): { key: Uint8Array; offset: number; length: number }[] {
  const fd = openSync(file, 'r');
  try {
    const size = statSync(file).size;
    if (size < TRAILER) throw new DamagedPackError(file, 'shorter than its trailer');
    const trailer = Buffer.alloc(TRAILER);
    readSync(fd, trailer, 0, TRAILER, size - TRAILER);
    if (!trailer.subarray(0, 8).equals(MAGIC)) throw new DamagedPackError(file, 'no pack trailer');
    const indexOffset = Number(trailer.readBigUInt64LE(8));
    const indexLength = trailer.readUInt32LE(16);
    const count = trailer.readUInt32LE(20);
    if (indexOffset + indexLength + TRAILER !== size)
      throw new DamagedPackError(file, 'index does not end at the trailer', count);
    const index = Buffer.alloc(indexLength);
    readSync(fd, index, 0, indexLength, indexOffset);
    if (!createHash('sha256').update(index).digest().subarray(0, 8).equals(trailer.subarray(24, 32))) {
      throw new DamagedPackError(file, 'index checksum mismatch', count);
    }
    const entries: { key: Uint8Array; offset: number; length: number }[] = [];
    let at = 0;
    for (let i = 0; i < count; i++) {
      const keyLength = index.readUInt8(at);
      const key = new Uint8Array(index.subarray(at + 1, at + 1 + keyLength));
      at += 1 + keyLength;
      const offset = Number(index.readBigUInt64LE(at));
      const length = index.readInt32LE(at + 8);
      at += 12;
      if (length !== TOMBSTONE && offset + length > indexOffset)
        throw new DamagedPackError(file, `entry ${i} points past the block data`, count);
      entries.push({ key, offset, length });
    }
    if (at !== indexLength) throw new DamagedPackError(file, 'index length does not match its entries', count);
    return entries;
  } finally {
    closeSync(fd);
  }
}

/** Writes `parts` back to back from `position`, continuing after short writes. */
function writeAt(fd: number, parts: Uint8Array | Uint8Array[], position: number): Promise<void> {
  let rest = Array.isArray(parts) ? parts : [parts];
  let at = position;
  return new Promise((resolve, reject) => {
    const step = (): void => {
      writev(fd, rest, at, (error, written) => {
        if (error) return reject(error);
        at += written;
        while (rest.length > 0 && written >= rest[0]!.byteLength) written -= rest.shift()!.byteLength;
        if (rest.length === 0) return resolve();
        rest = [rest[0]!.subarray(written), ...rest.slice(1)];
        step();
      });
    };
    step();
  });
}

function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
