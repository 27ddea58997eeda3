/**
 * One balance and notifications end to end (issue #16), on the local platform from `npm start`, in Chromium with the
 * creator's local dev wallet: the creator signs in, a collector buys the creator's track (with viem: trading has its
 * own e2e), the bell shows the sale as unread, /money shows the Market credits as the total, Withdraw all moves them
 * to the wallet on chain, the notification is opened and marked read, and axe-core finds no serious or critical
 * violation on /money; no sideways scroll at 390 px. Then a referral share of an edition sale paid in tUSD (issue #17)
 * shows in the total and Withdraw all pulls it from the Editions contract in the token.
 */
import path from 'node:path';
import {
  createPublicClient,
  createWalletClient,
  getAddress,
  http,
  keccak256,
  parseEther,
  toHex,
  type Address,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { localChain } from '../../lib/config/chains';
import { editionsAbi, marketAbi, motifTestUsdAbi, trackCollectionAbi } from '../../lib/contracts/abi';
import { readDeployment } from '../../lib/contracts/deployment';
import { trackIdOf } from '../../lib/contracts/track-id';
import { addEditionPhase } from '../../lib/editions/add-phase';
import { createEdition } from '../../lib/editions/create-edition';
import { mintEdition } from '../../lib/editions/mint-edition';
import { startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from '../support/browser-platform';
import { connectDevWallet, textNow, waitForSuccess, waitForText } from '../support/page-actions';
import { CHECK_WIDTHS, checkPageState } from '../support/page-check';

const [, creator, collector, editionMaker] = localDevAccounts(4) as [
  unknown,
  { address: Address; privateKey: `0x${string}` },
  { address: Address; privateKey: `0x${string}` },
  { address: Address; privateKey: `0x${string}` },
];

let platform: BrowserPlatform | undefined;
let context: BrowserContext;
let page: Page;
let base: string;
let chain: ReturnType<typeof localChain>;
let publicClient: ReturnType<typeof createPublicClient>;
let addresses: { TrackCollection: Address; Market: Address; Editions: Address };
let usd: Address;

beforeAll(async () => {
  platform = await startBrowserPlatform('money');
  const { env } = platform;
  base = platform.base;
  chain = localChain(`http://127.0.0.1:${env.MOTIF_ANVIL_PORT}`);
  publicClient = createPublicClient({ chain, transport: http() });
  const deployment = readDeployment(path.join(env.MOTIF_DATA_DIR, 'deployments', '31337.json'));
  addresses = {
    TrackCollection: deployment.contracts.TrackCollection.address,
    Market: deployment.contracts.Market.address,
    Editions: deployment.contracts.Editions.address,
  };
  if (!deployment.stablecoin) throw new Error('the local deployment has no test stablecoin');
  usd = getAddress(deployment.stablecoin.address);
  context = await platform.browser.newContext();
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close().catch(() => {});
  await stopBrowserPlatform(platform);
});

const bell = () => page.getByTestId('notification-bell');

/** The creator mints a track (royalty 10% to itself) and lists it for 1 ETH; the collector buys it. */
async function sellATrack(): Promise<void> {
  const seller = createWalletClient({ chain, transport: http(), account: privateKeyToAccount(creator.privateKey) });
  const buyer = createWalletClient({ chain, transport: http(), account: privateKeyToAccount(collector.privateKey) });
  const mined = async (hash: `0x${string}`) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe('success');
  };
  const content = keccak256(toHex(`money e2e ${Date.now()}`));
  const tokenId = trackIdOf(creator.address, content);
  await mined(
    await seller.writeContract({
      address: addresses.TrackCollection,
      abi: trackCollectionAbi,
      functionName: 'mint',
      args: [creator.address, content, keccak256(toHex('money e2e manifest')), creator.address, 1000, 0],
    }),
  );
  await mined(
    await seller.writeContract({
      address: addresses.TrackCollection,
      abi: trackCollectionAbi,
      functionName: 'setApprovalForAll',
      args: [addresses.Market, true],
    }),
  );
  await mined(
    await seller.writeContract({
      address: addresses.Market,
      abi: marketAbi,
      functionName: 'list',
      args: [addresses.TrackCollection, tokenId, parseEther('1'), BigInt(Math.floor(Date.now() / 1000) + 86_400)],
    }),
  );
  await mined(
    await buyer.writeContract({
      address: addresses.Market,
      abi: marketAbi,
      functionName: 'buy',
      args: [addresses.TrackCollection, tokenId],
      value: parseEther('1'),
    }),
  );
}

/**
 * Another account sells an edition copy for 2.5 tUSD (referral share 20%) to the collector, who names the creator as
 * referrer: the creator's Editions credits in tUSD are 0.5 tUSD.
 */
async function referATokenSale(): Promise<void> {
  const reader: PublicClient = createPublicClient({ chain, transport: http() });
  const clients = (key: `0x${string}`) => ({
    publicClient: reader,
    walletClient: createWalletClient({ chain, transport: http(), account: privateKeyToAccount(key) }),
    editions: addresses.Editions,
  });
  const maker = clients(editionMaker.privateKey);
  const buyer = clients(collector.privateKey);
  const now = Number((await publicClient.getBlock()).timestamp);
  const { editionId } = await createEdition(maker, {
    content: keccak256(toHex(`money e2e edition ${now}`)),
    manifest: keccak256(toHex('money e2e edition manifest')),
    licence: 0,
    royaltyReceiver: editionMaker.address,
    royaltyBps: 0,
    maxSupply: 10,
    closeAt: 0,
    referralBps: 2000,
    phases: [
      {
        price: 1n,
        start: now - 120,
        end: now - 60,
        walletCap: 0,
        phaseCap: 0,
        mode: 'public',
        merkleRoot: toHex(0n, { size: 32 }),
      },
    ],
  });
  await addEditionPhase(maker, {
    editionId,
    phase: {
      price: 2_500_000n,
      start: now - 60,
      end: now + 86_400,
      walletCap: 0,
      phaseCap: 0,
      mode: 'public',
      merkleRoot: toHex(0n, { size: 32 }),
    },
    currency: usd,
  });
  const funded = await buyer.walletClient.writeContract({
    address: usd,
    abi: motifTestUsdAbi,
    functionName: 'mint',
    args: [collector.address, 2_500_000n],
  });
  expect((await publicClient.waitForTransactionReceipt({ hash: funded })).status).toBe('success');
  await mintEdition(buyer, {
    editionId,
    phase: 1,
    quantity: 1,
    price: 2_500_000n,
    currency: usd,
    referrer: creator.address,
    authorisation: { mode: 'public' },
  });
}

describe('one balance and notifications in Chromium', () => {
  it('the signed-in creator has nothing to withdraw and no notifications at first', async () => {
    await page.goto(`${base}/money`);
    await connectDevWallet(page, 1, creator.address);
    await page.getByRole('button', { name: 'Sign in with Ethereum' }).click();
    await page.getByRole('button', { name: /^Sign out/ }).waitFor();
    await waitForText(page, 'money-empty', (t) => t === 'Nothing to withdraw.');
    expect(await textNow(page, 'money-total')).toBe('0 ETH');
    await expect(bell().getAttribute('aria-expanded')).resolves.toBe('false');
    await waitForText(page, 'notification-bell', (t) => t.includes('0 unread'));
  });

  it('after a sale, the bell counts it unread and /money shows the sale and royalty credits as the total', async () => {
    await sellATrack();
    // The bell reads its notifications again every 15 s: wait for the indexer's view of the sale to reach it.
    await waitForText(page, 'notification-bell', (t) => t.includes('1 unread'));
    await expect(page.getByRole('button', { name: 'Notifications, 1 unread' }).count()).resolves.toBe(1);
    // 0.9 ETH from the sale + the 0.1 ETH royalty to the creator, both Market credits (read again on a reload).
    await page.reload();
    await waitForText(page, 'money-total', (t) => t === '1 ETH');
    await expect(page.getByTestId('money-breakdown').textContent()).resolves.toContain('Market credits');
  });

  it('axe-core finds no serious or critical violation on /money, and it does not scroll sideways at 390 px', async () => {
    const problems: string[] = [];
    for (const width of CHECK_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByTestId('money-total').waitFor();
      problems.push(...(await checkPageState(page, 'money', 'money')));
    }
    expect(problems).toEqual([]);
  });

  it('Withdraw all moves the credits to the wallet on chain, with each transaction’s progress shown', async () => {
    const before = await publicClient.getBalance({ address: creator.address });
    await page.getByRole('button', { name: 'Withdraw all (1 transaction)' }).click();
    await waitForSuccess(page, 'Withdraw all: confirmed.');
    await expect(page.getByTestId('money-steps').textContent()).resolves.toMatch(
      /^Withdraw your Market credits: confirmed \(0x/,
    );
    expect(
      await publicClient.readContract({
        address: addresses.Market,
        abi: marketAbi,
        functionName: 'creditsOf',
        args: [creator.address],
      }),
    ).toBe(0n);
    const gained = (await publicClient.getBalance({ address: creator.address })) - before;
    expect(gained > parseEther('0.99') && gained <= parseEther('1')).toBe(true);
    await waitForText(page, 'money-total', (t) => t === '0 ETH');
  });

  it('the bell opens from the keyboard, lists the sale, marks it read, and Escape closes it', async () => {
    await bell().focus();
    await page.keyboard.press('Enter');
    await expect(bell().getAttribute('aria-expanded')).resolves.toBe('true');
    const panel = page.getByRole('region', { name: 'Notifications' });
    // the buyer by their profile name, with their avatar (issue #16: names and avatars everywhere)
    await expect(panel.getByTestId('notifications').textContent()).resolves.toMatch(
      /sold for 1 ETH to Local collector #2 \(dev key\)/,
    );
    await expect(panel.getByTestId('notifications').locator('.avatar').count()).resolves.toBeGreaterThan(0);
    // the open panel is a page state of its own: the page checks at both widths
    const problems: string[] = [];
    for (const width of CHECK_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await panel.waitFor();
      problems.push(...(await checkPageState(page, 'money', 'notifications-open')));
    }
    expect(problems).toEqual([]);
    await panel.getByRole('button', { name: 'Mark all as read' }).click();
    await waitForText(page, 'notification-bell', (t) => t.includes('0 unread'));
    await page.keyboard.press('Escape');
    await expect(bell().getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
      'notification-bell',
    );
    // Read state is kept server-side: a reload still shows none unread.
    await page.reload();
    await waitForText(page, 'notification-bell', (t) => t.includes('0 unread'));
  });

  it('a referral share paid in tUSD shows on /money and Withdraw all pulls it from Editions in the token (issue #17)', async () => {
    await referATokenSale();
    const usdOf = () =>
      publicClient.readContract({
        address: usd,
        abi: motifTestUsdAbi,
        functionName: 'balanceOf',
        args: [creator.address],
      });
    const before = await usdOf();
    await page.reload();
    await waitForText(page, 'money-total', (t) => t === '0 ETH + 0.5 tUSD');
    await expect(page.getByTestId('money-breakdown').textContent()).resolves.toContain('Editions credits');
    await page.getByRole('button', { name: 'Withdraw all (1 transaction)' }).click();
    await waitForSuccess(page, 'Withdraw all: confirmed.');
    await expect(page.getByTestId('money-steps').textContent()).resolves.toMatch(
      /^Withdraw your Editions credits in tUSD: confirmed \(0x/,
    );
    expect(
      await publicClient.readContract({
        address: addresses.Editions,
        abi: editionsAbi,
        functionName: 'currencyCreditsOf',
        args: [creator.address, usd],
      }),
    ).toBe(0n);
    expect((await usdOf()) - before).toBe(500_000n);
    await waitForText(page, 'money-total', (t) => t === '0 ETH');
  });
});
