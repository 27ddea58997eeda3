import { mkdtemp, readdir, rm, truncate } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HeliaStorage } from '../ipfs/helia-storage';
import type { QuarantinedPack } from '../ipfs/pack-blockstore';
import { readAll } from '../ipfs/storage';
import { createPublicClient, createTestClient, http } from 'viem';
import { createPrismaClient } from '../db/client';
import { acquireIndexerLock, INDEXER_STREAM } from '../indexer/indexer';
import { checkHealth } from './health';

let dir: string;
let storage: HeliaStorage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(inject('servicesDir'), 'health-'));
  storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
});
afterAll(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

describe('checkHealth', () => {
  it('reports each live component; contracts fail when an address has no code', async () => {
    const report = await checkHealth({
      rpcUrl: inject('rpcUrl'),
      databaseUrl: inject('databaseUrl'),
      storage,
      contracts: { Nothing: '0x000000000000000000000000000000000000dEaD' },
      chainId: 31337,
    });
    expect(report.components.chain).toMatchObject({ ok: true, data: { chainId: 31337 } });
    expect(report.components.database.ok).toBe(true);
    expect(report.components.database.detail).toMatch(/^PostgreSQL 18\.\d+, \d+ migrations applied$/);
    expect(report.components.ipfs).toMatchObject({ ok: true, data: { backend: 'helia' } });
    expect(report.components.contracts).toMatchObject({ ok: false, detail: 'no code at Nothing' });
    expect(report.ok).toBe(false);
  });

  it('reports an unreachable chain and database as failing with the reason', async () => {
    const report = await checkHealth({
      rpcUrl: 'http://127.0.0.1:1',
      databaseUrl: 'postgresql://postgres:postgres@127.0.0.1:1/motif',
      storage,
      contracts: {},
      chainId: 31337,
    });
    expect(report.components.chain.ok).toBe(false);
    expect(report.components.database.ok).toBe(false);
    expect(report.components.contracts).toMatchObject({ ok: false, detail: 'no deployment recorded for this chain' });
    expect(report.components.ipfs.ok).toBe(true);
    expect(report.components.indexer.ok).toBe(false);
  });

  it('reports the indexer stopped, running or retrying from its lock, and red when it trails the head too far', async () => {
    // A chain id of its own: the lock and cursor of other test files' indexers (chain 31337) are left alone.
    const chainId = 900_000 + process.pid;
    const prisma = createPrismaClient(inject('databaseUrl'));
    const indexer = async () =>
      (
        await checkHealth({
          rpcUrl: inject('rpcUrl'),
          databaseUrl: inject('databaseUrl'),
          storage,
          contracts: {},
          chainId,
          maxLagBlocks: 3,
        })
      ).components.indexer;
    const setCursor = (blockNumber: bigint) =>
      prisma.chainCursor.upsert({
        where: { chainId_stream: { chainId, stream: INDEXER_STREAM } },
        create: { chainId, stream: INDEXER_STREAM, blockNumber, blockHash: '0x00' },
        update: { blockNumber },
      });
    try {
      await createTestClient({ mode: 'anvil', transport: http(inject('rpcUrl')) }).mine({ blocks: 5 }); // a head above 4
      const head = await createPublicClient({ transport: http(inject('rpcUrl')) }).getBlockNumber({ cacheTime: 0 });
      await setCursor(head - 1n);
      expect(await indexer()).toMatchObject({
        ok: false,
        detail: 'stopped: no indexer holds the lock',
        data: { state: 'stopped' },
      });

      const lock = await acquireIndexerLock(inject('databaseUrl'), chainId);
      try {
        expect(await indexer()).toMatchObject({
          ok: true,
          data: { state: 'running', indexedBlock: Number(head - 1n), headBlock: Number(head) },
        });
        await lock.publish('retrying', new Date());
        expect(await indexer()).toMatchObject({ ok: true, data: { state: 'retrying' } });
        await setCursor(head - 4n);
        const behind = await indexer();
        expect(behind).toMatchObject({ ok: false, data: { lagBlocks: 4 } });
        expect(behind.detail).toMatch(/^retrying, 4 blocks behind the head \(more than 3\)$/);
      } finally {
        await lock.release();
      }
      expect((await indexer()).data).toMatchObject({ state: 'stopped' });
    } finally {
      await prisma.chainCursor.deleteMany({ where: { chainId } });
      await prisma.$disconnect();
    }
  });

  it('a truncated IPFS pack no longer stops the repository from opening: it is quarantined and health says what was lost', async () => {
    const repo = path.join(dir, 'damaged-ipfs');
    const first = await HeliaStorage.open(repo);
    const kept = new TextEncoder().encode('content that survives');
    const keptCid = await first.addBytes(kept);
    const lostCid = await first.addBytes(new TextEncoder().encode('content in the pack that will be cut short'));
    await first.close();
    const packs = path.join(repo, 'packs');
    const newest = (await readdir(packs))
      .filter((n) => n.endsWith('.pack'))
      .sort()
      .at(-1)!;
    await truncate(path.join(packs, newest), 10);

    const seen: QuarantinedPack[] = [];
    const reopened = await HeliaStorage.open(repo, { onQuarantine: (q) => seen.push(q) });
    try {
      expect(seen).toMatchObject([{ pack: newest, blocks: null, reason: 'shorter than its trailer' }]);
      expect(await readAll(reopened.cat(keptCid))).toEqual(kept);
      expect(await reopened.isPinned(lostCid)).toBe(true); // the pin record survives; its blocks do not
      const report = await checkHealth({
        rpcUrl: inject('rpcUrl'),
        databaseUrl: inject('databaseUrl'),
        storage: reopened,
        contracts: {},
        chainId: 31337,
      });
      expect(report.components.ipfs.ok).toBe(false);
      expect(report.components.ipfs.detail).toContain(
        `1 damaged pack was quarantined and its blocks are lost: ${newest} (blocks unknown; shorter than its trailer)`,
      );
      expect(report.components.ipfs.data?.quarantined).toEqual(seen);
    } finally {
      await reopened.close();
    }
  });
});
