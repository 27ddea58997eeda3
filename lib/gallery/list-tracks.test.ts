import { parseEther, toHex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createPrismaClient } from '../db/client';
import { GalleryCache } from './gallery-cache';
import { parseGalleryQuery } from './gallery-query';
import { listTracks } from './list-tracks';

const prisma = createPrismaClient(inject('databaseUrl'));
const CHAIN = 990_001; // a chain id of its own: other test files index 31337 in the same database
const A = '0x00000000000000000000000000000000000000a1';
const TOKEN = '0x00000000000000000000000000000000000000c6';
const B = '0x00000000000000000000000000000000000000b2';
const genres = ['folk', 'jazz', 'chorale'];

async function clear() {
  await prisma.track.deleteMany({ where: { chainId: CHAIN } });
  await prisma.listing.deleteMany({ where: { chainId: CHAIN } });
  await prisma.chainCursor.deleteMany({ where: { chainId: CHAIN } });
  await prisma.profile.deleteMany({ where: { address: A } });
}

beforeAll(async () => {
  await clear();
  await prisma.profile.create({ data: { address: A, displayName: 'Ada Tunes' } });
  await prisma.track.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({
      chainId: CHAIN,
      tokenId: String(1000 + i),
      creator: i % 2 ? A : B,
      owner: A,
      contentDigest: toHex(BigInt(1000 + i), { size: 32 }),
      manifestDigest: toHex(0n, { size: 32 }),
      licence: 1,
      royaltyReceiver: A,
      royaltyBps: 500,
      mintedBlock: BigInt(i + 1),
      mintedTx: toHex(BigInt(i), { size: 32 }),
      title: `Tune ${String(i).padStart(2, '0')}${i === 7 ? ' 100%_sure' : ''}`,
      genre: genres[i % 3]!,
      bpm: 60 + i * 5,
      musicalKey: i % 2 ? 'C major' : 'A minor',
      modelId: 'melody-rnn',
      authorship: 'verified' as const,
    })),
  });
  // The same kind of rows not (yet) shown as anyone's track: a squatted copy, and one not checked yet.
  await prisma.track.createMany({
    data: (['unverified', 'pending'] as const).map((authorship, i) => ({
      chainId: CHAIN,
      tokenId: String(2000 + i),
      creator: B,
      owner: B,
      contentDigest: toHex(BigInt(1000 + i), { size: 32 }),
      manifestDigest: toHex(0n, { size: 32 }),
      licence: 1,
      royaltyReceiver: B,
      royaltyBps: 500,
      mintedBlock: 100n,
      mintedTx: toHex(BigInt(2000 + i), { size: 32 }),
      title: `Tune 0${i}`,
      genre: 'folk',
      authorship,
      authorshipReason: authorship === 'unverified' ? `minted by ${B}, but the signed manifest names ${A}` : null,
    })),
  });
  await prisma.listing.createMany({
    data: [
      ...[3, 4, 5].map((i) => ({
        chainId: CHAIN,
        tokenId: String(1000 + i),
        seller: A,
        priceWei: parseEther(String(i / 10)).toString(),
        listedBlock: 40n,
        expiry: BigInt(Math.floor(Date.now() / 1000) + 86_400),
      })),
      // An expired listing: the market would refuse it, so the gallery must not show the track as for sale.
      {
        chainId: CHAIN,
        tokenId: '1006',
        seller: A,
        priceWei: parseEther('0.9').toString(),
        listedBlock: 40n,
        expiry: BigInt(Math.floor(Date.now() / 1000) - 60),
      },
      // Listed in a 6-decimal token (issue #20): 1,000,000 units is 1 tUSD, never "0.000000000001" of the native coin.
      {
        chainId: CHAIN,
        tokenId: '1007',
        seller: A,
        priceWei: '1000000',
        listedBlock: 40n,
        expiry: BigInt(Math.floor(Date.now() / 1000) + 86_400),
        currency: TOKEN,
      },
    ],
  });
});
afterAll(async () => {
  await clear();
  await prisma.$disconnect();
});

