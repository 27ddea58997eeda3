import '../platform/polyfills';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { unixfs, type UnixFS } from '@helia/unixfs';
import { FsBlockstore } from 'blockstore-fs';
import { FsDatastore } from 'datastore-fs';
import { createHeliaLight, type Helia } from 'helia';
import type { CID } from 'multiformats/cid';
import { ContentNotFoundError, type Entry, type FolderFile, type IpfsStorage, type PinnedFolder, type ReadOptions } from './storage';
import { UNIXFS_SETTINGS, unixfsImportOptions } from './unixfs-settings';

/** The IPFS folder exists but is not a Helia repository. Never wiped automatically. */
export class DamagedIpfsRepoError extends Error {
  override name = 'DamagedIpfsRepoError';
  constructor(readonly repoDir: string, reason: string) {
    super(`The IPFS folder ${repoDir} looks damaged (${reason}). Nothing was deleted. Move it aside to start empty.`);
  }
}


function notFound(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return ['NotFoundError', 'DoesNotExistError', 'NoContentError', 'BlockNotFoundWhileOfflineError'].includes(name);
}

/**
 * An embedded Helia node: file-system block and datastores, no libp2p, no HTTP routers — nothing leaves the
 * machine. Content is pinned so a future garbage collection keeps it.
 */
export class HeliaStorage implements IpfsStorage {
  readonly backend = 'helia' as const;
  private constructor(
    readonly helia: Helia,
    private readonly fs: UnixFS,
  ) {}

  static async open(repoDir: string): Promise<HeliaStorage> {
    const blocksDir = path.join(repoDir, 'blocks');
    const dataDir = path.join(repoDir, 'datastore');
    if (existsSync(repoDir) && readdirSync(repoDir).length > 0) {
      const names = readdirSync(repoDir);
      const unexpected = names.filter((n) => n !== 'blocks' && n !== 'datastore');
      if (unexpected.length > 0 || !names.includes('blocks')) {
        throw new DamagedIpfsRepoError(repoDir, `expected blocks/ and datastore/, found ${names.slice(0, 5).join(', ')}`);
      }
    }
    mkdirSync(blocksDir, { recursive: true });
    mkdirSync(dataDir, { recursive: true });
    const helia = createHeliaLight({ blockstore: new FsBlockstore(blocksDir), datastore: new FsDatastore(dataDir) });
    await helia.start();
    return new HeliaStorage(helia, unixfs(helia));
  }

  async addFolder(files: readonly FolderFile[], options: { signal?: AbortSignal } = {}): Promise<PinnedFolder> {
    const results: Record<string, { cid: CID; size: number }> = {};
    let root: CID | undefined;
    const source = files.map((f) => ({ path: f.path, content: f.content }));
    for await (const entry of this.fs.addAll(source, { ...unixfsImportOptions(), wrapWithDirectory: true, signal: options.signal })) {
      if (entry.path === '') root = entry.cid;
      else if (entry.path && entry.unixfs?.type !== 'directory') results[entry.path] = { cid: entry.cid, size: Number(entry.size) };
    }
    if (!root) throw new Error('Helia produced no root CID for the folder');
    await this.pin(root, options.signal);
    return { cid: root, files: results, settings: UNIXFS_SETTINGS };
  }

  async addBytes(content: Uint8Array, options: { signal?: AbortSignal } = {}): Promise<CID> {
    const cid = await this.fs.addBytes(content, { ...unixfsImportOptions(), signal: options.signal });
    await this.pin(cid, options.signal);
    return cid;
  }

  private async pin(cid: CID, signal?: AbortSignal): Promise<void> {
    if (await this.helia.pins.isPinned(cid, { signal })) return;
    for await (const _ of this.helia.pins.add(cid, { signal })) {
      // each yielded CID is a block now pinned
    }
  }

  async stat(cid: CID, options: { path?: string; signal?: AbortSignal } = {}): Promise<Entry> {
    try {
      const stats = await this.fs.stat(cid, { path: options.path, signal: options.signal, offline: true });
      if (stats.type === 'directory') {
        const entries: { name: string; cid: CID }[] = [];
        for await (const e of this.fs.ls(stats.cid, { signal: options.signal, offline: true })) entries.push({ name: e.name, cid: e.cid });
        return { type: 'directory', cid: stats.cid, entries };
      }
      return { type: 'file', cid: stats.cid, size: Number(stats.size) };
    } catch (error) {
      if (notFound(error)) throw new ContentNotFoundError(cid.toString(), options.path);
      throw error;
    }
  }

  async *cat(cid: CID, options: ReadOptions = {}): AsyncIterable<Uint8Array> {
    try {
      yield* this.fs.cat(cid, { ...options, offline: true });
    } catch (error) {
      if (notFound(error)) throw new ContentNotFoundError(cid.toString(), options.path);
      throw error;
    }
  }

  isPinned(cid: CID): Promise<boolean> {
    return this.helia.pins.isPinned(cid);
  }

  async close(): Promise<void> {
    await this.helia.stop();
  }
}
