import type { PrismaClient } from '../db/client';
import { displayNamesOf } from '../profiles/display-names';

/**
 * Profile display names of the given addresses (checksummed keys) as a plain record, for the audit sentences;
 * addresses without a name are left out. The rule is lib/profiles/display-names.ts's.
 */
export async function displayNames(
  prisma: Pick<PrismaClient, 'profile'>,
  addresses: Iterable<string>,
): Promise<Record<string, string>> {
  return Object.fromEntries(await displayNamesOf(prisma, addresses));
}
