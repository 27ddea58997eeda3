import { createTestClient, getAddress, http, keccak256, toHex, type Address } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  approveMarket,
  fundTestUsd,
  minedOk,
  startDeployedChain,
  type DeployedChain,
} from '../../test/contracts/deployed';
import { toMotifAddresses, type MotifContractAddresses } from '../chain/contracts';
import { marketAbi, trackCollectionAbi } from '../contracts/abi';
import { trackIdOf } from '../contracts/track-id';
import { voucherTypedData, type CurrencyVoucher } from '../contracts/voucher';
import { createPrismaClient } from '../db/client';
import { statementRows, summarize } from '../labels/statement';
import { clearIndex } from './clear-index';
import { syncOnce, syncToHead, type IndexerParameters } from './indexer';

// ListedInCurrency / SaleInCurrency / offers in a token (issue #20), on an anvil of its own with tUSD deployed. Rows
// are kept under a chain id of their own: other test files index 31337 in the same database.
const CHAIN_ID = 990_020;
const prisma = createPrismaClient(inject('databaseUrl'));
let t: DeployedChain;
let usd: Address;
let addresses: MotifContractAddresses;
let startBlock: bigint;
const params = (): IndexerParameters => ({
  prisma,
  client: t.publicClient,
  chainId: CHAIN_ID,
  addresses,
  startBlock,
  confirmations: 64,
});
const rows = async () => ({
  listings: (await prisma.listing.findMany({ where: { chainId: CHAIN_ID }, orderBy: { tokenId: 'asc' } })).map((l) => ({
    tokenId: l.tokenId.toFixed(),
    price: l.priceWei.toFixed(),
    currency: l.currency,
  })),
  sales: (await prisma.sale.findMany({ where: { chainId: CHAIN_ID }, orderBy: { blockNumber: 'asc' } })).map((s) => ({
    tokenId: s.tokenId.toFixed(),
    price: s.priceWei.toFixed(),
    royalty: s.royaltyWei.toFixed(),
    currency: s.currency,
  })),
  events: await prisma.chainEvent.count({ where: { chainId: CHAIN_ID } }),
});

let sold: bigint;
let listed: bigint;
beforeAll(async () => {
  t = await startDeployedChain();
  usd = getAddress(t.deployment.stablecoin!.address);
  addresses = toMotifAddresses(
    Object.fromEntries(Object.entries(t.deployment.contracts).map(([k, v]) => [k, v.address])),
  )!;
  startBlock = BigInt(Math.min(...Object.values(t.deployment.contracts).map((c) => c.blockNumber)));
  const { wallet: creator } = await t.funded();
  const { wallet: buyer } = await t.funded();
  const ids: bigint[] = [];
  for (const label of ['sold in tUSD', 'listed in tUSD']) {
    const content = keccak256(toHex(label));
    await minedOk(
      t,
      await creator.writeContract({
        address: t.track,
        abi: trackCollectionAbi,
        functionName: 'mint',
        args: [creator.account.address, content, toHex(1n, { size: 32 }), creator.account.address, 1_000, 1],
      }),
    );
    ids.push(trackIdOf(creator.account.address, content));
  }
  [sold, listed] = ids as [bigint, bigint];
  await approveMarket(t, creator);
  const expiry = (await t.publicClient.getBlock()).timestamp + 86_400n;
  const market = { address: t.market, abi: marketAbi } as const;
  await minedOk(
    t,
    await creator.writeContract({
      ...market,
      functionName: 'listInCurrency',
      args: [t.track, sold, usd, 5_000_000n, expiry],
    }),
  );
  await minedOk(
    t,
    await creator.writeContract({
      ...market,
      functionName: 'listInCurrency',
      args: [t.track, listed, usd, 7_000_000n, expiry],
    }),
  );
  await fundTestUsd(t, buyer, 20_000_000n, t.market);
  await minedOk(
    t,
    await buyer.writeContract({ ...market, functionName: 'buyInCurrency', args: [t.track, sold, usd, 5_000_000n] }),
  );
  await minedOk(
    t,
    await buyer.writeContract({
      ...market,
      functionName: 'makeOfferInCurrency',
      args: [t.track, listed, usd, 1_000_000n, expiry],
    }),
  );
  await minedOk(
    t,
    await buyer.writeContract({ ...market, functionName: 'cancelOfferInCurrency', args: [t.track, listed, usd] }),
  );
});
afterAll(async () => {
  await clearIndex(prisma, CHAIN_ID);
  await prisma.$disconnect();
  await t?.stop();
});
beforeEach(() => clearIndex(prisma, CHAIN_ID));

