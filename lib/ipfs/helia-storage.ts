import '../config/polyfills';
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { withBitswap } from '@helia/bitswap';
import { withLibp2pLight } from '@helia/libp2p';
import { unixfs, type UnixFS } from '@helia/unixfs';
import { identify } from '@libp2p/identify';
import type { Libp2p } from '@libp2p/interface';
import { noise } from '@libp2p/noise';
import { tcp } from '@libp2p/tcp';
import { yamux } from '@libp2p/yamux';
import { FsBlockstore } from 'blockstore-fs';
import { FsDatastore } from 'datastore-fs';
import { createHeliaLight, type Helia } from 'helia';
import { importer, type ImportCandidate, type WritableStorage } from 'ipfs-unixfs-importer';
import { open as openLmdb, type RootDatabase } from 'lmdb';
import type { CID } from 'multiformats/cid';
import { IntegrityLog, recheckFailures, type IntegrityFailure } from './block-integrity';
import { dagWalker } from './dag-walker';
import { LmdbDatastore } from './lmdb-datastore';
import { listQuarantined, PackBlockstore, type QuarantinedPack } from './pack-blockstore';
import {
  ContentNotFoundError,
  entryFromStat,
  readAll,
  type Entry,
  type FolderFile,
  type IpfsStorage,
  type PinnedFolder,
  type ReadOptions,
} from './storage';
import { UNIXFS_SETTINGS, unixfsImportOptions } from './unixfs-settings';
import { VerifyingBlockstore } from './verifying-blockstore';
import { BaseError } from '../errors/base';

/** The IPFS folder exists but is not a Helia repository. Never wiped automatically. */
export class DamagedIpfsRepoError extends BaseError {
  override name = 'DamagedIpfsRepoError';
  constructor(
    readonly repoDir: string,
    reason: string,
  ) {
    super(`The IPFS folder ${repoDir} looks damaged (${reason}). Nothing was deleted. Move it aside to start empty.`);
  }
}

/** What an IPFS repository folder holds. `blocks/` and `datastore/` are the blockstore-fs layout before packs. */
const REPO_ENTRIES = {
  packs: 'packs',
  datastore: 'datastore-lmdb',
  migrated: 'migrated-from-blockstore-fs',
  legacyBlocks: 'blocks',
  legacyDatastore: 'datastore',
} as const;

/**
 * A path inside a repository folder. The folder is chosen at run time (the data directory), so the build's file
 * tracing is told not to follow it: a path it cannot resolve makes it trace, and ship, the whole project.
 */
const inFolder = (folder: string, entry: string): string => path.join(/* turbopackIgnore: true */ folder, entry);

/**
 * Where the node listens for other IPFS nodes (multiaddrs), and the addresses it gives out when they differ (a public
 * address in front of a private one). Without it the node is offline.
 */
export type HeliaNetworkOptions = { listen: string[]; announce?: string[] };

export type HeliaStorageOptions = {
  /**
   * Serve the node's blocks over libp2p (TCP, Noise, Yamux) with bitswap, so a pinning service can fetch them from
   * this node's addresses. No bootstrap peers, DHT or discovery: peers come to the addresses it gives them.
   */
  network?: HeliaNetworkOptions;
  /** Told of each damaged pack moved aside while opening or reading (the rest of the repository opens). */
  onQuarantine?: (pack: QuarantinedPack) => void;
};

function notFound(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return ['NotFoundError', 'DoesNotExistError', 'NoContentError', 'BlockNotFoundWhileOfflineError'].includes(name);
}

/**
 * An embedded Helia node. By default it is offline (no libp2p, no HTTP routers: nothing leaves the machine); with
 * `network` it serves its blocks over libp2p with bitswap, for a pinning service to fetch. Blocks live in pack
 * files (PackBlockstore), Helia's datastore with its pins in LMDB; both may be opened by several processes at once.
 *
 * An add imports with ipfs-unixfs-importer (the importer @helia/unixfs runs) straight into the node's blockstore:
 * Helia's wrapper around it takes a lock per block for garbage collection and announces each block to block
 * brokers, which a node that others fetch from by address does not need; together that cost a fifth of the add. Then the batch is sealed
 * (synced to disk), pinned with Helia's pins, and the pin records are committed and synced: only then is the CID
 * reported.
 *
 * Helia reads its blocks through a VerifyingBlockstore: every block is hashed against its CID before any reader
 * (the gateway, bitswap, the verifier) gets its bytes, since Helia itself checks only blocks fetched from peers.
 */
