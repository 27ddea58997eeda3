import pg from 'pg';
import type { Address, Hex, Log, PublicClient } from 'viem';
import type { MotifContractAddresses } from '../chain/contracts';
import type { PrismaClient } from '../db/client';
import { Prisma } from '../db/generated/client';
import { decodeMotifLogs, type DecodedEvent, type JsonValue } from './decode-logs';
import { compareChainOrder, foldTokenEvents, type ListingState, type TrackState } from './token-state';

export const INDEXER_STREAM = 'motif';

export type IndexerParameters = {
  prisma: PrismaClient;
  client: PublicClient;
  chainId: number;
  addresses: MotifContractAddresses;
  /** First block to read when there is no cursor (the deployment's block). */
  startBlock: bigint;
  /** Blocks kept for reorg detection; a reorg deeper than this stops the indexer with ReorgTooDeepError. */
  confirmations?: number;
  /** Blocks per getLogs request. */
  batchSize?: number;
};

export type SyncResult = { fromBlock: bigint; toBlock: bigint; events: number; rolledBackTo: bigint | null; caughtUp: boolean };
export type SyncToHeadResult = { toBlock: bigint; events: number; batches: number };

export class ReorgTooDeepError extends Error {
  override name = 'ReorgTooDeepError';
  constructor(readonly oldestKnown: bigint) {
    super(`The chain reorganised below block ${oldestKnown}, the oldest block the indexer keeps; re-index from the start.`);
  }
}

export class IndexerBusyError extends Error {
  override name = 'IndexerBusyError';
  constructor() {
    super('Another indexer is already writing to this database (advisory lock held).');
  }
}

export class IndexerLockLostError extends Error {
  override name = 'IndexerLockLostError';
  constructor() {
    super('The database session holding the indexer lock ended; stopping so two writers never run at once.');
  }
}

export class IndexerBehindError extends Error {
  override name = 'IndexerBehindError';
  constructor(readonly batches: number) {
    super(`The indexer had not reached the chain's head after ${batches} batches.`);
  }
}

type Tx = Prisma.TransactionClient;

async function cursorOf(db: Tx | PrismaClient, chainId: number) {
  return db.chainCursor.findUnique({ where: { chainId_stream: { chainId, stream: INDEXER_STREAM } } });
}

