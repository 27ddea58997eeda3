/** The live health of Motif's components (chain, contracts, database, IPFS), from their addresses: used by the
 * composition root (lib/platform/services.ts) for /api/health and the status page, and by integration tests. */
import path from 'node:path';
import { CID } from 'multiformats/cid';
import pg from 'pg';
import { createPublicClient, http, type Address } from 'viem';
import { migrationStatus } from '../db/migration-status';
import { INDEXER_STREAM } from '../indexer/indexer';
import { readIndexerStatus } from '../indexer/indexer-status';
import { HeliaStorage } from '../ipfs/helia-storage';
import { readAll, type IpfsStorage } from '../ipfs/storage';

export type ComponentHealth = { ok: boolean; ms: number; detail: string; data?: Record<string, unknown> };

export type HealthReport = {
  ok: boolean;
  checkedAt: string;
  components: {
    chain: ComponentHealth;
    contracts: ComponentHealth;
    database: ComponentHealth;
    ipfs: ComponentHealth;
    indexer: ComponentHealth;
  };
};

export type HealthInputs = {
  rpcUrl: string;
  /** Contract name -> recorded address, from the deployment file (empty when none was recorded). */
  contracts: Record<string, Address>;
  databaseUrl: string;
  storage: IpfsStorage;
  chainId: number;
  /** Blocks the index may trail the chain's head by and still be healthy (default 32). */
  maxLagBlocks?: number;
};

export const DEFAULT_MAX_LAG_BLOCKS = 32;

