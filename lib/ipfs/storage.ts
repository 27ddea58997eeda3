import type { CID } from 'multiformats/cid';
import type { IntegrityFailure } from './block-integrity';
import type { UnixfsSettings } from './unixfs-settings';
import { BaseError } from '../errors/base';

export type FolderFile = { path: string; content: Uint8Array };

export type PinnedFolder = {
  cid: CID;
  /** Each file's own CID and size, keyed by its path inside the folder. */
  files: Record<string, { cid: CID; size: number }>;
  settings: UnixfsSettings;
};

export type Entry =
  { type: 'file'; cid: CID; size: number } | { type: 'directory'; cid: CID; entries: { name: string; cid: CID }[] };

export type ReadOptions = { path?: string; offset?: number; length?: number; signal?: AbortSignal };

/**
 * Where Motif keeps content: the embedded Helia node by default, a Kubo node or a pinning service when configured.
 * Every backend imports with UNIXFS_SETTINGS so a CID means the same bytes everywhere, and every backend checks each
 * block it reads against its CID (lib/ipfs/block-integrity.ts) before handing out a byte of it.
 */
export interface IpfsStorage {
  readonly backend: 'helia' | 'kubo' | 'pinning-service';
  /** Adds and pins a folder; resolves with its root CID once every block is stored. */
  addFolder(files: readonly FolderFile[], options?: { signal?: AbortSignal }): Promise<PinnedFolder>;
  /** Adds and pins raw bytes as one UnixFS file. */
  addBytes(content: Uint8Array, options?: { signal?: AbortSignal }): Promise<CID>;
  /** Describes the file or directory at `cid` (and `path` inside it). Throws ContentNotFoundError. */
  stat(cid: CID, options?: { path?: string; signal?: AbortSignal }): Promise<Entry>;
  /** Streams a file's bytes, or a range of them. */
  cat(cid: CID, options?: ReadOptions): AsyncIterable<Uint8Array>;
  /**
   * One block's bytes, hashed and compared to its CID before they are returned (BlockIntegrityError otherwise).
   * Throws ContentNotFoundError when the block is not held here.
   */
  getBlock(cid: CID, options?: { signal?: AbortSignal }): Promise<Uint8Array>;
  /** Blocks that failed their check in this process and still do (each is read again to see). */
  integrityFailures(): Promise<IntegrityFailure[]>;
  isPinned(cid: CID): Promise<boolean>;
  /** Multiaddrs where other IPFS nodes can fetch this node's content (a pinning service's `origins`); none if offline. */
  origins(): Promise<string[]>;
  close(): Promise<void>;
}

/** The CID (or a path inside it) is not held by this node. */
export class ContentNotFoundError extends BaseError {
  override name = 'ContentNotFoundError';
  constructor(
    readonly cid: string,
    readonly path?: string,
  ) {
    super(`No content at ${cid}${path ? '/' + path : ''}`);
  }
}

/** An Entry from a backend's stat answer; a directory's entries are listed with `list`. */
export async function entryFromStat(
  stats: { type: string; cid: CID; size: number | bigint },
  list: (cid: CID) => AsyncIterable<{ name: string; cid: CID }>,
): Promise<Entry> {
  if (stats.type !== 'directory') return { type: 'file', cid: stats.cid, size: Number(stats.size) };
  const entries: { name: string; cid: CID }[] = [];
  for await (const e of list(stats.cid)) entries.push({ name: e.name, cid: e.cid });
  return { type: 'directory', cid: stats.cid, entries };
}

/** Collects a stream of chunks into one buffer. */
export async function readAll(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    total += chunk.byteLength;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
