import { toHex } from 'viem';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { storedEventArgs } from '../../test/support/event-args';
import { createPrismaClient } from '../db/client';
import { ACTIVITY_PAGE_SIZE, activityHref, parseActivityQuery, readActivity } from './activity-feed';

const prisma = createPrismaClient(inject('databaseUrl'));
const CHAIN = 990_401; // a chain id of its own: other test files share the database
const NAMES = [
  'TrackMinted',
  'Listed',
  'OfferMade',
  'Sale',
  'Transfer',
  'Approval',
  'ListingCancelled',
  'VoucherRedeemed',
  'OfferCancelled',
  'ListingUpdated',
];
const CONTRACT_OF = (name: string) =>
  ['TrackMinted', 'Transfer', 'Approval', 'VoucherRedeemed'].includes(name) ? 'TrackCollection' : 'Market';
/** Rows as the indexer writes them: arguments that match the ABI (the feed leaves out rows that do not). */
const argsOf = (i: number) =>
  storedEventArgs(CONTRACT_OF(NAMES[i % NAMES.length]!), NAMES[i % NAMES.length]!, { tokenId: String(1000 + i) });

async function clear() {
  await prisma.chainEvent.deleteMany({ where: { chainId: CHAIN } });
  await prisma.lostTransaction.deleteMany({ where: { chainId: CHAIN } });
  await prisma.track.deleteMany({ where: { chainId: CHAIN } });
}

beforeAll(async () => {
  await clear();
  // 60 events over 30 blocks, two per block: names cycle, so every kind and two non-market kinds occur.
  await prisma.chainEvent.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({
      chainId: CHAIN,
      txHash: toHex(BigInt(i + 1), { size: 32 }),
      logIndex: i % 2,
      blockNumber: BigInt(Math.floor(i / 2) + 1),
      blockHash: toHex(BigInt(Math.floor(i / 2) + 1), { size: 32 }),
      contract: CONTRACT_OF(NAMES[i % NAMES.length]!),
      name: NAMES[i % NAMES.length]!,
      args: argsOf(i),
      tokenId: i % 5 === 0 ? null : String(1000 + i),
    })),
  });
  // The newest event's track has its metadata read: the feed names it.
  await prisma.track.create({
    data: {
      chainId: CHAIN,
      tokenId: '1059',
      creator: '0x0000000000000000000000000000000000000001',
      owner: '0x0000000000000000000000000000000000000001',
      contentDigest: toHex(1n, { size: 32 }),
      manifestDigest: toHex(1n, { size: 32 }),
      licence: 0,
      royaltyReceiver: '0x0000000000000000000000000000000000000001',
      royaltyBps: 0,
      mintedBlock: 1n,
      mintedTx: toHex(1n, { size: 32 }),
      title: 'Latest light',
    },
  });
  await prisma.lostTransaction.create({
    data: {
      chainId: CHAIN,
      txHash: toHex(999n, { size: 32 }),
      blockNumber: 7n,
      events: [{ contract: 'Market', name: 'Sale', tokenId: '1' }],
      accounts: ['0xabc'],
    },
  });
});

afterAll(async () => {
  await clear();
  await prisma.$disconnect();
});

describe('readActivity', () => {
  it('pages the market events newest first, leaving out transfers and approvals, with the lost transactions on page 1', async () => {
    const first = await readActivity(prisma, CHAIN, { kind: null, page: 1 });
    expect(first.events).toHaveLength(ACTIVITY_PAGE_SIZE);
    expect(first.events.some((e) => e.name === 'Transfer' || e.name === 'Approval')).toBe(false);
    const order = first.events.map((e) => [Number(e.blockNumber), e.logIndex] as const);
    expect(order).toEqual([...order].sort((a, b) => b[0] - a[0] || b[1] - a[1]));
    expect(first.events[0]).toMatchObject({
      blockNumber: '30',
      logIndex: 1,
      name: NAMES[59 % NAMES.length],
      args: argsOf(59),
      tokenId: '1059',
      trackTitle: 'Latest light',
    });
    expect(first.events[1]).toMatchObject({ tokenId: '1058', trackTitle: null });
    expect(first.more).toBe(true);
    expect(first.lost.map((t) => t.txHash)).toEqual([toHex(999n, { size: 32 })]);

    const second = await readActivity(prisma, CHAIN, { kind: null, page: 2 });
    expect(second.lost).toEqual([]);
    expect(second.more).toBe(false); // 48 market events: 25 + 23
    expect(second.events).toHaveLength(48 - ACTIVITY_PAGE_SIZE);
    expect(new Set([...first.events, ...second.events].map((e) => e.txHash)).size).toBe(48);
  });

  it('filters by kind', async () => {
    const sales = await readActivity(prisma, CHAIN, { kind: 'sales', page: 1 });
    expect(sales.events.map((e) => e.name)).toEqual(Array(6).fill('Sale'));
    expect(sales.more).toBe(false);
    const mints = await readActivity(prisma, CHAIN, { kind: 'mints', page: 1 });
    expect(new Set(mints.events.map((e) => e.name))).toEqual(new Set(['TrackMinted', 'VoucherRedeemed']));
    expect(mints.events.find((e) => e.tokenId === null)).toMatchObject({ name: 'TrackMinted' });
  });
});

describe('parseActivityQuery', () => {
  it('reads kind and page leniently', () => {
    expect(parseActivityQuery({ kind: 'offers', page: '3' })).toEqual({ kind: 'offers', page: 3 });
    expect(parseActivityQuery({ kind: 'toString', page: '-4' })).toEqual({ kind: null, page: 1 });
    expect(parseActivityQuery({ kind: ['sales'], page: 'x' })).toEqual({ kind: null, page: 1 });
    expect(parseActivityQuery({ page: '99999999' })).toEqual({ kind: null, page: 10_000 });
  });

  it('links a kind and page', () => {
    expect(activityHref(2, 'sales')).toBe('/activity?kind=sales&page=2');
    expect(activityHref(1, null)).toBe('/activity?page=1');
  });
});
