import { getAddress, toHex } from 'viem';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from '../db/client';
import { readProfilePage } from './profile-page';

const prisma = createPrismaClient(inject('databaseUrl'));
const CHAIN = 990_301; // a chain id of its own: other test files share the database
const ARTIST = getAddress('0x00000000000000000000000000000000000a1171');
const COLLECTOR = getAddress('0x00000000000000000000000000000000000c0113');
const SQUATTER = getAddress('0x0000000000000000000000000000000000005a77');
const NOW = 1_800_000_000n;

const track = (
  tokenId: number,
  creator: string,
  owner: string,
  mintedBlock: number,
  authorship: 'verified' | 'unverified' | 'pending' = 'verified',
) => ({
  chainId: CHAIN,
  tokenId: String(tokenId),
  creator,
  owner,
  contentDigest: toHex(BigInt(tokenId), { size: 32 }),
  manifestDigest: toHex(0n, { size: 32 }),
  licence: 1,
  royaltyReceiver: creator,
  royaltyBps: 500,
  mintedBlock: BigInt(mintedBlock),
  mintedTx: toHex(BigInt(tokenId), { size: 32 }),
  title: `Track ${tokenId}`,
  genre: 'folk',
  authorship,
});

async function clear() {
  await prisma.track.deleteMany({ where: { chainId: CHAIN } });
  await prisma.listing.deleteMany({ where: { chainId: CHAIN } });
  await prisma.profile.deleteMany({ where: { address: { in: [ARTIST, COLLECTOR] } } });
}

beforeAll(async () => {
  await clear();
  await prisma.profile.create({ data: { address: ARTIST, displayName: 'Ada', bio: 'Writes chorales' } });
  await prisma.track.createMany({
    data: [
      track(1, ARTIST, ARTIST, 10),
      track(2, ARTIST, COLLECTOR, 20),
      track(3, ARTIST, ARTIST, 30, 'pending'),
      // A squatter's mint of a copy: the indexer found the manifest names someone else.
      track(4, SQUATTER, SQUATTER, 40, 'unverified'),
      track(5, COLLECTOR, COLLECTOR, 50),
    ],
  });
  await prisma.listing.createMany({
    data: [
      { chainId: CHAIN, tokenId: '1', seller: ARTIST, priceWei: '1000', listedBlock: 11n, expiry: NOW + 10n },
      { chainId: CHAIN, tokenId: '2', seller: COLLECTOR, priceWei: '2000', listedBlock: 21n, expiry: NOW }, // expired
    ],
  });
});

afterAll(async () => {
  await clear();
  await prisma.$disconnect();
});

describe('readProfilePage', () => {
  it('lists the verified tracks an address minted and the tracks it owns, newest first, with live prices', async () => {
    const page = await readProfilePage(prisma, CHAIN, ARTIST, NOW);
    expect(page.profile).toEqual({ address: ARTIST, displayName: 'Ada', bio: 'Writes chorales' });
    // Track 3 is not verified yet: not shown as the artist's work, though the artist owns it.
    expect(page.minted).toEqual([
      { tokenId: '2', title: 'Track 2', genre: 'folk', priceWei: null },
      { tokenId: '1', title: 'Track 1', genre: 'folk', priceWei: '1000' },
    ]);
    expect(page.owned.map((t) => t.tokenId)).toEqual(['3', '1']);
  });

  it('an address with no profile and no tracks reads as empty', async () => {
    const page = await readProfilePage(prisma, CHAIN, SQUATTER, NOW);
    expect(page.profile).toEqual({ address: SQUATTER, displayName: null, bio: null });
    expect(page.minted).toEqual([]); // its only mint is unverified
    expect(page.owned.map((t) => t.tokenId)).toEqual(['4']);
  });

  it('reads only the given chain', async () => {
    const page = await readProfilePage(prisma, CHAIN + 1, ARTIST, NOW);
    expect([...page.minted, ...page.owned]).toEqual([]);
  });
});