export class HeliaStorage implements IpfsStorage {
  readonly backend = 'helia' as const;
  private constructor(
    readonly helia: Helia,
    private readonly fs: UnixFS,
    private readonly blocks: PackBlockstore,
    private readonly datastore: LmdbDatastore,
    private readonly lmdb: RootDatabase<Uint8Array, string>,
    /** The node's libp2p when it is networked. */
    readonly libp2p: Libp2p | undefined,
    private readonly packsDir: string,
    private readonly integrity: IntegrityLog,
  ) {}

  /** Damaged packs moved aside in this repository (by any process, at any start), with what each held. */
  quarantined(): QuarantinedPack[] {
    return listQuarantined(this.packsDir);
  }

  static async open(repoDir: string, options: HeliaStorageOptions = {}): Promise<HeliaStorage> {
    const names = existsSync(repoDir) ? readdirSync(repoDir) : [];
    const known = new Set<string>(Object.values(REPO_ENTRIES));
    const unexpected = names.filter((n) => !known.has(n));
    const legacy = names.includes(REPO_ENTRIES.legacyBlocks);
    if (unexpected.length > 0 || (names.length > 0 && !legacy && !names.includes(REPO_ENTRIES.packs))) {
      throw new DamagedIpfsRepoError(
        repoDir,
        `expected ${REPO_ENTRIES.packs}/ and ${REPO_ENTRIES.datastore}/, found ${names.slice(0, 5).join(', ')}`,
      );
    }
    mkdirSync(repoDir, { recursive: true });
    const packsDir = inFolder(repoDir, REPO_ENTRIES.packs);
    const blocks = new PackBlockstore(packsDir, { onQuarantine: options.onQuarantine });
    const lmdb = openLmdb<Uint8Array, string>({ path: inFolder(repoDir, REPO_ENTRIES.datastore), encoding: 'binary' });
    const datastore = new LmdbDatastore(lmdb);
    const integrity = new IntegrityLog();
    try {
      if (legacy) await migrateFromBlockstoreFs(repoDir, blocks, datastore);
      const light = createHeliaLight({ blockstore: new VerifyingBlockstore(blocks, integrity), datastore });
      const network = options.network;
      const helia = network
        ? withBitswap(
            withLibp2pLight(light, {
              addresses: {
                listen: network.listen,
                ...(network.announce?.length ? { announce: network.announce } : {}),
              },
              transports: [tcp()],
              connectionEncrypters: [noise()],
              streamMuxers: [yamux()],
              services: { identify: identify() },
            }),
          )
        : light;
      await helia.start();
      // The peer key a networked node creates on first start is in the datastore: keep it.
      datastore.flush();
      return new HeliaStorage(
        helia,
        unixfs(helia),
        blocks,
        datastore,
        lmdb,
        network ? (helia as typeof helia & { libp2p: Libp2p }).libp2p : undefined,
        packsDir,
        integrity,
      );
    } catch (error) {
      await blocks.close().catch(() => undefined);
      await lmdb.close();
      throw error;
    }
  }

  async addFolder(files: readonly FolderFile[], options: { signal?: AbortSignal } = {}): Promise<PinnedFolder> {
    const results: Record<string, { cid: CID; size: number }> = {};
    let root: CID | undefined;
    const source: ImportCandidate[] = files.map((f) => ({ path: f.path, content: f.content }));
    for await (const entry of importer(source, this.writer(options.signal), {
      ...unixfsImportOptions(),
      wrapWithDirectory: true,
    })) {
      if (entry.path === '') root = entry.cid;
      else if (entry.path && entry.unixfs?.type !== 'directory')
        results[entry.path] = { cid: entry.cid, size: Number(entry.size) };
    }
    if (!root) throw new Error('Helia produced no root CID for the folder');
    await this.pin(root, options.signal);
    return { cid: root, files: results, settings: UNIXFS_SETTINGS };
  }

