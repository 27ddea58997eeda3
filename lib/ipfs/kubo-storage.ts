import { create, type KuboRPCClient } from 'kubo-rpc-client';
import { CID } from 'multiformats/cid';
import { ContentNotFoundError, entryFromStat, type Entry, type FolderFile, type IpfsStorage, type PinnedFolder, type ReadOptions } from './storage';
import { UNIXFS_SETTINGS } from './unixfs-settings';

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
  const message = error instanceof Error ? error.message : '';
  return /not found|no link named|does not exist|block was not found|could not resolve/i.test(message);
}

function ipfsPath(cid: CID, path?: string): string {
  return `/ipfs/${cid.toString()}${path ? `/${path.replace(/^\/+/, '')}` : ''}`;
}

/**
 * A Kubo node reached through its RPC API with `kubo-rpc-client` (the maintained successor of ipfs-http-client).
 * Adds pin in the same call (`pin=true`), so Kubo never holds an added-but-unpinned folder. Tested against a
 * protocol-level double (lib/ipfs/testing/kubo-rpc-double.ts), not against a real Kubo daemon.
 */
export class KuboStorage implements IpfsStorage {
  readonly backend = 'kubo' as const;
  constructor(readonly client: KuboRPCClient) {}

  static connect(url: string, options: { headers?: Record<string, string>; timeoutMs?: number } = {}): KuboStorage {
    return new KuboStorage(create({ url, headers: options.headers, timeout: options.timeoutMs ?? 120_000 }));
  }

  async addFolder(files: readonly FolderFile[], options: { signal?: AbortSignal } = {}): Promise<PinnedFolder> {
    const results: PinnedFolder['files'] = {};
    let root: CID | undefined;
    const source = files.map((f) => ({ path: f.path, content: f.content }));
    for await (const entry of this.client.addAll(source, { ...KUBO_ADD_OPTIONS, wrapWithDirectory: true, signal: options.signal })) {
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
      const stats = await this.client.files.stat(ipfsPath(cid, options.path), { signal: options.signal });
      return await entryFromStat(stats, (dir) => this.client.ls(dir, { signal: options.signal }));
    } catch (error) {
      if (notFound(error)) throw new ContentNotFoundError(cid.toString(), options.path);
      throw error;
    }
  }

  async *cat(cid: CID, options: ReadOptions = {}): AsyncIterable<Uint8Array> {
    try {
      yield* this.client.cat(ipfsPath(cid, options.path), { offset: options.offset, length: options.length, signal: options.signal });
    } catch (error) {
      if (notFound(error)) throw new ContentNotFoundError(cid.toString(), options.path);
      throw error;
    }
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
