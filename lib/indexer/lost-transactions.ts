/**
 * Transactions the chain lost after the index had seen them (a reorg, or `kill -9` of the local chain, which saves
 * its state once a second): recorded when the indexer rolls back, so the app can tell the people they named which
 * of their actions to redo (issue #19). The indexer finds them (lib/indexer/indexer.ts `lostAbove`).
 */
import type { Hex } from 'viem';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';

export type LostTransaction = {
  txHash: Hex;
  blockNumber: bigint;
  events: { contract: string; name: string; tokenId: string | null }[];
  /** Every address the transaction's events named, lower-case. */
  accounts: string[];
};

type LostDb = Pick<PrismaClient, 'lostTransaction'>;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** The addresses among decoded event arguments (ChainEvent.args), lower-case, without duplicates. */
export function accountsIn(args: readonly unknown[]): string[] {
  const found = new Set<string>();
  for (const a of args) {
    if (a === null || typeof a !== 'object' || Array.isArray(a)) continue;
    for (const value of Object.values(a))
      if (typeof value === 'string' && ADDRESS.test(value)) found.add(value.toLowerCase());
  }
  return [...found];
}

/** Records lost transactions (in the rollback's database transaction); one already recorded is kept as it was. */
export async function recordLostTransactions(
  db: LostDb,
  chainId: number,
  lost: readonly LostTransaction[],
): Promise<void> {
  if (lost.length === 0) return;
  await db.lostTransaction.createMany({
    data: lost.map((t) => ({
      chainId,
      txHash: t.txHash,
      blockNumber: t.blockNumber,
      events: t.events,
      accounts: t.accounts,
    })),
    skipDuplicates: true,
  });
}

export type LostTransactionView = {
  txHash: string;
  blockNumber: bigint;
  events: LostTransaction['events'];
  accounts: string[];
  detectedAt: Date;
};

const storedEvents = z.array(z.object({ contract: z.string(), name: z.string(), tokenId: z.string().nullable() }));

/** The most recently detected lost transactions of a chain, newest first. */
export async function recentLostTransactions(db: LostDb, chainId: number, take = 20): Promise<LostTransactionView[]> {
  const rows = await db.lostTransaction.findMany({
    where: { chainId },
    orderBy: [{ detectedAt: 'desc' }, { blockNumber: 'desc' }],
    take,
  });
  return rows.map((r) => ({
    txHash: r.txHash,
    blockNumber: r.blockNumber,
    events: storedEvents.catch([]).parse(r.events),
    accounts: r.accounts,
    detectedAt: r.detectedAt,
  }));
}
