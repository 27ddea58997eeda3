import 'server-only';
import { getAddress, isAddress, type Address } from 'viem';
import type { PrismaClient } from '../db/client';

/**
 * The display names of many accounts in one query, for pages that show people (track page, activity, labels):
 * checksummed address -> name, for the accounts that set one. Anything that is not an address is ignored.
 */
export async function displayNamesOf(
  prisma: Pick<PrismaClient, 'profile'>,
  addresses: readonly string[],
): Promise<ReadonlyMap<Address, string>> {
  const wanted = [...new Set(addresses.filter((a) => isAddress(a, { strict: false })).map((a) => getAddress(a)))];
  if (wanted.length === 0) return new Map();
  const rows = await prisma.profile.findMany({
    where: { address: { in: wanted }, displayName: { not: null } },
    select: { address: true, displayName: true },
  });
  const names = new Map<Address, string>();
  for (const r of rows) if (r.displayName) names.set(getAddress(r.address), r.displayName);
  return names;
}
