import pg from 'pg';
import {
  BlockNotFoundError,
  isHash,
  TransactionReceiptNotFoundError,
  type Address,
  type Hex,
  type Log,
  type PublicClient,
} from 'viem';
import type { MotifContractAddresses } from '../chain/contracts';
import type { PrismaClient } from '../db/client';
import { Prisma } from '../db/generated/client';
import { accountsIn, recordLostTransactions, type LostTransaction } from './lost-transactions';
import { Backoff, sleep } from './backoff';
import { decodeMotifLogs, motifEventOf, type DecodedEvent } from './decode-logs';
import { rollbackEditions, writeEditionRows } from './editions';
import { indexerLockKey, statusName, type IndexerState } from './indexer-status';
import { compareChainOrder, foldTokenEvents, type ListingState, type TrackState } from './token-state';
import { BaseError } from '../errors/base';

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

/**
 * A transaction the index had seen that the chain no longer has, not even in another block: after a reorg, or after
 * a local chain lost its last seconds (anvil saves its state once a second; `kill -9` loses what came after).
 */
export type { LostTransaction };

export type SyncResult = {
  fromBlock: bigint;
  toBlock: bigint;
  events: number;
  rolledBackTo: bigint | null;
  lost: LostTransaction[];
  caughtUp: boolean;
};
export type SyncToHeadResult = { toBlock: bigint; events: number; batches: number };

export class ReorgTooDeepError extends BaseError {
  override name = 'ReorgTooDeepError';
  constructor(readonly oldestKnown: bigint) {
    super(
      `The chain reorganised below block ${oldestKnown}, the oldest block the indexer keeps; re-index from the start.`,
    );
  }
}

export class IndexerBusyError extends BaseError {
  override name = 'IndexerBusyError';
  constructor() {
    super('Another indexer is already writing to this database (advisory lock held).');
  }
}

export class IndexerLockLostError extends BaseError {
  override name = 'IndexerLockLostError';
  constructor() {
    super(
      'The database session holding the indexer lock ended; the lock is taken again before any write, so two writers never run at once.',
    );
  }
}