/** Recomputes the Track and Listing rows of `tokenIds` from their stored events. */
async function recomputeTokens(tx: Tx, chainId: number, tokenIds: Iterable<bigint | string>): Promise<void> {
  // uint256 token ids travel as decimal strings (Decimal(78,0) columns).
  const ids = [...new Set([...tokenIds].map(String))];
  if (ids.length === 0) return;
  const rows = await tx.chainEvent.findMany({ where: { chainId, tokenId: { in: ids } }, select: { tokenId: true, contract: true, name: true, args: true, blockNumber: true, txHash: true, logIndex: true } });
  const byToken = new Map<string, typeof rows>();
  for (const row of rows) {
    if (row.tokenId === null) continue;
    const key = row.tokenId.toFixed();
    const list = byToken.get(key) ?? [];
    list.push(row);
    byToken.set(key, list);
  }
  const tracks: (TrackState & { tokenId: string })[] = [];
  const listings: (ListingState & { tokenId: string })[] = [];
  const withoutTrack: string[] = [];
  for (const tokenId of ids) {
    const events = (byToken.get(tokenId) ?? []).sort(compareChainOrder).map((r) => ({ ...r, args: r.args as Record<string, JsonValue> }));
    const { track, listing } = foldTokenEvents(events);
    if (track) tracks.push({ tokenId, ...track });
    else withoutTrack.push(tokenId);
    if (listing) listings.push({ tokenId, ...listing });
  }
  // A reorg that re-mints a token with other TrackMinted fields voids its authorship check: check it again.
  const mintChanged = Prisma.sql`("Track"."creator", "Track"."contentDigest", "Track"."manifestDigest") IS DISTINCT FROM (EXCLUDED."creator", EXCLUDED."contentDigest", EXCLUDED."manifestDigest")`;
  // Set-based writes: one statement per 1,000 tokens instead of one per token (catch-up speed).
  for (let i = 0; i < tracks.length; i += 1_000) {
    const chunk = tracks.slice(i, i + 1_000);
    const col = <K extends keyof (typeof chunk)[number]>(k: K) => chunk.map((t) => String(t[k]));
    await tx.$executeRaw`
      INSERT INTO "Track" ("chainId", "tokenId", "creator", "owner", "contentDigest", "manifestDigest", "licence", "royaltyReceiver", "royaltyBps", "mintedBlock", "mintedTx")
      SELECT ${chainId}, u.* FROM unnest(${col('tokenId')}::numeric[], ${col('creator')}::text[], ${col('owner')}::text[], ${col('contentDigest')}::text[],
        ${col('manifestDigest')}::text[], ${col('licence')}::int[], ${col('royaltyReceiver')}::text[], ${col('royaltyBps')}::int[], ${col('mintedBlock')}::bigint[], ${col('mintedTx')}::text[]) AS u
      ON CONFLICT ("chainId", "tokenId") DO UPDATE SET "creator" = EXCLUDED."creator", "owner" = EXCLUDED."owner",
        "contentDigest" = EXCLUDED."contentDigest", "manifestDigest" = EXCLUDED."manifestDigest", "licence" = EXCLUDED."licence",
        "royaltyReceiver" = EXCLUDED."royaltyReceiver", "royaltyBps" = EXCLUDED."royaltyBps", "mintedBlock" = EXCLUDED."mintedBlock", "mintedTx" = EXCLUDED."mintedTx",
        "authorship" = CASE WHEN ${mintChanged} THEN 'pending'::"TrackAuthorship" ELSE "Track"."authorship" END,
        "authorshipReason" = CASE WHEN ${mintChanged} THEN NULL ELSE "Track"."authorshipReason" END`;
  }
  if (withoutTrack.length > 0) await tx.track.deleteMany({ where: { chainId, tokenId: { in: withoutTrack } } });
  await tx.listing.deleteMany({ where: { chainId, tokenId: { in: ids } } });
  if (listings.length > 0) await tx.listing.createMany({ data: listings.map((l) => ({ chainId, ...l })) });
}

function saleRow(chainId: number, e: DecodedEvent): Prisma.SaleCreateManyInput | null {
  if (e.contract !== 'Market' || e.name !== 'Sale' || e.tokenId === null) return null;
  const a = e.args;
  return {
    chainId,
    txHash: e.txHash,
    logIndex: e.logIndex,
    tokenId: e.tokenId.toString(),
    buyer: String(a.buyer),
    seller: String(a.seller),
    priceWei: String(a.price),
    royaltyReceiver: String(a.royaltyReceiver),
    royaltyWei: String(a.royalty),
    feeWei: String(a.fee),
    blockNumber: e.blockNumber,
  };
}

/**
 * Finds where the chain and the recorded blocks part, comparing every recorded block above the confirmation
 * window's floor with the chain's hash at that height. Returns the highest block still on the chain, or null if
 * nothing diverged.
 */
async function findForkPoint(params: IndexerParameters, cursorBlock: bigint): Promise<bigint | null> {
  const { prisma, client, chainId } = params;
  const recorded = await prisma.indexedBlock.findMany({ where: { chainId }, orderBy: { number: 'desc' } });
  let divergedAbove: bigint | null = null;
  for (const block of recorded) {
    const onChain = await client.getBlock({ blockNumber: block.number }).catch(() => null);
    if (onChain && onChain.hash === block.hash) return divergedAbove === null ? null : block.number;
    divergedAbove = block.number;
  }
  if (divergedAbove === null) return null;
  const oldest = recorded.at(-1)?.number ?? cursorBlock;
  throw new ReorgTooDeepError(oldest);
}

