import 'server-only';
import { getAddress, isAddress, type Address } from 'viem';
import type { PrismaClient } from '../db/client';
import { avatarUrlsOf } from './avatar-upload';

const addressesIn = (addresses: Iterable<string>): Address[] => [
  ...new Set([...addresses].filter((a) => isAddress(a, { strict: false })).map((a) => getAddress(a))),
];

/**
 * The display names of many accounts in one query, for pages that show people (track page, activity, labels):
 * checksummed address -> name, for the accounts that set one. Anything that is not an address is ignored.
 */
export async function displayNamesOf(
  prisma: Pick<PrismaClient, 'profile'>,
  addresses: Iterable<string>,
): Promise<ReadonlyMap<Address, string>> {
  const wanted = addressesIn(addresses);
  if (wanted.length === 0) return new Map();
  const rows = await prisma.profile.findMany({
    where: { address: { in: wanted }, displayName: { not: null } },
    select: { address: true, displayName: true },
  });
  const names = new Map<Address, string>();
  for (const r of rows) if (r.displayName) names.set(getAddress(r.address), r.displayName);
  return names;
}

/**
 * How pages show people (issue #16): each account's display name (else its short address) and uploaded avatar (else
 * the generated one), by checksummed address. The one loader every page that shows people uses (app/_components/
 * account-name.tsx renders them).
 */
export type People = { names: ReadonlyMap<Address, string>; avatars: ReadonlyMap<Address, string> };

/** The names and uploaded avatars of many accounts, two queries in all; anything that is not an address is ignored. */
export async function peopleOf(
  prisma: Pick<PrismaClient, 'profile' | 'profileAvatar'>,
  addresses: Iterable<string>,
): Promise<People> {
  const wanted = addressesIn(addresses);
  const [names, avatars] = await Promise.all([displayNamesOf(prisma, wanted), avatarUrlsOf(prisma, wanted)]);
  return { names, avatars };
}

/** People as JSON for an API answer (client pages): plain records by checksummed address. */
export const peopleJson = (people: People) => ({
  names: Object.fromEntries(people.names),
  avatars: Object.fromEntries(people.avatars),
});
