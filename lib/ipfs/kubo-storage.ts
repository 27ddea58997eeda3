import { exporter, type UnixFSEntry } from 'ipfs-unixfs-exporter';
import { create, type KuboRPCClient } from 'kubo-rpc-client';
import { CID } from 'multiformats/cid';
import { IntegrityLog, recheckFailures, verifyBlock, type IntegrityFailure } from './block-integrity';
import { isTransientError, withRetry } from './retry';
import {
  ContentNotFoundError,
  entryFromStat,
  type Entry,
  type FolderFile,
  type IpfsStorage,
  type PinnedFolder,
  type ReadOptions,
} from './storage';
import { UNIXFS_SETTINGS } from './unixfs-settings';
import { BaseError } from '../errors/base';

/**
 * Kubo's `add` options equal to UNIXFS_SETTINGS, passed explicitly on every add (Kubo's own defaults are CIDv0,
 * no raw leaves; its balanced layout already caps links per node at 174, as our settings record).
 */
export const KUBO_ADD_OPTIONS = {
  cidVersion: UNIXFS_SETTINGS.cidVersion,
  rawLeaves: UNIXFS_SETTINGS.rawLeaves,
  chunker: `size-${UNIXFS_SETTINGS.chunkSize}`,
  trickle: false,
  hashAlg: UNIXFS_SETTINGS.hash,
  pin: true,
} as const;

function notFound(error: unknown): boolean {
  if (error instanceof ContentNotFoundError || (error instanceof Error && error.name === 'NotFoundError')) return true;
  const message = error instanceof Error ? error.message : '';
  return /not found|no link named|does not exist|block was not found|could not resolve/i.test(message);
}

function ipfsPath(cid: CID, path?: string): string {
  return `/ipfs/${cid.toString()}${path ? `/${path.replace(/^\/+/, '')}` : ''}`;
}

/** A path the exporter walks from `cid`; it reads `/ipfs/` prefixes too, but a bare CID keeps the CID as parsed. */
function exportPath(cid: CID, path?: string): string {
  return `${cid.toString()}${path ? `/${path.replace(/^\/+/, '')}` : ''}`;
}

/** `cat` of something that is not a file (the exporter's name for the same case). */
class NotAFileError extends BaseError {
  override name = 'NotUnixFSError';
}

/**
 * A Kubo node reached through its RPC API with `kubo-rpc-client` (the maintained successor of ipfs-http-client).
 * Adds pin in the same call (`pin=true`), so Kubo never holds an added-but-unpinned folder. Tested against a
 * protocol-level double (lib/ipfs/testing/kubo-rpc-double.ts), not against a real Kubo daemon.
 *
 * Reads go block by block (`block/get`) through the UnixFS exporter, each block checked against its CID here:
 * Kubo does not re-hash what it reads from its own datastore by default, and `cat` would hand us bytes we could not
 * check.
 */
export class KuboStorage implements IpfsStorage {
  readonly backend = 'kubo' as const;
  private readonly integrity = new IntegrityLog();
  /** The node's blocks as the exporter reads them, each verified. */
  private readonly blocks = {
    get: (cid: CID, options?: { signal?: AbortSignal }): AsyncGenerator<Uint8Array> => this.blockChunks(cid, options),
  };
  constructor(readonly client: KuboRPCClient) {}

  static connect(url: string, options: { headers?: Record<string, string>; timeoutMs?: number } = {}): KuboStorage {
    return new KuboStorage(create({ url, headers: options.headers, timeout: options.timeoutMs ?? 120_000 }));
  }