async function timed(check: () => Promise<Omit<ComponentHealth, 'ms'>>): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    const result = await check();
    return { ...result, ms: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return {
      ok: false,
      ms: Math.round((performance.now() - started) * 10) / 10,
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Live state of each component, each checked for real (RPC calls, SQL, an IPFS add and read-back). */
export async function checkHealth(inputs: HealthInputs): Promise<HealthReport> {
  const client = createPublicClient({ transport: http(inputs.rpcUrl, { timeout: 5_000, retryCount: 0 }) });
  const maxLag = inputs.maxLagBlocks ?? DEFAULT_MAX_LAG_BLOCKS;
  const [chain, contracts, database, ipfs, indexer] = await Promise.all([
    timed(async () => {
      const [chainId, blockNumber] = await Promise.all([client.getChainId(), client.getBlockNumber()]);
      return {
        ok: true,
        detail: `chain ${chainId} at block ${blockNumber}`,
        data: { chainId, blockNumber: Number(blockNumber) },
      };
    }),
    timed(async () => {
      const entries = Object.entries(inputs.contracts);
      if (entries.length === 0) return { ok: false, detail: 'no deployment recorded for this chain' };
      const codes = await Promise.all(
        entries.map(async ([name, address]) => ({
          name,
          address,
          bytes: ((await client.getCode({ address })) ?? '0x').length / 2 - 1,
        })),
      );
      const missing = codes.filter((c) => c.bytes <= 0).map((c) => c.name);
      return {
        ok: missing.length === 0,
        detail: missing.length === 0 ? `code present at ${codes.length} addresses` : `no code at ${missing.join(', ')}`,
        data: Object.fromEntries(codes.map((c) => [c.name, { address: c.address, codeBytes: c.bytes }])),
      };
    }),
    timed(async () => {
      const sql = new pg.Client({ connectionString: inputs.databaseUrl, connectionTimeoutMillis: 5_000 });
      await sql.connect();
      let version: string;
      try {
        version =
          (await sql.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? 'unknown';
      } finally {
        await sql.end();
      }
      const status = await migrationStatus(inputs.databaseUrl);
      const ok = status.pending.length === 0 && status.unknown.length === 0;
      return {
        ok,
        detail: ok
          ? `PostgreSQL ${version}, ${status.applied.length} migrations applied`
          : `PostgreSQL ${version}, pending: ${status.pending.join(', ') || 'none'}, unknown: ${status.unknown.join(', ') || 'none'}`,
        data: { version, applied: status.applied.length, pending: status.pending, unknown: status.unknown },
      };
    }),
    timed(async () => {
      // Fixed content: the round trip is real (import, store, read back) without growing the repository per call.
      const probe = new TextEncoder().encode('motif health probe v1');
      const cid: CID = await inputs.storage.addBytes(probe);
      const back = await readAll(inputs.storage.cat(cid));
      const same = back.length === probe.length && back.every((b, i) => b === probe[i]);
      // Damaged packs moved aside at a start: the repository works, but their blocks are lost until restored.
      const quarantined = inputs.storage instanceof HeliaStorage ? inputs.storage.quarantined() : [];
      const lost = quarantined.map(
        (q) =>
          `${q.pack} (${q.blocks === null ? 'blocks unknown' : `${q.blocks} block${q.blocks === 1 ? '' : 's'}`}; ${q.reason})`,
      );
      // Blocks the gateway (or any reader) found not to match their CID, re-read now: still damaged, still red.
      const corrupt = await inputs.storage.integrityFailures();
      const detail = !same
        ? 'read-back differs from what was added'
        : corrupt.length > 0
          ? `${inputs.storage.backend}: ${corrupt.length} stored block${corrupt.length === 1 ? ' does' : 's do'} not match ${corrupt.length === 1 ? 'its CID' : 'their CIDs'} and ${corrupt.length === 1 ? 'is' : 'are'} not served: ${corrupt.map((c) => `${c.cid} (${c.reason})`).join(', ')} (restore the repository from a backup or pin the content again)`
          : quarantined.length > 0
            ? `${inputs.storage.backend}: added and read back ${probe.length} bytes, but ${quarantined.length} damaged pack${quarantined.length === 1 ? ' was' : 's were'} quarantined and ${quarantined.length === 1 ? 'its' : 'their'} blocks are lost: ${lost.join(', ')}; moved to ${path.dirname(quarantined[0]!.movedTo)} (restore from a backup or pin the content again, then move the quarantined files away)`
            : `${inputs.storage.backend}: added and read back ${probe.length} bytes`;
      return {
        ok: same && quarantined.length === 0 && corrupt.length === 0,
        detail,
        data: { backend: inputs.storage.backend, cid: cid.toString(), quarantined, corruptBlocks: corrupt },
      };
    }),
    timed(async () => {
      // The state comes from the session holding the indexer's lock, so it is right on any replica and never stale.
      const sql = new pg.Client({ connectionString: inputs.databaseUrl, connectionTimeoutMillis: 5_000 });
      await sql.connect();
      let status;
      try {
        status = await readIndexerStatus(sql, inputs.chainId, INDEXER_STREAM);
      } finally {
        await sql.end();
      }
      const head = await client.getBlockNumber({ cacheTime: 0 });
      const lag =
        status.cursorBlock === null ? null : Number(head > status.cursorBlock ? head - status.cursorBlock : 0n);
      const data = {
        state: status.state,
        since: status.since?.toISOString() ?? null,
        indexedBlock: status.cursorBlock === null ? null : Number(status.cursorBlock),
        headBlock: Number(head),
        lagBlocks: lag,
        maxLagBlocks: maxLag,
      };
      if (status.state === 'stopped') return { ok: false, detail: 'stopped: no indexer holds the lock', data };
      if (lag === null) return { ok: false, detail: `${status.state}, nothing indexed yet`, data };
      const ok = lag <= maxLag;
      return {
        ok,
        detail: `${status.state}, ${lag} block${lag === 1 ? '' : 's'} behind the head${ok ? '' : ` (more than ${maxLag})`}`,
        data,
      };
    }),
  ]);
  return {
    ok: chain.ok && contracts.ok && database.ok && ipfs.ok && indexer.ok,
    checkedAt: new Date().toISOString(),
    components: { chain, contracts, database, ipfs, indexer },
  };
}
