import { getAddress, keccak256, parseEventLogs, toHex, type Address, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionsAbi, marketAbi, motifTestUsdAbi, trackCollectionAbi } from '../../lib/contracts/abi';
import {
  marketCurrencyOrderTypes,
  marketOrderDomain,
  type MarketCurrencyOrder,
} from '../../lib/contracts/market-order';
import { trackIdOf } from '../../lib/contracts/track-id';
import { approveMarket, fundTestUsd, minedOk, startDeployedChain, type DeployedChain } from './deployed';

// Prices in the local test stablecoin (issue #20): the deployment's MotifTestUSD, allowed in the Market at deploy.
let t: DeployedChain;
let usd: Address;
beforeAll(async () => {
  t = await startDeployedChain();
  if (!t.deployment.stablecoin) throw new Error('the local deployment records no stablecoin');
  usd = getAddress(t.deployment.stablecoin.address);
});
afterAll(async () => {
  await t?.stop();
});

const mined = (hash: Hex) => minedOk(t, hash);
const read = { abi: marketAbi } as const;

async function mintTrack(label: string, royaltyReceiver: Address, royaltyBps: number) {
  const { wallet: creator } = await t.funded();
  const content = keccak256(toHex(label));
  await mined(
    await creator.writeContract({
      address: t.track,
      abi: trackCollectionAbi,
      functionName: 'mint',
      args: [creator.account.address, content, toHex(1n, { size: 32 }), royaltyReceiver, royaltyBps, 7],
    }),
  );
  await approveMarket(t, creator);
  return { creator, tokenId: trackIdOf(creator.account.address, content) };
}

/** A funded collector holding `amount` test dollars, with the Market approved for exactly that. */
async function collectorWith(amount: bigint) {
  const { wallet } = await t.funded();
  await fundTestUsd(t, wallet, amount, t.market);
  return wallet;
}

const creditsIn = (account: Address) =>
  t.publicClient.readContract({ ...read, address: t.market, functionName: 'currencyCreditsOf', args: [account, usd] });