async function rollbackAbove(params: IndexerParameters, ancestor: bigint): Promise<void> {
  const { prisma, chainId } = params;
  const ancestorBlock = await params.client.getBlock({ blockNumber: ancestor });
  await prisma.$transaction(async (tx) => {
    const touched = await tx.chainEvent.findMany({ where: { chainId, blockNumber: { gt: ancestor }, tokenId: { not: null } }, select: { tokenId: true }, distinct: ['tokenId'] });
    await tx.chainEvent.deleteMany({ where: { chainId, blockNumber: { gt: ancestor } } });
    await tx.sale.deleteMany({ where: { chainId, blockNumber: { gt: ancestor } } });
    await tx.indexedBlock.deleteMany({ where: { chainId, number: { gt: ancestor } } });
    await recomputeTokens(tx, chainId, touched.flatMap((t) => (t.tokenId === null ? [] : [t.tokenId.toFixed()])));
    await tx.chainCursor.update({
      where: { chainId_stream: { chainId, stream: INDEXER_STREAM } },
      data: { blockNumber: ancestor, blockHash: ancestorBlock.hash },
    });
  });
}

/**
 * One step: detect and undo a reorg, then read up to `batchSize` blocks of logs and write them, their projections
 * and the new cursor in one transaction. Safe to repeat and to interrupt: events are unique per (tx hash, log
 * index) and projections are recomputed from events, so a replayed range changes nothing.
 */
export async function syncOnce(params: IndexerParameters): Promise<SyncResult> {
  const { prisma, client, chainId, addresses } = params;
  const confirmations = params.confirmations ?? 64;
  const batchSize = BigInt(params.batchSize ?? 2_000);

  let rolledBackTo: bigint | null = null;
  const cursor = await cursorOf(prisma, chainId);
  if (cursor) {
    const ancestor = await findForkPoint(params, cursor.blockNumber);
    if (ancestor !== null) {
      await rollbackAbove(params, ancestor);
      rolledBackTo = ancestor;
    }
  }
  const after = await cursorOf(prisma, chainId);
  const fromBlock = after ? after.blockNumber + 1n : params.startBlock;
  const head = await client.getBlockNumber({ cacheTime: 0 }); // viem caches the head for its polling interval otherwise
  if (fromBlock > head) return { fromBlock, toBlock: head, events: 0, rolledBackTo, caughtUp: true };
  const wanted = fromBlock + batchSize - 1n < head ? fromBlock + batchSize - 1n : head;
  const { logs, toBlock } = await getLogsShrinking(client, Object.values(addresses), fromBlock, wanted);
  const events = decodeMotifLogs(logs, addresses);
  const last = await client.getBlock({ blockNumber: toBlock });
  // Blocks to remember for reorg detection: each block with events (hash as the logs saw it) and the batch's last.
  const blocks = new Map<bigint, { hash: Hex; parentHash: Hex }>();
  for (const e of events) blocks.set(e.blockNumber, { hash: e.blockHash, parentHash: '0x' });
  blocks.set(toBlock, { hash: last.hash, parentHash: last.parentHash });

  await prisma.$transaction(
    async (tx) => {
      if (events.length > 0) {
        await tx.chainEvent.createMany({
          data: events.map((e) => ({
            chainId,
            txHash: e.txHash,
            logIndex: e.logIndex,
            blockNumber: e.blockNumber,
            blockHash: e.blockHash,
            contract: e.contract,
            name: e.name,
            args: e.args as Prisma.InputJsonObject,
            tokenId: e.tokenId?.toString() ?? null,
          })),
          skipDuplicates: true,
        });
        const sales = events.map((e) => saleRow(chainId, e)).filter((s): s is Prisma.SaleCreateManyInput => s !== null);
        if (sales.length > 0) await tx.sale.createMany({ data: sales, skipDuplicates: true });
        await recomputeTokens(tx, chainId, events.flatMap((e) => (e.tokenId === null ? [] : [e.tokenId])));
      }
      for (const [number, b] of blocks) {
        await tx.indexedBlock.upsert({ where: { chainId_number: { chainId, number } }, create: { chainId, number, ...b }, update: b });
      }
      await tx.indexedBlock.deleteMany({ where: { chainId, number: { lt: toBlock - BigInt(confirmations) } } });
      await tx.chainCursor.upsert({
        where: { chainId_stream: { chainId, stream: INDEXER_STREAM } },
        create: { chainId, stream: INDEXER_STREAM, blockNumber: toBlock, blockHash: last.hash },
        update: { blockNumber: toBlock, blockHash: last.hash },
      });
    },
    { timeout: 60_000 },
  );
  return { fromBlock, toBlock, events: events.length, rolledBackTo, caughtUp: toBlock === head };
}

