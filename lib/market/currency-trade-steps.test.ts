import {
  erc20Abi,
  getAddress,
  keccak256,
  toHex,
  type Account,
  type Address,
  type Chain,
  type Transport,
  type WalletClient,
} from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveMarket, minedOk, startDeployedChain, type DeployedChain } from '../../test/contracts/deployed';
import { marketAbi, motifTestUsdAbi, trackCollectionAbi } from '../contracts/abi';
import { trackIdOf } from '../contracts/track-id';
import { currencyTradeSteps, type CurrencyTrade } from './currency-trade-steps';

type Wallet = WalletClient<Transport, Chain, Account>;

// Against a real anvil with the contracts and the 6-decimal test stablecoin (tUSD) deployed and allowed.
let t: DeployedChain;
let usd: Address;
beforeAll(async () => {
  t = await startDeployedChain();
  usd = getAddress(t.deployment.stablecoin!.address);
});
afterAll(async () => {
  await t?.stop();
});

/** Sends the steps of `trade` from `wallet` one by one, waiting for each; returns their labels. */
async function run(wallet: Wallet, trade: CurrencyTrade): Promise<string[]> {
  const steps = await currencyTradeSteps(
    { publicClient: t.publicClient, walletClient: wallet, market: t.market, collection: t.track },
    trade,
    'tUSD',
  );
  for (const step of steps) await minedOk(t, await step.send());
  return steps.map((s) => s.label);
}
const tusd = (account: Address) =>
  t.publicClient.readContract({ address: usd, abi: erc20Abi, functionName: 'balanceOf', args: [account] });
const credits = (account: Address) =>
  t.publicClient.readContract({
    address: t.market,
    abi: marketAbi,
    functionName: 'currencyCreditsOf',
    args: [account, usd],
  });
async function withTusd(amount: bigint): Promise<Wallet> {
  const { wallet } = await t.funded();
  await minedOk(
    t,
    await wallet.writeContract({
      address: usd,
      abi: motifTestUsdAbi,
      functionName: 'mint',
      args: [wallet.account.address, amount],
    }),
  );
  return wallet;
}

describe('currencyTradeSteps (tUSD on anvil)', () => {
  it('lists, then buys with an exact approval first; seller and royalty receiver are credited in tUSD and withdraw it', async () => {
    const { wallet: creator } = await t.funded();
    const royaltyReceiver = (await t.funded()).wallet.account.address;
    const content = keccak256(toHex('currency steps'));
    await minedOk(
      t,
      await creator.writeContract({
        address: t.track,
        abi: trackCollectionAbi,
        functionName: 'mint',
        args: [creator.account.address, content, toHex(1n, { size: 32 }), royaltyReceiver, 1_000, 1],
      }),
    );
    await approveMarket(t, creator);
    const tokenId = trackIdOf(creator.account.address, content);
    const expiry = (await t.publicClient.getBlock()).timestamp + 86_400n;
    const price = 12_500_000n; // 12.5 tUSD

    expect(await run(creator, { kind: 'list', tokenId, currency: usd, price, expiry })).toEqual(['List in tUSD']);
    const buyer = await withTusd(20_000_000n);
    expect(await run(buyer, { kind: 'buy', tokenId, currency: usd, price })).toEqual([
      'Allow the market to take tUSD',
      'Buy in tUSD',
    ]);
    expect(
      await t.publicClient.readContract({
        address: t.track,
        abi: trackCollectionAbi,
        functionName: 'ownerOf',
        args: [tokenId],
      }),
    ).toBe(buyer.account.address);
    expect(await tusd(buyer.account.address)).toBe(7_500_000n);
    // The approval was for the price exactly: nothing is left for the market to take.
    expect(
      await t.publicClient.readContract({
        address: usd,
        abi: erc20Abi,
        functionName: 'allowance',
        args: [buyer.account.address, t.market],
      }),
    ).toBe(0n);
    expect(await credits(royaltyReceiver)).toBe(1_250_000n); // 10 %
    expect(await credits(creator.account.address)).toBe(11_250_000n);

    expect(await run(creator, { kind: 'withdraw', currency: usd })).toEqual(['Withdraw your tUSD credits']);
    expect(await tusd(creator.account.address)).toBe(11_250_000n);
    expect(await credits(creator.account.address)).toBe(0n);

    // An offer with an allowance that already covers it needs no approval; the owner accepts it.
    const bidder = await withTusd(5_000_000n);
    await minedOk(
      t,
      await bidder.writeContract({
        address: usd,
        abi: erc20Abi,
        functionName: 'approve',
        args: [t.market, 10_000_000n],
      }),
    );
    const offer = { tokenId, currency: usd, amount: 4_000_000n } as const;
    expect(await run(bidder, { kind: 'offer', ...offer, expiry })).toEqual(['Offer in tUSD']);
    expect(await tusd(bidder.account.address)).toBe(1_000_000n);
    await approveMarket(t, buyer);
    expect(await run(buyer, { kind: 'acceptOffer', ...offer, buyer: bidder.account.address, maxFeeBps: 0 })).toEqual([
      'Accept the offer in tUSD',
    ]);
    expect(
      await t.publicClient.readContract({
        address: t.track,
        abi: trackCollectionAbi,
        functionName: 'ownerOf',
        args: [tokenId],
      }),
    ).toBe(bidder.account.address);
    expect(await credits(buyer.account.address)).toBe(3_600_000n);
  });

  it('an offer withdrawn is credited back; a buy at a stale price is refused before signing and moves nothing', async () => {
    const { wallet: creator } = await t.funded();
    const content = keccak256(toHex('currency steps 2'));
    await minedOk(
      t,
      await creator.writeContract({
        address: t.track,
        abi: trackCollectionAbi,
        functionName: 'mint',
        args: [creator.account.address, content, toHex(2n, { size: 32 }), creator.account.address, 0, 1],
      }),
    );
    await approveMarket(t, creator);
    const tokenId = trackIdOf(creator.account.address, content);
    const expiry = (await t.publicClient.getBlock()).timestamp + 86_400n;
    const bidder = await withTusd(3_000_000n);
    await run(bidder, { kind: 'offer', tokenId, currency: usd, amount: 3_000_000n, expiry });
    expect(await run(bidder, { kind: 'cancelOffer', tokenId, currency: usd })).toEqual(['Withdraw the offer in tUSD']);
    expect(await credits(bidder.account.address)).toBe(3_000_000n);
    await run(bidder, { kind: 'withdraw', currency: usd });
    expect(await tusd(bidder.account.address)).toBe(3_000_000n);

    await run(creator, { kind: 'list', tokenId, currency: usd, price: 2_000_000n, expiry });
    const error = await run(bidder, { kind: 'buy', tokenId, currency: usd, price: 1_000_000n }).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toContain('PriceMismatch');
    expect(await tusd(bidder.account.address)).toBe(3_000_000n);
  });
});
