import 'server-only';
import type { Address } from 'viem';
import { readProfile, type PublicProfile } from '../auth/profile';
import type { PrismaClient } from '../db/client';

export type ProfileTrack = {
  tokenId: string;
  title: string | null;
  genre: string | null;
  /** Live listing price in wei, or null. */ priceWei: string | null;
};

export type ProfilePage = {
  profile: PublicProfile;
  /** Tracks this address minted as their creator, newest first (at most 100). */
  minted: ProfileTrack[];
  /** Tracks this address owns now, newest first (at most 100). */
  owned: ProfileTrack[];
};

const LIMIT = 100;

/**
 * A profile and its tracks. Minted lists only tracks whose signed manifest names this creator (`authorship` verified):
 * a squatter's mint of someone else's folder is not theirs. Prices are live listings only (Market v2 listings expire).
 */
export async function readProfilePage(
  prisma: Pick<PrismaClient, 'profile' | 'track' | 'listing'>,
  chainId: number,
  address: Address,
  nowSeconds: bigint = BigInt(Math.floor(Date.now() / 1000)),
): Promise<ProfilePage> {
  const select = { tokenId: true, title: true, genre: true } as const;
  const [profile, minted, owned] = await Promise.all([
    readProfile(prisma, address),
    prisma.track.findMany({
      where: { chainId, creator: address, authorship: 'verified' },
      orderBy: { mintedBlock: 'desc' },
      take: LIMIT,
      select,
    }),
    prisma.track.findMany({
      where: { chainId, owner: address },
      orderBy: { mintedBlock: 'desc' },
      take: LIMIT,
      select,
    }),
  ]);
  const ids = [...new Set([...minted, ...owned].map((t) => t.tokenId.toFixed(0)))];
  const listings = ids.length
    ? await prisma.listing.findMany({ where: { chainId, tokenId: { in: ids }, expiry: { gt: nowSeconds } } })
    : [];
  const prices = new Map(listings.map((l) => [l.tokenId.toFixed(0), l.priceWei.toFixed(0)]));
  const view = (t: {
    tokenId: { toFixed(digits: number): string };
    title: string | null;
    genre: string | null;
  }): ProfileTrack => {
    const tokenId = t.tokenId.toFixed(0);
    return { tokenId, title: t.title, genre: t.genre, priceWei: prices.get(tokenId) ?? null };
  };
  return { profile, minted: minted.map(view), owned: owned.map(view) };
}