/**
 * Reads logs for [fromBlock, toBlock], halving the range while the answer is too large (viem's response limit, or a
 * provider's cap on results per query), down to a single block. Returns the range actually read.
 */
async function getLogsShrinking(client: PublicClient, address: Address[], fromBlock: bigint, toBlock: bigint): Promise<{ logs: Log[]; toBlock: bigint }> {
  let to = toBlock;
  for (;;) {
    try {
      return { logs: await client.getLogs({ address, fromBlock, toBlock: to }), toBlock: to };
    } catch (error) {
      const tooLarge = error instanceof Error && /too large|exceeded the size limit|more than \d+ results|limit exceeded|range is too large/i.test(`${error.name} ${error.message}`);
      if (!tooLarge || to === fromBlock) throw error;
      to = fromBlock + (to - fromBlock) / 2n;
    }
  }
}

/** Syncs batch after batch until the index reaches the chain's head (a backfill); at most `maxBatches` batches. */
export async function syncToHead(params: IndexerParameters, maxBatches = 1_000): Promise<SyncToHeadResult> {
  let events = 0;
  for (let batches = 1; batches <= maxBatches; batches++) {
    const result = await syncOnce(params);
    events += result.events;
    if (result.caughtUp) return { toBlock: result.toBlock, events, batches };
  }
  throw new IndexerBehindError(maxBatches);
}

/** Holds the single-writer lock for the life of the returned handle (a PostgreSQL session advisory lock). */
export async function acquireIndexerLock(databaseUrl: string, chainId: number): Promise<{ release(): Promise<void>; lost(): boolean }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  let lost = false;
  client.on('error', () => {
    lost = true; // the session holding the lock is gone (server stopped): the lock is released with it
  });
  await client.connect();
  const key = 0x6d6f7469 + chainId; // "moti" + chain id
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
  if (!rows[0]?.locked) {
    await client.end();
    throw new IndexerBusyError();
  }
  return { release: () => (lost ? Promise.resolve() : client.end()), lost: () => lost };
}

export type RunIndexerParameters = IndexerParameters & {
  databaseUrl: string;
  pollMs?: number;
  signal: AbortSignal;
  onSync?: (result: SyncResult) => void;
  onError?: (error: unknown) => void;
  /** Work to do whenever the index is caught up (e.g. resolving track metadata), before waiting for new blocks. */
  whenCaughtUp?: () => Promise<void>;
};

/** Backfills, then follows the chain until `signal` aborts; one writer per database and chain. */
export async function runIndexer(params: RunIndexerParameters): Promise<void> {
  const lock = await acquireIndexerLock(params.databaseUrl, params.chainId);
  try {
    while (!params.signal.aborted) {
      if (lock.lost()) throw new IndexerLockLostError();
      try {
        const result = await syncOnce(params);
        params.onSync?.(result);
        if (result.caughtUp) {
          await params.whenCaughtUp?.();
          await sleep(params.pollMs ?? 1_000, params.signal);
        }
      } catch (error) {
        if (error instanceof ReorgTooDeepError) throw error;
        params.onError?.(error);
        await sleep(Math.min(10_000, (params.pollMs ?? 1_000) * 5), params.signal);
      }
    }
  } finally {
    await lock.release();
  }
}

/** Waits `ms`, or less if `signal` aborts; removes its abort listener either way (the loop sleeps every poll). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