  async addBytes(content: Uint8Array, options: { signal?: AbortSignal } = {}): Promise<CID> {
    let root: CID | undefined;
    for await (const entry of importer([{ content }], this.writer(options.signal), unixfsImportOptions()))
      root = entry.cid;
    if (!root) throw new Error('Helia produced no CID for the bytes');
    await this.pin(root, options.signal);
    return root;
  }

  /** The blockstore as the importer writes to it, stopping at the next block once `signal` aborts. */
  private writer(signal: AbortSignal | undefined): WritableStorage {
    return {
      put: (cid, bytes) => {
        signal?.throwIfAborted();
        return this.blocks.put(cid, bytes);
      },
    };
  }

  /**
   * Makes `cid` durable and pinned: syncs the blocks written since the last seal, pins the DAG with Helia's pins, and
   * commits and syncs the pin records. Blocks reach the disk before any record that names them.
   */
  async pin(cid: CID, signal?: AbortSignal): Promise<void> {
    await this.blocks.seal();
    signal?.throwIfAborted();
    if (!(await this.isPinned(cid))) {
      // The walk reads the pack store directly, never the network: what is pinned here was added here.
      for await (const _ of this.helia.pins.add(cid, { signal, walker: dagWalker(this.blocks) })) {
        // each yielded CID is a block now pinned
      }
    }
    this.datastore.flush();
  }

  async stat(cid: CID, options: { path?: string; signal?: AbortSignal } = {}): Promise<Entry> {
    try {
      const stats = await this.fs.stat(cid, { path: options.path, signal: options.signal, offline: true });
      return await entryFromStat(stats, (dir) => this.fs.ls(dir, { signal: options.signal, offline: true }));
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

  async getBlock(cid: CID, options: { signal?: AbortSignal } = {}): Promise<Uint8Array> {
    try {
      return await readAll(this.helia.blockstore.get(cid, { signal: options.signal, offline: true }));
    } catch (error) {
      if (notFound(error)) throw new ContentNotFoundError(cid.toString());
      throw error;
    }
  }

  integrityFailures(): Promise<IntegrityFailure[]> {
    return recheckFailures(this.integrity, (cid) => this.getBlock(cid));
  }

  /** The multiaddrs other nodes can fetch this node's blocks from (with its peer id); none when offline. */
  async origins(): Promise<string[]> {
    return this.libp2p ? this.libp2p.getMultiaddrs().map((m) => m.toString()) : [];
  }

  /** Whether `cid` has a pin record: Helia writes it after every block of the DAG is marked, so it means whole. */
  async isPinned(cid: CID): Promise<boolean> {
    try {
      await this.helia.pins.get(cid);
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.helia.stop();
    await this.blocks.close();
    this.datastore.flush();
    await this.lmdb.close();
  }
}

/**
 * Moves a repository written with blockstore-fs and datastore-fs (one file per block) into packs and LMDB. The old
 * folders are kept, renamed, for the owner to delete: nothing is removed.
 */
async function migrateFromBlockstoreFs(
  repoDir: string,
  blocks: PackBlockstore,
  datastore: LmdbDatastore,
): Promise<void> {
  const oldBlocks = new FsBlockstore(inFolder(repoDir, REPO_ENTRIES.legacyBlocks));
  await oldBlocks.open();
  for await (const { cid, bytes } of oldBlocks.getAll()) await blocks.put(cid, bytes);
  await oldBlocks.close();
  await blocks.seal();
  const oldDatastorePath = inFolder(repoDir, REPO_ENTRIES.legacyDatastore);
  if (existsSync(oldDatastorePath)) {
    const oldDatastore = new FsDatastore(oldDatastorePath);
    await oldDatastore.open();
    for await (const { key, value } of oldDatastore.query({})) datastore.put(key, value);
    await oldDatastore.close();
    datastore.flush();
  }
  const migrated = inFolder(repoDir, REPO_ENTRIES.migrated);
  mkdirSync(migrated, { recursive: true });
  renameSync(inFolder(repoDir, REPO_ENTRIES.legacyBlocks), inFolder(migrated, REPO_ENTRIES.legacyBlocks));
  if (existsSync(oldDatastorePath)) renameSync(oldDatastorePath, inFolder(migrated, REPO_ENTRIES.legacyDatastore));
}