describe('indexer: prices in an ERC-20', () => {
  it('stores the token listing and the token sale with their currency, and the offers’ events; a replay changes nothing', async () => {
    await syncToHead(params());
    const reference = await rows();
    expect(reference.listings).toEqual([{ tokenId: listed.toString(), price: '7000000', currency: usd }]);
    expect(reference.sales).toEqual([{ tokenId: sold.toString(), price: '5000000', royalty: '500000', currency: usd }]);
    const offers = await prisma.chainEvent.findMany({
      where: { chainId: CHAIN_ID, name: { in: ['OfferMadeInCurrency', 'OfferCancelledInCurrency'] } },
      orderBy: { logIndex: 'asc' },
    });
    expect(offers.map((o) => [o.name, (o.args as { currency: string }).currency])).toEqual([
      ['OfferMadeInCurrency', usd],
      ['OfferCancelledInCurrency', usd],
    ]);
    // Duplicate delivery: forget the cursor and read everything again.
    await prisma.chainCursor.deleteMany({ where: { chainId: CHAIN_ID } });
    await syncToHead(params());
    expect(await rows()).toEqual(reference);
  });

  it('rolls a token sale back on a reorg: the listing is live again and the sale row is gone', async () => {
    const test = createTestClient({ mode: 'anvil', transport: http(t.anvil.rpcUrl) });
    const snapshot = await test.snapshot();
    const { wallet: buyer } = await t.funded();
    await fundTestUsd(t, buyer, 7_000_000n, t.market);
    await minedOk(
      t,
      await buyer.writeContract({
        address: t.market,
        abi: marketAbi,
        functionName: 'buyInCurrency',
        args: [t.track, listed, usd, 7_000_000n],
      }),
    );
    await syncToHead(params());
    const after = await rows();
    expect(after.listings).toEqual([]);
    expect(after.sales.map((s) => [s.tokenId, s.currency])).toContainEqual([listed.toString(), usd]);

    await test.revert({ id: snapshot });
    await test.mine({ blocks: 5 });
    expect((await syncOnce(params())).rolledBackTo).not.toBeNull();
    await syncToHead(params());
    const back = await rows();
    expect(back.listings).toEqual([{ tokenId: listed.toString(), price: '7000000', currency: usd }]);
    expect(back.sales.map((s) => s.tokenId)).toEqual([sold.toString()]);
  });

  it('indexes a voucher redeemed in tUSD (issue #20): its event names the currency, the track is minted; a replay changes nothing; a reorg removes both', async () => {
    const test = createTestClient({ mode: 'anvil', transport: http(t.anvil.rpcUrl) });
    const snapshot = await test.snapshot();
    const { wallet: creator } = await t.funded();
    const { wallet: collector } = await t.funded();
    const voucher: CurrencyVoucher = {
      creator: creator.account.address,
      content: keccak256(toHex('voucher in tUSD')),
      manifest: keccak256(toHex('voucher in tUSD / manifest')),
      currency: usd,
      price: 12_500_000n,
      payout: creator.account.address,
      royaltyReceiver: creator.account.address,
      royaltyBps: 500,
      licence: 0,
      nonce: 7n,
      deadline: (await t.publicClient.getBlock()).timestamp + 3600n,
    };
    const signature = await creator.signTypedData(voucherTypedData(voucher, t.chain.id, t.track));
    await fundTestUsd(t, collector, voucher.price, t.track);
    await minedOk(
      t,
      await collector.writeContract({
        address: t.track,
        abi: trackCollectionAbi,
        functionName: 'redeemInCurrency',
        args: [voucher, signature, collector.account.address],
      }),
    );
    const tokenId = trackIdOf(creator.account.address, voucher.content);
    const redeemed = async () => ({
      events: (
        await prisma.chainEvent.findMany({ where: { chainId: CHAIN_ID, name: 'VoucherRedeemedInCurrency' } })
      ).map((e) => ({ tokenId: e.tokenId?.toFixed(), args: e.args })),
      track: await prisma.track.count({ where: { chainId: CHAIN_ID, tokenId: tokenId.toString() } }),
    });
    await syncToHead(params());
    const reference = await redeemed();
    expect(reference).toEqual({
      events: [
        {
          tokenId: tokenId.toString(),
          args: expect.objectContaining({
            creator: creator.account.address,
            buyer: collector.account.address,
            payout: creator.account.address,
            currency: usd,
            price: '12500000',
          }),
        },
      ],
      track: 1,
    });
    // The label statement (lib/labels/statement.ts) from the same indexed events: the sale in tUSD, under its own asset.
    const stored = (
      await prisma.chainEvent.findMany({
        where: { chainId: CHAIN_ID },
        orderBy: [{ blockNumber: 'asc' }, { logIndex: 'asc' }],
      })
    ).map((e) => ({ ...e, args: e.args as Record<string, unknown>, tokenId: e.tokenId?.toFixed() ?? null }));
    const statement = statementRows(stored, { tokenIds: new Set([tokenId.toString()]), splits: new Set() });
    expect(statement.map((r) => [r.kind, r.tokenId, r.account, r.asset, r.amountWei])).toEqual([
      ['primary-sale', tokenId.toString(), creator.account.address, usd, voucher.price],
    ]);
    expect(summarize(statement).byTrack.get(tokenId.toString())).toBeUndefined();
    await prisma.chainCursor.deleteMany({ where: { chainId: CHAIN_ID } });
    await syncToHead(params());
    expect(await redeemed()).toEqual(reference);

    await test.revert({ id: snapshot });
    await test.mine({ blocks: 5 });
    expect((await syncOnce(params())).rolledBackTo).not.toBeNull();
    await syncToHead(params());
    expect(await redeemed()).toEqual({ events: [], track: 0 });
  });
});