describe('Market prices in the local test stablecoin (anvil)', () => {
  it('deploys MotifTestUSD (6 decimals, tUSD) and allows it in the Market', async () => {
    expect(t.deployment.stablecoin).toMatchObject({ symbol: 'tUSD', decimals: 6, testToken: true });
    expect(await t.publicClient.readContract({ address: usd, abi: motifTestUsdAbi, functionName: 'decimals' })).toBe(6);
    expect(
      await t.publicClient.readContract({ ...read, address: t.market, functionName: 'currencyAllowed', args: [usd] }),
    ).toBe(true);
  });

  it('lists and buys a track in tUSD: seller and royalty receiver are credited in tUSD and withdraw it', async () => {
    const royaltyReceiver = (await t.funded()).wallet.account.address;
    const { creator, tokenId } = await mintTrack('tusd listing', royaltyReceiver, 750);
    const seller = creator.account.address;
    const price = 25_000_000n; // 25 tUSD
    const expiry = BigInt(Math.floor(Date.now() / 1000) + 3600);
    await mined(
      await creator.writeContract({
        address: t.market,
        abi: marketAbi,
        functionName: 'listInCurrency',
        args: [t.track, tokenId, usd, price, expiry],
      }),
    );
    expect(
      await t.publicClient.readContract({
        ...read,
        address: t.market,
        functionName: 'listingCurrency',
        args: [t.track, tokenId],
      }),
    ).toBe(usd);

    const collector = await collectorWith(price);
    // A native purchase of a tUSD listing is refused.
    await expect(
      collector.writeContract({
        address: t.market,
        abi: marketAbi,
        functionName: 'buy',
        args: [t.track, tokenId],
        value: price,
      }),
    ).rejects.toThrow(/WrongCurrency/);
    const receipt = await mined(
      await collector.writeContract({
        address: t.market,
        abi: marketAbi,
        functionName: 'buyInCurrency',
        args: [t.track, tokenId, usd, price],
      }),
    );
    const [sale] = parseEventLogs({ abi: marketAbi, logs: receipt.logs, eventName: 'SaleInCurrency' });
    expect(sale?.args).toMatchObject({ currency: usd, price, royaltyReceiver, royalty: 1_875_000n, fee: 0n, seller });
    expect(
      await t.publicClient.readContract({
        address: t.track,
        abi: trackCollectionAbi,
        functionName: 'ownerOf',
        args: [tokenId],
      }),
    ).toBe(collector.account.address);
    expect(await creditsIn(seller)).toBe(23_125_000n);
    expect(await creditsIn(royaltyReceiver)).toBe(1_875_000n);
    expect(
      await t.publicClient.readContract({ ...read, address: t.market, functionName: 'creditsOf', args: [seller] }),
    ).toBe(0n);

    await mined(
      await creator.writeContract({
        address: t.market,
        abi: marketAbi,
        functionName: 'withdrawCurrency',
        args: [seller, usd],
      }),
    );
    expect(
      await t.publicClient.readContract({
        address: usd,
        abi: motifTestUsdAbi,
        functionName: 'balanceOf',
        args: [seller],
      }),
    ).toBe(23_125_000n);
    expect(await creditsIn(seller)).toBe(0n);
  });

  it('fills a viem-signed CurrencyOrder (the TypeScript typed data matches the contract)', async () => {
    const royaltyReceiver = (await t.funded()).wallet.account.address;
    const { creator, tokenId } = await mintTrack('tusd order', royaltyReceiver, 1000);
    const tokenVersion = await t.publicClient.readContract({
      address: t.track,
      abi: trackCollectionAbi,
      functionName: 'tokenVersion',
      args: [tokenId],
    });
    const order: MarketCurrencyOrder = {
      seller: creator.account.address,
      collection: t.track,
      tokenId,
      currency: usd,
      price: 10_000_000n,
      maxFeeBps: 0,
      tokenVersion,
      expiry: BigInt(Math.floor(Date.now() / 1000) + 3600),
      nonce: 1n,
    };
    const signature = await creator.signTypedData({
      domain: marketOrderDomain(t.chain.id, t.market),
      types: marketCurrencyOrderTypes,
      primaryType: 'CurrencyOrder',
      message: order,
    });
    const collector = await collectorWith(order.price);
    await mined(
      await collector.writeContract({
        address: t.market,
        abi: marketAbi,
        functionName: 'fillInCurrency',
        args: [order, signature],
      }),
    );
    expect(await creditsIn(creator.account.address)).toBe(9_000_000n);
    expect(await creditsIn(royaltyReceiver)).toBe(1_000_000n);
  });

  it('sells an edition phase priced in tUSD: the payout and the referrer are credited in tUSD', async () => {
    const { wallet: creator } = await t.funded();
    const { wallet: referrer } = await t.funded();
    const payout = (await t.funded()).wallet.account.address;
    const editions = { address: t.editions, abi: editionsAbi } as const;
    expect(await t.publicClient.readContract({ ...editions, functionName: 'currencyAllowed', args: [usd] })).toBe(true);
    const content = keccak256(toHex('tusd edition'));
    const now = Number((await t.publicClient.getBlock()).timestamp);
    await mined(
      await creator.writeContract({
        ...editions,
        functionName: 'createEdition',
        args: [
          {
            content,
            manifest: toHex(1n, { size: 32 }),
            licence: 7,
            royaltyReceiver: payout,
            royaltyBps: 500,
            payout,
            maxSupply: 100,
            closeAt: 0,
            referralBps: 1000,
          },
          [],
        ],
      }),
    );
    const editionId = await t.publicClient.readContract({
      ...editions,
      functionName: 'editionIdOf',
      args: [creator.account.address, content],
    });
    const phase = { price: 3_000_000n, start: now - 60, end: now + 3600, walletCap: 0, phaseCap: 0, mode: 0 };
    await mined(
      await creator.writeContract({
        ...editions,
        functionName: 'addPhaseInCurrency',
        args: [editionId, { ...phase, merkleRoot: toHex(0n, { size: 32 }) }, usd],
      }),
    );
    const collector = await collectorWith(6_000_000n);
    await mined(
      await collector.writeContract({
        address: usd,
        abi: motifTestUsdAbi,
        functionName: 'approve',
        args: [t.editions, 6_000_000n],
      }),
    );
    await mined(
      await collector.writeContract({
        ...editions,
        functionName: 'mint',
        args: [editionId, 0n, 2n, collector.account.address, referrer.account.address, 'paid in tUSD'],
      }),
    );
    const credits = (account: Address) =>
      t.publicClient.readContract({ ...editions, functionName: 'currencyCreditsOf', args: [account, usd] });
    expect(await credits(payout)).toBe(5_400_000n);
    expect(await credits(referrer.account.address)).toBe(600_000n);
  });
});
