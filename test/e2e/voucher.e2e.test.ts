/**
 * A lazy-mint voucher behind its short link, end to end on the local platform from `npm start`, in Chromium with two
 * wallets: the creator's signed voucher (for a track folder pinned before the start) is stored through POST
 * /api/vouchers, which answers its short link /c/<id>; the gallery lists it as collectable; the collector opens the
 * link in a second wallet, sees the track, the creator's name and the price, shares it, collects, and the page switches
 * to the minted track; the link then says it was collected and the gallery no longer lists it. The collect page passes
 * axe-core (no serious or critical violation) and does not scroll sideways at 390 px or 1,280 px. Screenshots go
 * (outside CI) to test-results/screenshots/voucher. Then a voucher priced in the test stablecoin (issue #20): its
 * collect page shows 12.5 tUSD, the collector collects it (approval of exactly the price, then redeemInCurrency), and
 * the creator's Withdraw all on /money pulls the tUSD from the collection, each amount checked on chain to the unit.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { CID } from 'multiformats/cid';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  createPublicClient,
  createWalletClient,
  getAddress,
  getContractAddress,
  http,
  parseEther,
  type Address,
  type Hex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { motifTestUsdAbi, trackCollectionAbi } from '../../lib/contracts/abi';
import { readDeployment } from '../../lib/contracts/deployment';
import { localChain } from '../../lib/config/chains';
import { trackIdOf } from '../../lib/contracts/track-id';
import {
  voucherDomain,
  voucherTypedData,
  voucherTypes,
  type CurrencyVoucher,
  type Voucher,
} from '../../lib/contracts/voucher';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import { contentDigestOfCid } from '../../lib/provenance/digest';
import { buildManifest } from '../../lib/provenance/manifest';
import { signManifest } from '../../lib/provenance/signed-manifest';
import { pinTrack } from '../../lib/tracks/track-folder';
import { makeMidi, makeWav, manifestParams } from '../provenance/fixtures';
import { launchChromium } from '../support/chromium';
import { connectDevWallet, reloadUntil, waitForSuccess, waitForText } from '../support/page-actions';
import { CHECK_WIDTHS, checkPageState } from '../support/page-check';
import { pressCtrlC, runStartScript, type StartedPlatform, tempPlatform } from '../support/start-process';
import { z } from 'zod';

const [deployer, creator, collector] = localDevAccounts(3);
if (!deployer || !creator || !collector) throw new Error('three local dev accounts expected');
// npm start deploys TrackCollection as the dev deployer's first transaction on a fresh chain: the manifest, signed
// before the platform starts, is bound to that address.
const COLLECTION = getContractAddress({ from: deployer.address, nonce: 0n });
const TITLE = 'Tidewater Voucher';
const USD_TITLE = 'Tidewater in tUSD';

let dir: string;
let started: StartedPlatform;
let browser: Browser;
let base: string;
let content: Hex;
let manifest: Hex;
let tokenId: bigint;
let shortPath: string;
let usdContent: Hex;
let usdManifest: Hex;
let usd: Address;
let rpcUrl: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const platform = await tempPlatform('voucher');
  dir = platform.dir;
  const env = platform.env;
  const storage = await HeliaStorage.open(path.join(env.MOTIF_DATA_DIR, 'ipfs'));
  const account = privateKeyToAccount(creator.privateKey);
  const wav = makeWav(2);
  const signed = await signManifest({
    manifest: buildManifest(await manifestParams(account.address, wav, makeMidi(), [])),
    chainId: 31337,
    verifyingContract: COLLECTION,
    sign: (td) => account.signTypedData(td),
  });
  const pinned = await pinTrack(storage, {
    wav,
    midi: makeMidi(),
    signed,
    metadata: { name: TITLE, description: 'A voucher e2e fixture.', genre: 'Folk', credits: [] },
  });
  // A second folder, for the voucher priced in tUSD (issue #20).
  const usdWav = makeWav(3);
  const usdSigned = await signManifest({
    manifest: buildManifest(await manifestParams(account.address, usdWav, makeMidi(), [])),
    chainId: 31337,
    verifyingContract: COLLECTION,
    sign: (td) => account.signTypedData(td),
  });
  const usdPinned = await pinTrack(storage, {
    wav: usdWav,
    midi: makeMidi(),
    signed: usdSigned,
    metadata: { name: USD_TITLE, description: 'A voucher in tUSD e2e fixture.', genre: 'Folk', credits: [] },
  });
  await storage.close();
  usdContent = contentDigestOfCid(CID.parse(usdPinned.cid));
  usdManifest = usdSigned.manifestDigest;
  content = contentDigestOfCid(CID.parse(pinned.cid));
  manifest = signed.manifestDigest;
  tokenId = trackIdOf(creator.address, content);
  started = runStartScript(env);
  [browser] = await Promise.all([launchChromium(), started.ready]);
  base = `http://localhost:${env.MOTIF_APP_PORT}`;
  const deployment = readDeployment(path.join(env.MOTIF_DATA_DIR, 'deployments', '31337.json'));
  expect(deployment.contracts.TrackCollection.address.toLowerCase()).toBe(COLLECTION.toLowerCase());
  if (!deployment.stablecoin) throw new Error('npm start recorded no stablecoin');
  usd = getAddress(deployment.stablecoin.address);
  rpcUrl = `http://127.0.0.1:${env.MOTIF_ANVIL_PORT}`;
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
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  contexts.push(context);
  return context.newPage();
}

/** Error text the page shows (role=alert), leaving out Next's route announcer. */
const alerts = (p: Page) => p.locator('[role="alert"]:not(#__next-route-announcer__)').filter({ hasText: /\S/ });

