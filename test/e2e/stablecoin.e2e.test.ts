/**
 * Prices in the chain's stablecoin end to end (issue #20), on the local platform from `npm start` (which deploys the
 * 6-decimal test token tUSD and allows it in the Market), in Chromium with two local dev wallets: the creator lists a
 * track in tUSD with the fees shown in tUSD, the collector buys it in the browser (ERC-20 approval of the exact price,
 * then buyInCurrency), the seller's and the royalty split's tUSD credits are right on chain, and the page shows the
 * price in tUSD and never in the native currency; then the creator offers tUSD for it (approval of the exact amount,
 * then makeOfferInCurrency) and the collector, now its owner, accepts that offer, with the tUSD credits checked on
 * chain. The fees of a token price are in the token, the network fee in the chain's own currency. The track is minted
 * with viem (the mint UI is another flow).
 */
import path from 'node:path';
import { createPublicClient, createWalletClient, getAddress, http, keccak256, toHex, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { localChain } from '../../lib/config/chains';
import { marketAbi, motifTestUsdAbi, splitMainAbi, trackCollectionAbi } from '../../lib/contracts/abi';
import { readDeployment } from '../../lib/contracts/deployment';
import { trackIdOf } from '../../lib/contracts/track-id';
import { startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from '../support/browser-platform';
import { connectDevWallet, reloadUntil, short, textNow, waitForSuccess } from '../support/page-actions';

const [, creator, collector, partner] = localDevAccounts(4) as [
  unknown,
  { address: Address; privateKey: `0x${string}` },
  { address: Address; privateKey: `0x${string}` },
  { address: Address; privateKey: `0x${string}` },
];

let platform: BrowserPlatform;
let tokenId: bigint;
let usd: Address;
let market: Address;
let collection: Address;
let split: Address;
const chainClient = (rpcUrl: string) => createPublicClient({ chain: localChain(rpcUrl), transport: http() });
let publicClient: ReturnType<typeof chainClient>;
let chain: ReturnType<typeof localChain>;
const wallet = (key: `0x${string}`) =>
  createWalletClient({ chain, transport: http(), account: privateKeyToAccount(key) });
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  platform = await startBrowserPlatform('stablecoin');
  chain = localChain(`http://127.0.0.1:${platform.env.MOTIF_ANVIL_PORT}`);
  publicClient = chainClient(chain.rpcUrls.default.http[0]!);
  const deployment = readDeployment(path.join(platform.env.MOTIF_DATA_DIR, 'deployments', '31337.json'));
  if (!deployment.stablecoin) throw new Error('npm start recorded no stablecoin');
  usd = getAddress(deployment.stablecoin.address);
  market = deployment.contracts.Market.address;
  collection = deployment.contracts.TrackCollection.address;
  // Royalty 10 % to a split of the creator and a partner (70/30), which the Market credits in tUSD.
  const accounts = [creator.address, partner.address].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  const shares = accounts.map((a) => (a === creator.address ? 700_000 : 300_000));
  const zero = '0x0000000000000000000000000000000000000000';
  const splitMain = deployment.contracts.SplitMain.address;
  split = await publicClient.readContract({
    address: splitMain,
    abi: splitMainAbi,
    functionName: 'predictSplitAddress',
    args: [accounts, shares, zero],
  });
  await publicClient.waitForTransactionReceipt({
    hash: await wallet(creator.privateKey).writeContract({
      address: splitMain,
      abi: splitMainAbi,
      functionName: 'createSplit',
      args: [accounts, shares, zero],
    }),
  });
  const content = keccak256(toHex(`stablecoin e2e ${Date.now()}`));
  tokenId = trackIdOf(creator.address, content);
  await publicClient.waitForTransactionReceipt({
    hash: await wallet(creator.privateKey).writeContract({
      address: collection,
      abi: trackCollectionAbi,
      functionName: 'mint',
      args: [creator.address, content, keccak256(toHex('stablecoin e2e manifest')), split, 1000, 6],
    }),
  });
  // The collector holds 20 tUSD (anyone may mint the worthless test token) and has approved nothing yet.
  await publicClient.waitForTransactionReceipt({
    hash: await wallet(collector.privateKey).writeContract({
      address: usd,
      abi: motifTestUsdAbi,
      functionName: 'mint',
      args: [collector.address, 20_000_000n],
    }),
  });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await stopBrowserPlatform(platform);
});

