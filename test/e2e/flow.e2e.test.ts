/**
 * The creator and collector flow end to end, two wallets on the local platform from `npm start`, in Chromium: the
 * creator (local dev account #1) composes in /studio, mints from /mint with a 7.5% royalty to a 70/30 split with dev
 * account #5, and lists on the track page; the collector (dev account #2, a second browser context) buys. The royalty
 * is credited to the split on the Market; the split's credit is pulled (Market.withdraw(split), callable by anyone —
 * the track page only offers the connected wallet's own credits), distributed, and payee #5 withdraws its share from
 * SplitMain. Every amount is checked on chain against price × royalty × share with the contracts' rounding.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createPublicClient, createWalletClient, http, parseEther, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { localChain } from '../../lib/config/chains';
import { marketAbi, splitMainAbi, trackCollectionAbi } from '../../lib/contracts/abi';
import { readDeployment } from '../../lib/contracts/deployment';
import { normalizeSplit, predictSplitAddress } from '../../lib/contracts/splits';
import { launchChromium } from '../support/chromium';
import { connectDevWallet, reloadUntil, short, waitForSuccess } from '../support/page-actions';
import {
  pressCtrlC,
  runStartScript,
  tempPlatform,
  type PlatformEnv,
  type StartedPlatform,
} from '../support/start-process';

type Dev = { address: Address; privateKey: `0x${string}` };
const devs = localDevAccounts(6) as Dev[];
const creator = devs[1]!;
const collector = devs[2]!;
const payee = devs[5]!;
/** An odd price, so every division below rounds. */
const PRICE = '0.333333333333333337';
const ROYALTY_BPS = 750n;

let dir: string;
let started: StartedPlatform;
let browser: Browser;
let base: string;
let env: PlatformEnv;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  ({ dir, env } = await tempPlatform('flow'));
  base = `http://localhost:${env.MOTIF_APP_PORT}`;
  started = runStartScript(env);
  [browser] = await Promise.all([launchChromium(), started.ready]);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  if (started && started.child.exitCode === null && started.child.signalCode === null) {
    pressCtrlC(started);
    await started.exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return page;
}

/** The owner line: its text (a display name once the account has one) and the owner's full address (its link title). */
const ownerText = (page: Page) =>
  page
    .getByTestId('track-owner')
    .evaluate((el) => `${el.textContent ?? ''} ${el.querySelector('a[title]')?.getAttribute('title') ?? ''}`);

