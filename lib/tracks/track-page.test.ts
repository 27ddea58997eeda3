import { getAddress, toHex, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { cidOfContentDigest } from '../provenance/digest';
import {
  openOffers,
  readTrackView,
  tokenIdFromParam,
  TrackNotFoundError,
  type HistoryEntry,
  type ProvenanceSummary,
} from './track-page';

const prisma = createPrismaClient(inject('databaseUrl'));
const CHAIN = 990_201; // a chain id of its own: other test files share the database
const CREATOR = getAddress('0x00000000000000000000000000000000000000c1');
const OWNER = getAddress('0x00000000000000000000000000000000000000c2');
const BUYER_A = getAddress('0x00000000000000000000000000000000000000a1');
const BUYER_B = getAddress('0x00000000000000000000000000000000000000b1');
const SPLIT = getAddress('0x0000000000000000000000000000000000005911');
const TOKEN = 4242n;
const DIGEST: Hex = toHex(77n, { size: 32 });
const NOW = 1_800_000_000n;

let logIndex = 0;
const event = (
  name: string,
  block: number,
  args: Prisma.InputJsonObject,
  tokenId: bigint | null = TOKEN,
): Prisma.ChainEventCreateManyInput => ({
  chainId: CHAIN,
  txHash: toHex(BigInt(block * 100 + logIndex), { size: 32 }),
  logIndex: logIndex++,
  blockNumber: BigInt(block),
  blockHash: toHex(BigInt(block), { size: 32 }),
  contract: tokenId === null ? 'SplitMain' : 'Market',
  name,
  args,
  tokenId: tokenId === null ? null : tokenId.toString(),
});

async function clear() {
  await prisma.track.deleteMany({ where: { chainId: CHAIN } });
  await prisma.listing.deleteMany({ where: { chainId: CHAIN } });
  await prisma.chainEvent.deleteMany({ where: { chainId: CHAIN } });
}

beforeAll(async () => {
  await clear();
  await prisma.track.create({
    data: {
      chainId: CHAIN,
      tokenId: TOKEN.toString(),
      creator: CREATOR.toLowerCase(),
      owner: OWNER,
      contentDigest: DIGEST,
      manifestDigest: toHex(1n, { size: 32 }),
      licence: 1,
      royaltyReceiver: SPLIT,
      royaltyBps: 750,
      mintedBlock: 3n,
      mintedTx: toHex(3n, { size: 32 }),
      title: 'Fold',
      authorship: 'verified',
    },
  });
  await prisma.listing.create({
    data: {
      chainId: CHAIN,
      tokenId: TOKEN.toString(),
      seller: OWNER,
      priceWei: '1000',
      listedBlock: 4n,
      expiry: NOW + 60n,
    },
  });
  await prisma.chainEvent.createMany({
    data: [
      event(
        'SplitCreated',
        1,
        {
          split: SPLIT,
          hash: '0x' + '11'.repeat(32),
          controller: CREATOR,
          accounts: [CREATOR, OWNER],
          shares: [600000, 400000],
        },
        null,
      ),
      event('TrackMinted', 3, { tokenId: TOKEN.toString(), creator: CREATOR }),
      event('OfferMade', 5, { buyer: BUYER_A, amount: '10', expiry: '99' }),
      event('OfferMade', 6, { buyer: BUYER_B, amount: '20', expiry: '99' }),
      event('OfferCancelled', 7, { buyer: BUYER_A }),
      event('OfferMade', 8, { buyer: BUYER_A, amount: '30', expiry: '120' }),
      event('Sale', 9, { buyer: BUYER_B, price: '20' }),
      // The split's payees changed later: the page shows the latest.
      event(
        'SplitUpdated',
        10,
        {
          split: SPLIT,
          hash: '0x' + '11'.repeat(32),
          accounts: [CREATOR, OWNER, BUYER_A],
          shares: [500000, 300000, 200000],
        },
        null,
      ),
      // Another split's event is not this track's.
      event(
        'SplitUpdated',
        11,
        { split: BUYER_B, hash: '0x' + '11'.repeat(32), accounts: [BUYER_B], shares: [1000000] },
        null,
      ),
    ],
  });
});

afterAll(async () => {
  await clear();
  await prisma.$disconnect();
});

const noChain = async () => {
  throw new Error('the chain must not be asked for a token the indexer knows');
};
const summary: ProvenanceSummary = {
  modelId: 'melody-rnn',
  weightsCid: 'bafy',
  seed: '1',
  temperature: 1,
  sampler: 'sampler',
  tempo: 100,
  key: 'C major',
  bars: 8,
  edits: { total: 0, byKind: {} },
  digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
  humanEdited: false,
  createdAt: '2026-01-01T00:00:00Z',
  manifestDigest: DIGEST,
  disclosure: { model: 'm', person: [], personLine: 'none', now: 'C major at 100 BPM', label: 'AI-generated' },
  origin: null,
};
const provenance = async (digest: Hex): Promise<ProvenanceSummary | null> => (digest === DIGEST ? summary : null);

describe('readTrackView', () => {
  it('reads an indexed track: its folder, live listing, latest split, history in chain order and open offers', async () => {
    const view = await readTrackView({
      prisma,
      chainId: CHAIN,
      tokenId: TOKEN,
      mintedContentDigest: noChain,
      provenance,
      nowSeconds: NOW,
    });
    expect(view.tokenId).toBe('4242');
    expect(view.contentDigest).toBe(DIGEST);
    expect(view.cid).toBe(cidOfContentDigest(DIGEST).toString());
    expect(view.track).toMatchObject({
      creator: CREATOR,
      owner: OWNER,
      royaltyReceiver: SPLIT,
      royaltyBps: 750,
      title: 'Fold',
      mintedBlock: '3',
      authorship: 'verified',
    });
    expect(view.listing).toEqual({ seller: OWNER, priceWei: '1000', currency: null });
    expect(view.split).toEqual({
      address: SPLIT,
      accounts: [CREATOR, OWNER, BUYER_A],
      shares: [500000, 300000, 200000],
    });
    expect(view.history.map((e) => `${e.name}@${e.blockNumber}`)).toEqual([
      'TrackMinted@3',
      'OfferMade@5',
      'OfferMade@6',
      'OfferCancelled@7',
      'OfferMade@8',
      'Sale@9',
    ]);
    // A's first offer was cancelled, then renewed; B's ended in a sale to B.
    expect(view.offers).toEqual([{ buyer: BUYER_A, amount: '30', expiry: '120', currency: null }]);
    expect(view.provenance).toEqual(summary);
  });

  it('leaves out an expired listing', async () => {
    const view = await readTrackView({
      prisma,
      chainId: CHAIN,
      tokenId: TOKEN,
      mintedContentDigest: noChain,
      provenance,
      nowSeconds: NOW + 60n,
    });
    expect(view.listing).toBeNull();
  });

  it('an unindexed token: the folder from a checked voucher, else from the chain, else unknown', async () => {
    const voucher: Hex = toHex(5n, { size: 32 });
    const asked: bigint[] = [];
    const chain = async (id: bigint) => {
      asked.push(id);
      return id === 7n ? toHex(6n, { size: 32 }) : null;
    };
    const byVoucher = await readTrackView({
      prisma,
      chainId: CHAIN,
      tokenId: 5n,
      voucherContent: voucher,
      mintedContentDigest: chain,
      provenance,
    });
    expect(byVoucher).toMatchObject({
      track: null,
      listing: null,
      split: null,
      history: [],
      offers: [],
      contentDigest: voucher,
      provenance: null,
    });
    expect(asked).toEqual([]);
    expect(
      (await readTrackView({ prisma, chainId: CHAIN, tokenId: 7n, mintedContentDigest: chain, provenance }))
        .contentDigest,
    ).toBe(toHex(6n, { size: 32 }));
    const unknown = await readTrackView({
      prisma,
      chainId: CHAIN,
      tokenId: 8n,
      mintedContentDigest: chain,
      provenance,
    });
    expect(unknown).toMatchObject({ contentDigest: null, cid: null });
    expect(asked).toEqual([7n, 8n]);
  });

  it('reads another chain’s rows as nothing', async () => {
    const view = await readTrackView({
      prisma,
      chainId: CHAIN + 1,
      tokenId: TOKEN,
      mintedContentDigest: async () => null,
      provenance,
    });
    expect(view).toMatchObject({ track: null, listing: null, history: [], offers: [] });
  });
});

describe('openOffers', () => {
  const h = (name: string, args: Record<string, unknown>): HistoryEntry => ({
    name,
    blockNumber: '1',
    txHash: '0x',
    logIndex: 0,
    args,
  });
  it('keeps the latest offer of each buyer until it is cancelled or sold to that buyer', () => {
    expect(
      openOffers([
        h('OfferMade', { buyer: BUYER_A, amount: '1', expiry: '9' }),
        h('OfferMade', { buyer: BUYER_A, amount: '2', expiry: '9' }),
        h('Sale', { buyer: BUYER_B }),
      ]),
    ).toEqual([{ buyer: BUYER_A, amount: '2', expiry: '9', currency: null }]);
    expect(
      openOffers([
        h('OfferMade', { buyer: BUYER_A.toLowerCase(), amount: '1', expiry: '9' }),
        h('OfferCancelled', { buyer: BUYER_A }),
      ]),
    ).toEqual([]);
  });

  it('keeps a token offer apart from the same buyer’s native offer, until cancelled in that token (issue #20)', () => {
    const USD = getAddress('0x00000000000000000000000000000000000000c6');
    const offers = openOffers([
      h('OfferMade', { buyer: BUYER_A, amount: '1', expiry: '9' }),
      h('OfferMadeInCurrency', { buyer: BUYER_A, currency: USD, amount: '5000000', expiry: '9' }),
    ]);
    expect(offers).toEqual([
      { buyer: BUYER_A, amount: '1', expiry: '9', currency: null },
      { buyer: BUYER_A, amount: '5000000', expiry: '9', currency: USD },
    ]);
    expect(
      openOffers([
        h('OfferMade', { buyer: BUYER_A, amount: '1', expiry: '9' }),
        h('OfferMadeInCurrency', { buyer: BUYER_A, currency: USD, amount: '5000000', expiry: '9' }),
        h('OfferCancelledInCurrency', { buyer: BUYER_A, currency: USD, amount: '5000000' }),
      ]),
    ).toEqual([{ buyer: BUYER_A, amount: '1', expiry: '9', currency: null }]);
  });
});

describe('tokenIdFromParam', () => {
  it('reads a decimal id and a CID, and refuses anything else as not found', () => {
    expect(tokenIdFromParam('4242')).toBe(4242n);
    expect(() => tokenIdFromParam('not-a-track')).toThrow(TrackNotFoundError);
  });
});