  async addFolder(files: readonly FolderFile[], options: { signal?: AbortSignal } = {}): Promise<PinnedFolder> {
    const results: PinnedFolder['files'] = {};
    let root: CID | undefined;
    const source = files.map((f) => ({ path: f.path, content: f.content }));
    for await (const entry of this.client.addAll(source, {
      ...KUBO_ADD_OPTIONS,
      wrapWithDirectory: true,
      signal: options.signal,
    })) {
      if (entry.path === '') root = entry.cid;
      else if (files.some((f) => f.path === entry.path)) results[entry.path] = { cid: entry.cid, size: entry.size };
    }
    if (!root) throw new Error('Kubo answered the add without a root CID for the folder');
    return { cid: root, files: results, settings: UNIXFS_SETTINGS };
  }

  async addBytes(content: Uint8Array, options: { signal?: AbortSignal } = {}): Promise<CID> {
    const entry = await this.client.add(content, { ...KUBO_ADD_OPTIONS, signal: options.signal });
    return entry.cid;
  }

  async stat(cid: CID, options: { path?: string; signal?: AbortSignal } = {}): Promise<Entry> {
    try {
      const entry = await this.export(cid, options.path, options.signal);
      const type = entry.type === 'directory' ? 'directory' : 'file';
      return await entryFromStat({ type, cid: entry.cid, size: entry.size }, () =>
        entry.type === 'directory' ? entry.entries({ signal: options.signal }) : emptyListing(),
      );
    } catch (error) {
      if (notFound(error)) throw new ContentNotFoundError(cid.toString(), options.path);
      throw error;
    }
  }

  async *cat(cid: CID, options: ReadOptions = {}): AsyncIterable<Uint8Array> {
    try {
      const entry = await this.export(cid, options.path, options.signal);
      if (entry.type !== 'file' && entry.type !== 'raw')
        throw new NotAFileError(`${ipfsPath(cid, options.path)} is a ${entry.type}, not a file`);
      yield* entry.content({ offset: options.offset, length: options.length, signal: options.signal });
    } catch (error) {
      if (notFound(error)) throw new ContentNotFoundError(cid.toString(), options.path);
      throw error;
    }
  }

  async getBlock(cid: CID, options: { signal?: AbortSignal } = {}): Promise<Uint8Array> {
    // A read is safe to repeat: a connection the daemon dropped between two blocks (an idle keep-alive socket) is
    // tried again rather than failing the whole file.
    const bytes = await withRetry(
      async () => {
        try {
          return await this.client.block.get(cid, { signal: options.signal });
        } catch (error) {
          if (notFound(error)) throw new ContentNotFoundError(cid.toString());
          throw error;
        }
      },
      {
        attempts: 3,
        baseDelayMs: 50,
        retryable: (error) => !(error instanceof ContentNotFoundError) && isTransientError(error),
        signal: options.signal,
      },
    );
    verifyBlock(cid, bytes, this.integrity);
    return bytes;
  }

  integrityFailures(): Promise<IntegrityFailure[]> {
    return recheckFailures(this.integrity, (cid) => this.getBlock(cid));
  }

  private async *blockChunks(cid: CID, options?: { signal?: AbortSignal }): AsyncGenerator<Uint8Array> {
    yield await this.getBlock(cid, options);
  }

  private export(cid: CID, path: string | undefined, signal: AbortSignal | undefined): Promise<UnixFSEntry> {
    return exporter(exportPath(cid, path), this.blocks, { signal });
  }

  async isPinned(cid: CID): Promise<boolean> {
    try {
      for await (const pin of this.client.pin.ls({ paths: [cid], type: 'recursive' })) {
        if (pin.cid.equals(cid)) return true;
      }
      return false;
    } catch (error) {
      if (error instanceof Error && /not pinned/i.test(error.message)) return false;
      throw error;
    }
  }

  /** The Kubo node's own swarm addresses (`ipfs id`), where a pinning service fetches from. */
  async origins(): Promise<string[]> {
    const id = await this.client.id();
    return id.addresses.map((address) => address.toString());
  }

  async close(): Promise<void> {
    // The RPC client holds no connection that needs closing; the Kubo daemon is not ours to stop.
  }
}

async function* emptyListing(): AsyncGenerator<{ name: string; cid: CID }> {
  // a file has no entries
}
