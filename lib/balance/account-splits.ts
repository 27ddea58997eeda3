import 'server-only';
import { getAddress, type Address } from 'viem';
import type { PrismaClient } from '../db/client';
import { motifEventOf } from '../indexer/decode-logs';

const ZERO: Address = '0x0000000000000000000000000000000000000000';

/** A split as the indexer last saw it: its exact recipient lists (what `distributeETH` must be passed). */
export type SplitRecipients = { split: Address; accounts: Address[]; shares: number[] };

/** The splits `account` is a recipient of now, and every ERC-20 token any of them has ever distributed. */
export type AccountSplits = { splits: SplitRecipients[]; tokens: Address[] };

type EventRow = { contract: string; name: string; args: unknown };

/** Folds SplitMain's events (in chain order) into the splits whose current recipients include `account`. */
export function foldAccountSplits(rows: readonly EventRow[], account: Address): AccountSplits {
  const current = new Map<Address, SplitRecipients>();
  const tokensBySplit = new Map<Address, Set<Address>>();
  for (const row of rows) {
    const e = motifEventOf(row);
    if (!e || e.contract !== 'SplitMain') continue;
    if (e.name === 'SplitCreated' || e.name === 'SplitUpdated') {
      const split = getAddress(e.args.split);
      current.set(split, {
        split,
        accounts: e.args.accounts.map((a) => getAddress(a)),
        shares: e.args.shares.map((s) => Number(s)),
      });
    } else if (e.name === 'Distributed' && getAddress(e.args.token) !== ZERO) {
      const split = getAddress(e.args.split);
      const set = tokensBySplit.get(split) ?? new Set<Address>();
      set.add(getAddress(e.args.token));
      tokensBySplit.set(split, set);
    }
  }
  const me = getAddress(account);
  const splits = [...current.values()].filter((s) => s.accounts.includes(me));
  const tokens = new Set<Address>();
  for (const s of splits) for (const t of tokensBySplit.get(s.split) ?? []) tokens.add(t);
  return { splits, tokens: [...tokens] };
}

/** The splits `account` receives from, read from the indexed SplitMain events. */
export async function readAccountSplits(
  prisma: Pick<PrismaClient, 'chainEvent'>,
  chainId: number,
  account: Address,
): Promise<AccountSplits> {
  const rows = await prisma.chainEvent.findMany({
    where: { chainId, contract: 'SplitMain', name: { in: ['SplitCreated', 'SplitUpdated', 'Distributed'] } },
    orderBy: [{ blockNumber: 'asc' }, { logIndex: 'asc' }],
    select: { contract: true, name: true, args: true },
  });
  return foldAccountSplits(rows, account);
}