export class IndexerBehindError extends BaseError {
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
  const rows = await tx.chainEvent.findMany({
    where: { chainId, tokenId: { in: ids } },
    select: { tokenId: true, contract: true, name: true, args: true, blockNumber: true, txHash: true, logIndex: true },
  });
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
    // Rows read back through the ABIs: a row that no longer matches them (an older contract's event) is not folded.
    const events = (byToken.get(tokenId) ?? []).sort(compareChainOrder).flatMap((r) => {
      const event = motifEventOf(r);
      return event ? [{ ...event, blockNumber: r.blockNumber, txHash: r.txHash, logIndex: r.logIndex }] : [];
    });
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

/** The Sale row of a native `Sale` or an ERC-20 `SaleInCurrency` (amounts in the currency's units, `currency` set). */
function saleRow(chainId: number, e: DecodedEvent): Prisma.SaleCreateManyInput | null {
  if (e.contract !== 'Market' || e.tokenId === null) return null;
  if (e.name !== 'Sale' && e.name !== 'SaleInCurrency') return null;
  const a = e.args;
  return {
    chainId,
    txHash: e.txHash,
    logIndex: e.logIndex,
    tokenId: e.tokenId.toString(),
    buyer: a.buyer,
    seller: a.seller,
    priceWei: a.price,
    royaltyReceiver: a.royaltyReceiver,
    royaltyWei: a.royalty,
    feeWei: a.fee,
    blockNumber: e.blockNumber,
    currency: e.name === 'SaleInCurrency' ? e.args.currency : null,
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
    // Only "no such block" means the chain moved; a transport error (RPC down, timeout) must never read as a reorg.
    const onChain = await client.getBlock({ blockNumber: block.number }).catch((error: unknown) => {
      if (error instanceof BlockNotFoundError) return null;
      throw error;
    });
    if (onChain && onChain.hash === block.hash) return divergedAbove === null ? null : block.number;
    divergedAbove = block.number;
  }
  if (divergedAbove === null) return null;
  const oldest = recorded.at(-1)?.number ?? cursorBlock;
  // Every recorded block is gone (a local chain restarted from a state saved before the first indexed event). When
  // no event was indexed below the oldest recorded block, nothing below it needs undoing: start again before the
  // first block the indexer reads, which re-reads everything from the chain as it now is.
  const olderEvents = await prisma.chainEvent.count({ where: { chainId, blockNumber: { lt: oldest } } });
  if (olderEvents === 0 && params.startBlock > 0n && params.startBlock - 1n < oldest) return params.startBlock - 1n;
  throw new ReorgTooDeepError(oldest);
}

/** The recorded transactions above `ancestor` that the chain has in no block at all (asked before their rows go). */
async function lostAbove(params: IndexerParameters, ancestor: bigint): Promise<LostTransaction[]> {
  const rows = await params.prisma.chainEvent.findMany({
    where: { chainId: params.chainId, blockNumber: { gt: ancestor } },
    select: { txHash: true, blockNumber: true, contract: true, name: true, tokenId: true, args: true },
    orderBy: [{ blockNumber: 'asc' }, { logIndex: 'asc' }],
  });
  const byTx = new Map<string, LostTransaction & { args: unknown[] }>();
  for (const row of rows) {
    if (!isHash(row.txHash)) throw new Error(`ChainEvent row with a malformed transaction hash: ${row.txHash}`);
    const tx = byTx.get(row.txHash) ?? {
      txHash: row.txHash,
      blockNumber: row.blockNumber,
      events: [],
      accounts: [],
      args: [],
    };
    tx.events.push({ contract: row.contract, name: row.name, tokenId: row.tokenId?.toFixed() ?? null });
    tx.args.push(row.args);
    byTx.set(row.txHash, tx);
  }
  const lost: LostTransaction[] = [];
  for (const tx of byTx.values()) {
    // A reorg may have moved the transaction into another block: only one with no receipt at all is lost.
    const receipt = await params.client.getTransactionReceipt({ hash: tx.txHash }).catch((error: unknown) => {
      if (error instanceof TransactionReceiptNotFoundError) return null;
      throw error;
    });
    if (receipt === null)
      lost.push({ txHash: tx.txHash, blockNumber: tx.blockNumber, events: tx.events, accounts: accountsIn(tx.args) });
  }
  return lost;
}

async function rollbackAbove(
  params: IndexerParameters,
  ancestor: bigint,
  lost: readonly LostTransaction[],
): Promise<void> {
  const { prisma, chainId } = params;
  const ancestorBlock = await params.client.getBlock({ blockNumber: ancestor });
  await prisma.$transaction(async (tx) => {
    const touched = await tx.chainEvent.findMany({
      where: { chainId, blockNumber: { gt: ancestor }, tokenId: { not: null } },
      select: { tokenId: true },
      distinct: ['tokenId'],
    });
    await recordLostTransactions(tx, chainId, lost); // before the events that describe them go
    await tx.chainEvent.deleteMany({ where: { chainId, blockNumber: { gt: ancestor } } });
    await tx.sale.deleteMany({ where: { chainId, blockNumber: { gt: ancestor } } });
    await rollbackEditions(tx, chainId, ancestor);
    await tx.indexedBlock.deleteMany({ where: { chainId, number: { gt: ancestor } } });
    await recomputeTokens(
      tx,
      chainId,
      touched.flatMap((t) => (t.tokenId === null ? [] : [t.tokenId.toFixed()])),
    );
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
  let lost: LostTransaction[] = [];
  const cursor = await cursorOf(prisma, chainId);
  if (cursor) {
    const ancestor = await findForkPoint(params, cursor.blockNumber);
    if (ancestor !== null) {
      lost = await lostAbove(params, ancestor);
      await rollbackAbove(params, ancestor, lost);
      rolledBackTo = ancestor;
    }
  }
  const after = await cursorOf(prisma, chainId);
  const fromBlock = after ? after.blockNumber + 1n : params.startBlock;
  const head = await client.getBlockNumber({ cacheTime: 0 }); // viem caches the head for its polling interval otherwise
  if (fromBlock > head) return { fromBlock, toBlock: head, events: 0, rolledBackTo, lost, caughtUp: true };
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
            args: e.args,
            tokenId: e.tokenId?.toString() ?? null,
          })),
          skipDuplicates: true,
        });
        const sales = events.map((e) => saleRow(chainId, e)).filter((s): s is Prisma.SaleCreateManyInput => s !== null);
        if (sales.length > 0) await tx.sale.createMany({ data: sales, skipDuplicates: true });
        await recomputeTokens(
          tx,
          chainId,
          events.flatMap((e) => (e.tokenId === null ? [] : [e.tokenId])),
        );
        await writeEditionRows(tx, chainId, events);
      }
      for (const [number, b] of blocks) {
        await tx.indexedBlock.upsert({
          where: { chainId_number: { chainId, number } },
          create: { chainId, number, ...b },
          update: b,
        });
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
  return { fromBlock, toBlock, events: events.length, rolledBackTo, lost, caughtUp: toBlock === head };
}

/**
 * Reads logs for [fromBlock, toBlock], halving the range while the answer is too large (viem's response limit, or a
 * provider's cap on results per query), down to a single block. Returns the range actually read.
 */
