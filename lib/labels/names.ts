import { getAddress, isAddress } from 'viem';
import type { PrismaClient } from '../db/client';

/** Profile display names of the given addresses (checksummed keys); addresses without a name are left out. */
export async function displayNames(
  prisma: Pick<PrismaClient, 'profile'>,
  addresses: Iterable<string>,
): Promise<Record<string, string>> {
  const wanted = [...new Set([...addresses].filter((a) => isAddress(a, { strict: false })).map((a) => getAddress(a)))];
  if (wanted.length === 0) return {};
  const rows = await prisma.profile.findMany({
    where: { address: { in: wanted }, displayName: { not: null } },
    select: { address: true, displayName: true },
  });
  return Object.fromEntries(rows.filter((r) => r.displayName).map((r) => [r.address, r.displayName!]));
}