describe('creator mints and lists, collector buys, the split’s payee withdraws its royalty share', () => {
  let creatorPage: Page;
  let tokenId: bigint;

  it('the creator composes in the studio and mints with a 70/30 split', async () => {
    creatorPage = await newPage();
    const page = creatorPage;
    await page.goto(`${base}/studio`);
    await page.waitForFunction(() => 'motifStudio' in window);
    await page.getByRole('spinbutton', { name: 'Seed' }).fill('11');
    await page.getByRole('spinbutton', { name: 'Bars', exact: true }).fill('4');
    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    await page.getByTestId('digest').or(page.getByTestId('error')).waitFor();
    await expect(page.getByTestId('error').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Render WAV' }).click();
    await page
      .getByTestId('status')
      .filter({ hasText: /^Rendered/ })
      .or(page.getByTestId('error'))
      .waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/mint\?draft=/);
    await page.getByRole('textbox', { name: 'Title' }).fill('Two Wallets');
    await connectDevWallet(page, 1, creator.address);
    await page.getByRole('combobox', { name: 'Genre' }).selectOption('Ambient');
    await page.getByRole('textbox', { name: 'Royalty on sales (%)' }).fill('7.5');
    await expect(page.getByRole('textbox', { name: 'Payee 1 address' }).inputValue()).resolves.toBe(creator.address);
    await page.getByRole('textbox', { name: 'Payee 1 share (%)' }).fill('70');
    await page.getByRole('button', { name: 'Add payee' }).click();
    await page.getByRole('textbox', { name: 'Payee 2 address' }).fill(payee.address);
    await page.getByRole('textbox', { name: 'Payee 2 share (%)' }).fill('30');
    await page.getByTestId('fee').waitFor();
    await page.getByRole('button', { name: 'Sign, pin and mint' }).click();
    await page.waitForURL(/\/tracks\/\d+$/);
    tokenId = BigInt(new URL(page.url()).pathname.split('/').pop() ?? '0');
    expect(tokenId > 0n).toBe(true);
  });

  it('the creator lists it; the collector, in another browser context, buys it', async () => {
    const page = creatorPage;
    await reloadUntil(
      page,
      async () => (await ownerText(page))?.includes(creator.address) ?? false,
      'the mint in the indexer',
    );
    await expect(page.getByLabel('Connected wallet').textContent()).resolves.toContain(short(creator.address));
    const list = page.getByRole('form', { name: 'List for sale' });
    await list.getByLabel('Price (ETH)').fill(PRICE);
    await list.getByRole('button', { name: `List for ${PRICE} ETH` }).click();
    await waitForSuccess(page, 'List for sale: confirmed.');

    const buyer = await newPage();
    await buyer.goto(`${base}/tracks/${tokenId}`);
    await reloadUntil(
      buyer,
      async () => (await buyer.getByTestId('listing-price').count()) > 0,
      'the listing in the indexer',
    );
    await connectDevWallet(buyer, 2, collector.address);
    const buy = buyer.getByRole('region', { name: 'Buy' });
    await buy.getByRole('button', { name: `Buy for ${PRICE} ETH` }).click();
    await waitForSuccess(buyer, 'Buy: confirmed.');
    await reloadUntil(
      buyer,
      async () => (await ownerText(buyer))?.includes(collector.address) ?? false,
      'the new owner in the indexer',
    );
  });

  it('the royalty is credited to the split, distributed 70/30 with SplitMain’s rounding, and payee #5 withdraws its share', async () => {
    const chain = localChain(`http://127.0.0.1:${env.MOTIF_ANVIL_PORT}`);
    const client = createPublicClient({ chain, transport: http() });
    const deployment = readDeployment(path.join(env.MOTIF_DATA_DIR!, 'deployments', '31337.json'));
    const collection = deployment.contracts.TrackCollection.address as Address;
    const market = deployment.contracts.Market.address as Address;
    const splitMain = deployment.contracts.SplitMain.address as Address;
    const split = normalizeSplit([
      { account: creator.address, share: 700_000 },
      { account: payee.address, share: 300_000 },
    ]);
    const splitAddress = predictSplitAddress(splitMain, split);

    const price = parseEther(PRICE);
    const royalty = (price * ROYALTY_BPS) / 10_000n; // ERC-2981 royaltyInfo, rounded down; no platform fee
    const [receiver, quoted] = await client.readContract({
      address: collection,
      abi: trackCollectionAbi,
      functionName: 'royaltyInfo',
      args: [tokenId, price],
    });
    expect([receiver, quoted]).toEqual([splitAddress, royalty]);
    await expect(
      client.readContract({ address: collection, abi: trackCollectionAbi, functionName: 'ownerOf', args: [tokenId] }),
    ).resolves.toBe(collector.address);
    await expect(
      client.readContract({ address: market, abi: marketAbi, functionName: 'creditsOf', args: [splitAddress] }),
    ).resolves.toBe(royalty);
    await expect(
      client.readContract({ address: market, abi: marketAbi, functionName: 'creditsOf', args: [creator.address] }),
    ).resolves.toBe(price - royalty);

    // Anyone may pull the split's Market credit to it and distribute it; the payee does both here, then withdraws.
    const wallet = createWalletClient({ chain, transport: http(), account: privateKeyToAccount(payee.privateKey) });
    let gas = 0n;
    const send = async (hash: `0x${string}`) => {
      const receipt = await client.waitForTransactionReceipt({ hash });
      expect(receipt.status).toBe('success');
      gas += receipt.gasUsed * receipt.effectiveGasPrice;
    };
    const before = await client.getBalance({ address: payee.address });
    await send(
      await wallet.writeContract({ address: market, abi: marketAbi, functionName: 'withdraw', args: [splitAddress] }),
    );
    await expect(client.getBalance({ address: splitAddress })).resolves.toBe(royalty);
    await send(
      await wallet.writeContract({
        address: splitMain,
        abi: splitMainAbi,
        functionName: 'distributeETH',
        args: [splitAddress, split.accounts, split.shares],
      }),
    );

    // SplitMain credits each payee the floor of its share of everything paid in; the remainder (fewer wei than
    // payees) is held for the next distribution, never given to anyone else.
    const shareOf = (account: Address) =>
      (royalty * BigInt(split.shares[split.accounts.indexOf(account)]!)) / 1_000_000n;
    const payeeShare = shareOf(payee.address);
    const creatorShare = shareOf(creator.address);
    const held = await client.readContract({
      address: splitMain,
      abi: splitMainAbi,
      functionName: 'heldOf',
      args: [splitAddress, '0x0000000000000000000000000000000000000000'],
    });
    expect(payeeShare + creatorShare + held).toBe(royalty);
    await expect(
      client.readContract({
        address: splitMain,
        abi: splitMainAbi,
        functionName: 'balanceOf',
        args: [payee.address, '0x0000000000000000000000000000000000000000'],
      }),
    ).resolves.toBe(payeeShare);
    await expect(
      client.readContract({
        address: splitMain,
        abi: splitMainAbi,
        functionName: 'balanceOf',
        args: [creator.address, '0x0000000000000000000000000000000000000000'],
      }),
    ).resolves.toBe(creatorShare);
    await expect(client.getBalance({ address: splitAddress })).resolves.toBe(0n);

    await send(
      await wallet.writeContract({
        address: splitMain,
        abi: splitMainAbi,
        functionName: 'withdraw',
        args: [payee.address, true, []],
      }),
    );
    await expect(
      client.readContract({
        address: splitMain,
        abi: splitMainAbi,
        functionName: 'balanceOf',
        args: [payee.address, '0x0000000000000000000000000000000000000000'],
      }),
    ).resolves.toBe(0n);
    expect((await client.getBalance({ address: payee.address })) - before + gas).toBe(payeeShare);
    // 30% of 7.5% of the price, to the wei (rounded down twice)
    expect(payeeShare).toBe((((price * 750n) / 10_000n) * 300_000n) / 1_000_000n);
    expect(pageErrors).toEqual([]);
  });
});