/** Waits for the page to reach `url`, failing at once with the page's error text if an alert shows first. */
async function reachedOrAlert(page: Page, url: RegExp): Promise<void> {
  const outcome = await Promise.race([
    page.waitForURL(url).then(() => 'reached' as const),
    alerts(page)
      .first()
      .waitFor({ state: 'visible' })
      .then(() => 'alert' as const),
  ]);
  if (outcome === 'alert') throw new Error(`the page shows an error instead: ${await alerts(page).allTextContents()}`);
}

const collectableCards = (page: Page) => page.locator('[data-collectable="true"]');

describe('a voucher behind its short link, collected in Chromium with a second wallet', () => {
  it('the creator publishes the signed voucher and gets a short link; a voucher they did not sign is refused', async () => {
    const account = privateKeyToAccount(creator.privateKey);
    const voucher: Voucher = {
      creator: creator.address,
      content,
      manifest,
      price: parseEther('0.05'),
      payout: creator.address,
      royaltyReceiver: creator.address,
      royaltyBps: 500,
      licence: 0,
      nonce: 4242n,
      deadline: BigInt(Math.floor(Date.now() / 1000) + 24 * 3600),
    };
    const signature = await account.signTypedData({
      domain: voucherDomain(31337, COLLECTION),
      types: voucherTypes,
      primaryType: 'Voucher',
      message: voucher,
    });
    const body = (v: Voucher, sig: Hex) =>
      JSON.stringify({ chainId: 31337, collection: COLLECTION, voucher: v, signature: sig }, (_k, x: unknown) =>
        typeof x === 'bigint' ? x.toString() : x,
      );
    const post = (text: string) =>
      fetch(`${base}/api/vouchers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });

    const forged = await post(body({ ...voucher, creator: collector.address as Address }, signature));
    expect(forged.status).toBe(422);
    await expect(forged.json()).resolves.toMatchObject({ reason: 'bad-signature' });

    const res = await post(body(voucher, signature));
    expect(res.status).toBe(201);
    const stored = z.object({ shortId: z.string(), tokenId: z.string(), path: z.string() }).parse(await res.json());
    expect(stored.tokenId).toBe(tokenId.toString());
    expect(stored.path).toMatch(/^\/c\/[A-Za-z0-9_-]{11}$/);
    shortPath = stored.path;
  });

  it('the gallery lists it as collectable, linking to its collect page', async () => {
    const page = await newPage();
    await page.goto(`${base}/gallery`);
    await reloadUntil(page, async () => (await collectableCards(page).count()) === 1, 'the collectable card');
    const card = collectableCards(page).first();
    await expect(card.getByRole('link', { name: TITLE }).getAttribute('href')).resolves.toBe(shortPath);
    await expect(card.textContent()).resolves.toContain('Collectable');
    await expect(card.textContent()).resolves.toContain('0.05 ETH');
  });

  it('the collect page shows the track, its creator and price, with share metadata, and passes axe at both widths', async () => {
    const page = await newPage();
    const answer = await page.goto(`${base}${shortPath}`);
    expect(answer?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(TITLE);
    await expect(page.getByTestId('voucher-price').textContent()).resolves.toBe('0.05 ETH');
    // the creator by profile name (the dev accounts have one), else the short address, linking to the profile
    const creatorName = (await page.locator(`article a[href="/profiles/${creator.address}"]`).textContent()) ?? '';
    expect(creatorName).toMatch(/\S/);
    const meta = (property: string) => page.locator(`meta[property="${property}"]`).getAttribute('content');
    await expect(meta('og:title')).resolves.toBe(TITLE);
    await expect(meta('og:image')).resolves.toMatch(/^http:\/\/localhost:\d+\/media\/\w+\/cover$/);
    await expect(page.locator('meta[name="twitter:card"]').getAttribute('content')).resolves.toBe(
      'summary_large_image',
    );
    await expect(page.title()).resolves.toBe(`${TITLE} by ${creatorName} · Motif`);

    await page.getByRole('button', { name: 'Share' }).click();
    await waitForSuccess(page, 'Copied');
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(`${base}${shortPath}`);

    const problems: string[] = [];
    for (const width of CHECK_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      problems.push(...(await checkPageState(page, 'voucher', 'collect')));
    }
    expect(problems).toEqual([]);
  });

  it('a second wallet collects it, and the page switches to the minted track, owned by the collector', async () => {
    const page = await newPage();
    await page.goto(`${base}${shortPath}`);
    await connectDevWallet(page, 2, collector.address);
    await page.getByRole('button', { name: 'Collect for 0.05 ETH' }).click();
    await reachedOrAlert(page, new RegExp(`/tracks/${tokenId}$`));
    // the indexer records the redemption, then its metadata resolver reads the title from the pinned folder
    await reloadUntil(
      page,
      async () =>
        // the owner line names the collector (by profile name once they have one) and links their full address
        (
          await page
            .getByTestId('track-owner')
            .evaluateAll((els) => els.map((el) => el.querySelector('a[title]')?.getAttribute('title') ?? ''))
        ).includes(collector.address) &&
        (await page.getByRole('heading', { level: 1 }).allTextContents()).join('') === TITLE,
      'the redemption and the metadata in the indexer',
    );
    // the track page has its share card and Share button too
    await expect(page.locator('meta[property="og:title"]').getAttribute('content')).resolves.toBe(TITLE);
    await page.getByRole('button', { name: 'Share' }).click();
    await waitForSuccess(page, 'Copied');
  });

  it('the short link then says it was collected (no Collect button), and the gallery no longer lists it', async () => {
    const page = await newPage();
    await page.goto(`${base}${shortPath}`);
    await waitForSuccess(page, 'This voucher was collected');
    expect(await page.getByRole('button', { name: /^Collect/ }).count()).toBe(0);
    await expect(page.getByRole('link', { name: 'See the track' }).getAttribute('href')).resolves.toBe(
      `/tracks/${tokenId}`,
    );
    await page.goto(`${base}/gallery`);
    await reloadUntil(page, async () => (await collectableCards(page).count()) === 0, 'the collectable card to go');
  });
});

describe('a voucher priced in tUSD, collected with approve-then-redeem, withdrawn on /money (issue #20)', () => {
  const USD_PRICE = 12_500_000n; // 12.5 tUSD
  const chain = () => localChain(rpcUrl);
  const publicClient = () => createPublicClient({ chain: chain(), transport: http() });
  const tusdOf = (account: Address) =>
    publicClient().readContract({ address: usd, abi: motifTestUsdAbi, functionName: 'balanceOf', args: [account] });
  const voucherCredits = (account: Address) =>
    publicClient().readContract({
      address: COLLECTION,
      abi: trackCollectionAbi,
      functionName: 'currencyCreditsOf',
      args: [account, usd],
    });
  let usdPath: string;
  const usdTokenId = () => trackIdOf(creator.address, usdContent);

  it('the creator publishes a voucher priced in tUSD; its collect page shows the price in tUSD, never in ETH', async () => {
    const voucher: CurrencyVoucher = {
      creator: creator.address,
      content: usdContent,
      manifest: usdManifest,
      currency: usd,
      price: USD_PRICE,
      payout: creator.address,
      royaltyReceiver: creator.address,
      royaltyBps: 500,
      licence: 0,
      nonce: 4343n,
      deadline: BigInt(Math.floor(Date.now() / 1000) + 24 * 3600),
    };
    const signature = await privateKeyToAccount(creator.privateKey).signTypedData(
      voucherTypedData(voucher, 31337, COLLECTION),
    );
    const res = await fetch(`${base}/api/vouchers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chainId: 31337, collection: COLLECTION, voucher, signature }, (_k, x: unknown) =>
        typeof x === 'bigint' ? x.toString() : x,
      ),
    });
    expect(res.status).toBe(201);
    usdPath = z.object({ path: z.string() }).parse(await res.json()).path;
    const page = await newPage();
    await page.goto(`${base}${usdPath}`);
    await expect(page.getByTestId('voucher-price').textContent()).resolves.toBe('12.5 tUSD');
    await page.getByRole('button', { name: 'Collect for 12.5 tUSD' }).waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/12\.5 ETH|0\.0000000000125 ETH/);
  });

  it('the collector collects it: an approval of exactly 12.5 tUSD, then the redemption; the token and the tUSD are right on chain', async () => {
    const minter = createWalletClient({
      chain: chain(),
      transport: http(),
      account: privateKeyToAccount(collector.privateKey),
    });
    await publicClient().waitForTransactionReceipt({
      hash: await minter.writeContract({
        address: usd,
        abi: motifTestUsdAbi,
        functionName: 'mint',
        args: [collector.address, 20_000_000n],
      }),
    });
    const page = await newPage();
    await page.goto(`${base}${usdPath}`);
    await connectDevWallet(page, 2, collector.address);
    await page.getByRole('button', { name: 'Collect for 12.5 tUSD' }).click();
    await reachedOrAlert(page, new RegExp(`/tracks/${usdTokenId()}$`));
    const read = { address: COLLECTION, abi: trackCollectionAbi } as const;
    expect(await publicClient().readContract({ ...read, functionName: 'ownerOf', args: [usdTokenId()] })).toBe(
      collector.address,
    );
    expect(await publicClient().readContract({ ...read, functionName: 'creatorOf', args: [usdTokenId()] })).toBe(
      creator.address,
    );
    expect(await tusdOf(collector.address)).toBe(20_000_000n - USD_PRICE);
    expect(await voucherCredits(creator.address)).toBe(USD_PRICE);
    expect(
      await publicClient().readContract({
        address: usd,
        abi: motifTestUsdAbi,
        functionName: 'allowance',
        args: [collector.address, COLLECTION],
      }),
    ).toBe(0n);
  });

  it('the creator sees the tUSD on /money and Withdraw all pulls it from the collection, to the unit', async () => {
    const before = await tusdOf(creator.address);
    const page = await newPage();
    await page.goto(`${base}/money`);
    await connectDevWallet(page, 1, creator.address);
    await page.getByRole('button', { name: 'Sign in with Ethereum' }).click();
    await page.getByRole('button', { name: /^Sign out/ }).waitFor();
    // the first voucher's 0.05 ETH is still credited too
    await waitForText(page, 'money-total', (t) => t === '0.05 ETH + 12.5 tUSD');
    await expect(page.getByTestId('money-breakdown').textContent()).resolves.toContain('Lazy-mint voucher proceeds');
    await page.getByRole('button', { name: 'Withdraw all (2 transactions)' }).click();
    await waitForSuccess(page, 'Withdraw all: confirmed.');
    await expect(page.getByTestId('money-steps').textContent()).resolves.toContain(
      'Withdraw your lazy-mint voucher proceeds in tUSD: confirmed (0x',
    );
    expect((await tusdOf(creator.address)) - before).toBe(USD_PRICE);
    expect(await voucherCredits(creator.address)).toBe(0n);
    expect(await tusdOf(COLLECTION)).toBe(0n);
    await waitForText(page, 'money-total', (t) => t === '0 ETH');
  });
});