const list = (qs: string) => listTracks(prisma, CHAIN, parseGalleryQuery(new URLSearchParams(qs)));

describe('listTracks', () => {
  it('names each creator by their profile display name, or null without one', async () => {
    const page = await list('pageSize=2');
    expect(page.items.map((t) => [t.creator, t.creatorName])).toEqual([
      [A, 'Ada Tunes'],
      [B, null],
    ]);
  });

  it('pages newest first with a total', async () => {
    const page = await list('pageSize=10&page=2');
    expect(page).toMatchObject({ total: 30, pages: 3, page: 2 });
    expect(page.items.map((t) => t.title)).toEqual(Array.from({ length: 10 }, (_, i) => `Tune ${19 - i}`));
    expect(page.items[0]!.contentCid).toMatch(/^bafy/);
  });

  it('filters by genre, key, tempo range and creator, and searches titles literally', async () => {
    const page = await list('genre=FOLK&key=a minor&bpmMin=70&bpmMax=150&pageSize=60');
    expect(
      page.items.every((t) => t.genre === 'folk' && t.musicalKey === 'A minor' && t.bpm! >= 70 && t.bpm! <= 150),
    ).toBe(true);
    expect(page.total).toBe(page.items.length);
    expect(page.total).toBeGreaterThan(0);
    expect((await list(`creator=${B}&pageSize=60`)).total).toBe(15);
    expect((await list('q=100%_')).items.map((t) => t.title)).toEqual(['Tune 07 100%_sure']);
  });

  it('filters and sorts by listing price, and shows only tracks for sale when asked', async () => {
    const forSale = await list('forSale=true&sort=price-desc');
    expect(forSale.items.map((t) => t.priceWei)).toEqual(
      [parseEther('0.5'), parseEther('0.4'), parseEther('0.3'), 1_000_000n].map(String),
    );
    expect((await list('priceMin=0.35&priceMax=0.45')).items.map((t) => t.tokenId)).toEqual(['1004']);
  });

  it('compares prices in the native currency only: a token listing is for sale but outside every native price range, sorted last', async () => {
    const asc = await list('forSale=true&sort=price-asc');
    expect(asc.items.map((t) => [t.tokenId, t.currency])).toEqual([
      ['1003', null],
      ['1004', null],
      ['1005', null],
      ['1007', TOKEN],
    ]);
    // 1,000,000 units of the token would be in this range if it were read as wei: it must not be.
    expect((await list('priceMax=0.45')).items.map((t) => t.tokenId)).toEqual(['1004', '1003']);
    expect((await list('priceMax=0.000001')).total).toBe(0);
  });

  it('lists only verified tracks: never an unverified copy or an unchecked track, whatever the query', async () => {
    for (const qs of [
      '',
      'q=Tune 0',
      `creator=${B}&pageSize=60`,
      'genre=folk&pageSize=60',
      'sort=oldest&pageSize=60',
    ]) {
      const page = await list(qs);
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.map((t) => t.tokenId)).not.toContain('2000');
      expect(page.items.map((t) => t.tokenId)).not.toContain('2001');
    }
    expect((await list('')).total).toBe(30);
  });

  it('answers an empty page past the end with the true total', async () => {
    expect(await list('page=99')).toMatchObject({ items: [], total: 30 });
  });
});

describe('GalleryCache', () => {
  it('serves a cached page until the index version moves', async () => {
    const cache = new GalleryCache(prisma, CHAIN, { versionCheckMs: 0 });
    const query = parseGalleryQuery(new URLSearchParams('genre=jazz&pageSize=60'));
    const first = await cache.get(query);
    await prisma.track.update({
      where: { chainId_tokenId: { chainId: CHAIN, tokenId: '1001' } },
      data: { title: 'Renamed' },
    });
    expect((await cache.get(query)).body).toBe(first.body); // same version: from memory
    await prisma.chainCursor.create({
      data: { chainId: CHAIN, stream: 'motif', blockNumber: 41n, blockHash: '0xabc' },
    });
    const after = await cache.get(query);
    expect(after.body).toContain('Renamed');
    expect(after.etag).not.toBe(first.etag);
  });
});