async function getLogsShrinking(
  client: PublicClient,
  address: Address[],
  fromBlock: bigint,
  toBlock: bigint,
): Promise<{ logs: Log[]; toBlock: bigint }> {
  let to = toBlock;
  for (;;) {
    try {
      return { logs: await client.getLogs({ address, fromBlock, toBlock: to }), toBlock: to };
    } catch (error) {
      const tooLarge =
        error instanceof Error &&
        /too large|exceeded the size limit|more than \d+ results|limit exceeded|range is too large/i.test(
          `${error.name} ${error.message}`,
        );
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

/** The single-writer lock, held for the life of this handle, and where the holder publishes its state. */
export type IndexerLock = {
  release(): Promise<void>;
  lost(): boolean;
  /** Names the lock's session after `state` (see indexer-status.ts); a failure means the session is gone. */
  publish(state: IndexerState, since: Date): Promise<void>;
};

/** Holds the single-writer lock for the life of the returned handle (a PostgreSQL session advisory lock). */
export async function acquireIndexerLock(databaseUrl: string, chainId: number): Promise<IndexerLock> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: statusName('running', new Date()) });
  let lost = false;
  client.on('error', () => {
    lost = true; // the session holding the lock is gone (server stopped): the lock is released with it
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
      indexerLockKey(chainId),
    ]);
    if (!rows[0]?.locked) throw new IndexerBusyError();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    release: () => (lost ? Promise.resolve() : client.end()),
    lost: () => lost,
    publish: async (state, since) => {
      await client.query(`SELECT set_config('application_name', $1, false)`, [statusName(state, since)]);
    },
  };
}

/** What the indexer loop is doing, for logs and health: each change of state is reported once. */
export type IndexerStateChange = {
  state: IndexerState;
  since: Date;
  error?: unknown;
  retryInMs?: number;
  attempt?: number;
};

export type RunIndexerParameters = IndexerParameters & {
  databaseUrl: string;
  pollMs?: number;
  /** Ceiling of the retry back-off (default 30 s); the first retry waits `pollMs`. */
  maxRetryMs?: number;
  signal: AbortSignal;
  onSync?: (result: SyncResult) => void;
  /** Every failed attempt, with the wait before the next. */
  onError?: (error: unknown, retryInMs: number) => void;
  /** Each change between running and retrying. */
  onState?: (change: IndexerStateChange) => void;
  /** Work to do whenever the index is caught up (e.g. resolving track metadata), before waiting for new blocks. */
  whenCaughtUp?: () => Promise<void>;
};

/**
 * Backfills, then follows the chain until `signal` aborts; one writer per database and chain. Never stops on a
 * transport error: an RPC or PostgreSQL outage is retried with exponential back-off and the loop resumes from the
 * cursor; a lost lock session (PostgreSQL restarted) is taken again. It ends only when aborted, when another
 * indexer holds the lock (IndexerBusyError) or on a reorg deeper than it keeps (ReorgTooDeepError).
 */
export async function runIndexer(params: RunIndexerParameters): Promise<void> {
  const pollMs = params.pollMs ?? 1_000;
  const backoff = new Backoff({ initialMs: pollMs, maxMs: Math.max(pollMs, params.maxRetryMs ?? 30_000) });
  let state: IndexerState | null = null;
  let since = new Date();
  let lock: IndexerLock | null = null;
  const enter = async (next: IndexerState, detail: Omit<IndexerStateChange, 'state' | 'since'> = {}) => {
    if (next !== state) {
      state = next;
      since = new Date();
      params.onState?.({ state, since, ...detail });
    }
    // Best effort: a failed publish means the lock session is gone, which the loop finds out on its own.
    await lock?.publish(state, since).catch(() => undefined);
  };
  const retry = async (error: unknown) => {
    const retryInMs = backoff.next();
    params.onError?.(error, retryInMs);
    await enter('retrying', { error, retryInMs, attempt: backoff.attempts });
    await sleep(retryInMs, params.signal);
  };

  try {
    while (!params.signal.aborted) {
      if (lock === null || lock.lost()) {
        if (lock !== null) {
          await lock.release();
          lock = null;
          await retry(new IndexerLockLostError());
          continue;
        }
        try {
          lock = await acquireIndexerLock(params.databaseUrl, params.chainId);
          await enter(state ?? 'running');
        } catch (error) {
          // Another writer holds the lock: not ours to wait for here (the caller decides).
          if (error instanceof IndexerBusyError) throw error;
          await retry(error);
          continue;
        }
      }
      try {
        const result = await syncOnce(params);
        backoff.reset();
        await enter('running');
        params.onSync?.(result);
        if (result.caughtUp) {
          await params.whenCaughtUp?.();
          await sleep(pollMs, params.signal);
        }
      } catch (error) {
        if (error instanceof ReorgTooDeepError) throw error;
        await retry(error);
      }
    }
  } finally {
    await lock?.release().catch(() => undefined);
  }
}
