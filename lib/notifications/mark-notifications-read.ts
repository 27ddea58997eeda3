import 'server-only';
import { getAddress, type Address } from 'viem';
import type { PrismaClient } from '../db/client';
import type { ReadMark } from './read-notifications';

/**
 * Marks the account's notifications read up to `upTo` (the newest one it has seen): later ones stay unread. The mark
 * never moves back, so a stale tab cannot make read notifications unread again.
 */
export async function markNotificationsRead(
  prisma: Pick<PrismaClient, 'notificationRead' | '$transaction'>,
  chainId: number,
  account: Address,
  upTo: ReadMark,
): Promise<ReadMark> {
  const me = getAddress(account);
  const key = { chainId_account: { chainId, account: me } };
  return prisma.$transaction(async (tx) => {
    const current = await tx.notificationRead.findUnique({ where: key });
    if (
      current &&
      (current.blockNumber > upTo.blockNumber ||
        (current.blockNumber === upTo.blockNumber && current.logIndex >= upTo.logIndex))
    )
      return { blockNumber: current.blockNumber, logIndex: current.logIndex };
    const row = await tx.notificationRead.upsert({
      where: key,
      create: { chainId, account: me, ...upTo },
      update: upTo,
    });
    return { blockNumber: row.blockNumber, logIndex: row.logIndex };
  });
}