async function walletPage(index: 1 | 2, address: Address): Promise<Page> {
  const context = await platform.browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${platform.base}/tracks/${tokenId}`);
  await reloadUntil(
    page,
    async () => (await page.locator('[data-testid="track-owner"] a[title]').count()) > 0,
    'the mint in the indexer',
  );
  await connectDevWallet(page, index, address);
  return page;
}

const credits = (account: Address) =>
  publicClient.readContract({
    address: market,
    abi: marketAbi,
    functionName: 'currencyCreditsOf',
    args: [account, usd],
  });

describe('a track priced in tUSD, in Chromium with two local dev wallets', () => {
  it('the creator lists it in tUSD with the royalty and fee shown in tUSD', async () => {
    const page = await walletPage(1, creator.address);
    const list = page.getByRole('form', { name: 'List for sale' });
    await list.getByLabel('Currency').selectOption({ label: 'tUSD' });
    await list.getByLabel('Price (tUSD)').fill('12.5');
    await expect(list.getByTestId('fee-breakdown').textContent()).resolves.toBe(
      `Sale price12.5 tUSDCreator royalty1.25 tUSD to ${short(split)}Platform fee (0%)0 tUSDYou receive11.25 tUSDNetwork feegas in ETH, not tUSD, shown by your wallet`,
    );
    await list.getByRole('button', { name: 'List for 12.5 tUSD' }).click();
    await waitForSuccess(page, 'List for sale: confirmed.');
    expect(
      await publicClient.readContract({
        address: market,
        abi: marketAbi,
        functionName: 'listingCurrency',
        args: [collection, tokenId],
      }),
    ).toBe(usd);
  });

  it('the collector sees the price in tUSD, buys it (approval, then buyInCurrency), and the credits are right on chain', async () => {
    const page = await walletPage(2, collector.address);
    await reloadUntil(
      page,
      async () => (await textNow(page, 'listing-price')).length > 0,
      'the listing in the indexer',
    );
    expect(await textNow(page, 'listing-price')).toBe('12.5 tUSD');
    const buy = page.getByRole('region', { name: 'Buy' });
    await expect(buy.getByTestId('fee-breakdown').textContent()).resolves.toContain(
      'You pay12.5 tUSDCreator royalty1.25 tUSD',
    );
    // The network fee as a number in the chain's own currency (the approve, then buyInCurrency), against what the two
    // transactions then cost the collector in ETH (the unit test of the preview holds it to 5 % per step).
    const feeText = await buy.getByText(/^about [\d.]+ ETH in gas \(ETH, not tUSD\)$/).textContent();
    const shownFee = Number(/[\d.]+/.exec(feeText ?? '')?.[0]);
    const ethBefore = await publicClient.getBalance({ address: collector.address });
    await buy.getByRole('button', { name: 'Buy for 12.5 tUSD' }).click();
    await waitForSuccess(page, 'Buy: confirmed.');
    const spent = Number(ethBefore - (await publicClient.getBalance({ address: collector.address }))) / 1e18;
    expect(shownFee / spent).toBeGreaterThan(0.85);
    expect(shownFee / spent).toBeLessThan(1.15);

    expect(
      await publicClient.readContract({
        address: collection,
        abi: trackCollectionAbi,
        functionName: 'ownerOf',
        args: [tokenId],
      }),
    ).toBe(collector.address);
    expect(await credits(creator.address)).toBe(11_250_000n); // 12.5 - 10 % royalty, no platform fee
    expect(await credits(split)).toBe(1_250_000n); // the royalty, to the split, in tUSD
    expect(
      await publicClient.readContract({
        address: usd,
        abi: motifTestUsdAbi,
        functionName: 'balanceOf',
        args: [collector.address],
      }),
    ).toBe(7_500_000n);

    await reloadUntil(
      page,
      async () => (await textNow(page, 'history')).includes('Sold by'),
      'the sale in the indexer',
    );
    const history = await textNow(page, 'history');
    // people by display name: `npm start` names each local dev account
    expect(history).toContain('Listed by Local creator #1 (dev key) for 12.5 tUSD');
    expect(history).toContain(
      'Sold by Local creator #1 (dev key) to Local collector #2 (dev key) for 12.5 tUSD (royalty 1.25 tUSD, fee 0 tUSD)',
    );
    // The token price is never shown in the native currency.
    expect(history).not.toMatch(/ETH/);
    expect(await page.locator('main').textContent()).not.toMatch(/12\.5 ETH|1\.25 ETH|0\.0000000000125 ETH/);
  });

  it('the creator offers 4 tUSD (approval, then makeOfferInCurrency) and the collector, now the owner, accepts it', async () => {
    await publicClient.waitForTransactionReceipt({
      hash: await wallet(creator.privateKey).writeContract({
        address: usd,
        abi: motifTestUsdAbi,
        functionName: 'mint',
        args: [creator.address, 10_000_000n],
      }),
    });
    const tusd = (account: Address) =>
      publicClient.readContract({ address: usd, abi: motifTestUsdAbi, functionName: 'balanceOf', args: [account] });
    const creatorPage = await walletPage(1, creator.address);
    const offer = creatorPage.getByRole('form', { name: 'Make an offer' });
    await offer.getByLabel('Currency').selectOption({ label: 'tUSD' });
    await offer.getByLabel('Amount (tUSD)').fill('4');
    await expect(offer.getByTestId('fee-breakdown').textContent()).resolves.toBe(
      `You pay4 tUSDCreator royalty0.4 tUSD to ${short(split)}Platform fee (0%)0 tUSDSeller receives3.6 tUSDNetwork feegas in ETH, not tUSD, shown by your wallet`,
    );
    await offer.getByRole('button', { name: 'Offer 4 tUSD' }).click();
    await waitForSuccess(creatorPage, 'Make offer: confirmed.');
    // escrowed in the market, and the approval was for the amount exactly
    expect(await tusd(creator.address)).toBe(6_000_000n);
    expect(
      await publicClient.readContract({
        address: usd,
        abi: motifTestUsdAbi,
        functionName: 'allowance',
        args: [creator.address, market],
      }),
    ).toBe(0n);
    await creatorPage.getByRole('region', { name: 'Your offer in tUSD' }).getByText('Your offer: 4 tUSD').waitFor();

    const ownerPage = await walletPage(2, collector.address);
    const accept = () =>
      ownerPage.getByRole('button', { name: `Accept offer of 4 tUSD from ${short(creator.address)}` });
    await reloadUntil(ownerPage, async () => (await accept().count()) > 0, 'the tUSD offer in the indexer');
    await expect(
      ownerPage.getByRole('region', { name: 'Offers' }).getByTestId('fee-breakdown').textContent(),
    ).resolves.toBe(
      `Sale price4 tUSDCreator royalty0.4 tUSD to ${short(split)}Platform fee (0%)0 tUSDYou receive3.6 tUSDNetwork feegas in ETH, not tUSD, shown by your wallet`,
    );
    await accept().click();
    await waitForSuccess(ownerPage, 'Accept offer: confirmed.');

    expect(
      await publicClient.readContract({
        address: collection,
        abi: trackCollectionAbi,
        functionName: 'ownerOf',
        args: [tokenId],
      }),
    ).toBe(creator.address);
    expect(await credits(collector.address)).toBe(3_600_000n); // 4 - 10 % royalty, no platform fee
    expect(await credits(split)).toBe(1_250_000n + 400_000n); // both royalties, in tUSD
    expect(await credits(creator.address)).toBe(11_250_000n); // unchanged: the offer was paid from the balance
    await reloadUntil(
      ownerPage,
      async () => (await textNow(ownerPage, 'history')).includes('Offer of 4 tUSD'),
      'the offer in the history',
    );
    expect(await textNow(ownerPage, 'history')).not.toMatch(/ETH/);
  });
});
