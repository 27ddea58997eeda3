import { getAddress, type Address } from 'viem';
import type { PrismaClient } from '../db/client';
import { DEMO_PROFILE_BIO } from './catalogue';

/** The current display names of `addresses` (null where there is no profile or no name). */
export async function readProfileNames(
  prisma: PrismaClient,
  addresses: readonly Address[],
): Promise<Record<string, string | null>> {
  const rows = await prisma.profile.findMany({ where: { address: { in: addresses.map((a) => getAddress(a)) } } });
  const names: Record<string, string | null> = Object.fromEntries(addresses.map((a) => [getAddress(a), null]));
  for (const r of rows) names[r.address] = r.displayName;
  return names;
}

/** Gives the demo accounts their demo names and the demo bio (only those the plan lists). */
export async function nameDemoProfiles(
  prisma: PrismaClient,
  names: readonly { address: Address; displayName: string }[],
): Promise<number> {
  for (const n of names)
    await prisma.profile.upsert({
      where: { address: getAddress(n.address) },
      create: { address: getAddress(n.address), displayName: n.displayName, bio: DEMO_PROFILE_BIO },
      update: { displayName: n.displayName, bio: DEMO_PROFILE_BIO },
    });
  return names.length;
}
