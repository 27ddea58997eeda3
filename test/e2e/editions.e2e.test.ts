/**
 * Editions end to end on the local platform from `npm start`, in Chromium with local dev wallets: the creator runs
 * the edition wizard (an allowlist presale from a CSV, then a public phase), a listed collector mints in the presale
 * with a proof the server serves from the pinned tree, a wallet outside the list is refused, a public mint carries a
 * comment and a referrer, the referrer is credited, and the primary revenue reaches the track's split and is
 * distributed. The track itself is minted with viem (the 1/1 mint UI is another flow).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  getAddress,
  http,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
  type Address,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { localChain } from '../../lib/config/chains';
import { editionsAbi, motifTestUsdAbi, splitMainAbi, trackCollectionAbi } from '../../lib/contracts/abi';
import { readDeployment } from '../../lib/contracts/deployment';
import { normalizeSplit, predictSplitAddress } from '../../lib/contracts/splits';
import { trackIdOf } from '../../lib/contracts/track-id';
import { editionIdOf } from '../../lib/editions/edition-id';
import { launchChromium } from '../support/chromium';
import { connectDevWallet, reloadUntil, short, waitForSuccess, waitForText } from '../support/page-actions';
import { CHECK_WIDTHS, checkPageState } from '../support/page-check';
import { pressCtrlC, runStartScript, type StartedPlatform, tempPlatform } from '../support/start-process';
import { STEP_WAIT_MS } from '../support/limits';

type Dev = { address: Address; privateKey: `0x${string}` };
const [, creator, fan, stranger, referrer, bandmate] = localDevAccounts(6) as [unknown, Dev, Dev, Dev, Dev, Dev];

let dir: string;
let started: StartedPlatform;
let browser: Browser;
let base: string;
let rpcUrl: string;
let tokenId: bigint;
let editionId: bigint;
let addresses: { TrackCollection: Address; SplitMain: Address; Editions: Address; stablecoin: Address };
let publicClient: ReturnType<typeof createPublicClient>;
let split: ReturnType<typeof normalizeSplit>;
let splitAddress: Address;
const contexts: BrowserContext[] = [];
const timezoneId = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `YYYY-MM-DDTHH:MM` in this process's time zone (the browser runs in the same one). */
function localInput(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

beforeAll(async () => {
  const platform = await tempPlatform('editions');
  dir = platform.dir;
  const env = platform.env;
  started = runStartScript(env);
  [browser] = await Promise.all([launchChromium(), started.ready]);
  base = `http://localhost:${env.MOTIF_APP_PORT}`;
  rpcUrl = `http://127.0.0.1:${env.MOTIF_ANVIL_PORT}`;
  const chain = localChain(rpcUrl);
  publicClient = createPublicClient({ chain, transport: http() });
  const deployment = readDeployment(path.join(env.MOTIF_DATA_DIR, 'deployments', '31337.json'));
  addresses = {
    TrackCollection: deployment.contracts.TrackCollection.address,
    SplitMain: deployment.contracts.SplitMain.address,
    Editions: deployment.contracts.Editions.address,
    stablecoin: getAddress(deployment.stablecoin?.address ?? zeroAddress),
  };
  // The track: royalty 10% to a 70/30 split of the creator and a bandmate (the edition's sales go there too).
  split = normalizeSplit([
    { account: creator.address, share: 700_000 },
    { account: bandmate.address, share: 300_000 },
  ]);
  splitAddress = predictSplitAddress(addresses.SplitMain, split);
  const wallet = createWalletClient({ chain, transport: http(), account: privateKeyToAccount(creator.privateKey) });
  const send = async (hash: `0x${string}`) =>
    expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
  await send(
    await wallet.writeContract({
      address: addresses.SplitMain,
      abi: splitMainAbi,
      functionName: 'createSplit',
      args: [split.accounts, split.shares, zeroAddress],
    }),
  );
  const content = keccak256(toHex(`editions e2e ${Date.now()}`));
  tokenId = trackIdOf(creator.address, content);
  editionId = editionIdOf(creator.address, content);
  await send(
    await wallet.writeContract({
      address: addresses.TrackCollection,
      abi: trackCollectionAbi,
      functionName: 'mint',
      args: [creator.address, content, keccak256(toHex('editions e2e manifest')), splitAddress, 1000, 6],
    }),
  );
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  if (started) {
    pressCtrlC(started);
    await started.exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function pageAs(index: number, who: Dev, url: string): Promise<Page> {
  const context = await browser.newContext({ timezoneId });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${base}${url}`);
  await connectDevWallet(page, index, who.address);
  return page;
}

const credits = (account: Address) =>
  publicClient.readContract({
    address: addresses.Editions,
    abi: editionsAbi,
    functionName: 'creditsOf',
    args: [account],
  });
/**
 * A check for reloadUntil: whether `locator` shows now (it appears once the index has the phase and the page, a client
 * component, follows the chain's clock); reloadUntil looks again and reloads until it does.
 */
const shows = (locator: ReturnType<Page['getByText']>) => () => locator.first().isVisible();
const PRESALE = parseEther('0.005');
const PUBLIC = parseEther('0.01');
let publicStart: number;

describe('an edition with an allowlist presale and a public phase, in Chromium', () => {
  it('the creator sets up two phases in the wizard (CSV checked, root computed, tree pinned) and creates the edition', async () => {
    const page = await pageAs(1, creator, `/mint/edition?track=${tokenId}`);
    const wizard = page.getByRole('form', { name: /Edition of/ });
    // The track was minted just before (beforeAll): until the indexer has it, the page offers the track-id form
    // ("No minted track … is indexed") instead of the wizard, so look again until the wizard shows.
    await reloadUntil(page, shows(wizard), 'the minted track in the indexer (the edition wizard)');
    const chainNow = Number((await publicClient.getBlock()).timestamp);
    const presaleStart = Math.floor(chainNow / 60) * 60 - 60;
    publicStart = presaleStart + 3600;
    await wizard.getByLabel('Copies (0 = open edition, needs a closing time)').fill('10');
    await wizard.getByLabel('Referral share, % of each copy (0–20)').fill('10');
    const presale = wizard.getByRole('group', { name: 'Phase 1' });
    await presale.getByLabel('Price per copy (ETH)').fill('0.005');
    await presale.getByLabel('Starts').fill(localInput(presaleStart));
    await presale.getByLabel('Ends').fill(localInput(publicStart));
    await presale.getByLabel('Most copies per wallet (0 = no limit)').fill('2');
    // A CSV with a mistake first: the wizard lists it and keeps the button disabled.
    const csv = presale.getByLabel('Allowlist (CSV, one address per line)');
    await csv.setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`address\n${fan.address}\n${fan.address.toLowerCase()}\n`),
    });
    await waitForText(page, 'edition-issues', (t) => t.includes('CSV line 3'));
    expect(await wizard.getByRole('button', { name: 'Create edition' }).isDisabled()).toBe(true);
    await csv.setInputFiles({
      name: 'fans.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`address\n${fan.address}\n${bandmate.address}\n`),
    });
    await waitForText(page, 'phase-0-allowlist', (t) => t === '2 addresses from fans.csv');
    await waitForText(page, 'allowlist-root', (t) => /^0x[0-9a-f]{64}$/.test(t));
    const pub = wizard.getByRole('group', { name: 'Phase 2' });
    await pub.getByLabel('Price per copy (ETH)').fill('0.01');
    await pub.getByLabel('Starts').fill(localInput(publicStart));
    await pub.getByLabel('Ends').fill(localInput(publicStart + 7 * 86_400));
    await pub.getByLabel('Most copies per wallet (0 = no limit)').fill('0');
    // The creator's net per copy, before signing: 0.01 ETH, 0.009 ETH when a referrer is credited 10%.
    await waitForText(page, 'edition-schedule', (t) =>
      t.includes('you net 0.01 ETH per copy, 0.009 ETH when referred'),
    );
    await wizard.getByRole('button', { name: 'Create edition' }).click();
    await waitForSuccess(page, 'Create the edition: confirmed.');
    const [phase0, root] = await publicClient.readContract({
      address: addresses.Editions,
      abi: editionsAbi,
      functionName: 'phaseOf',
      args: [editionId, 0n],
    });
    expect({ price: phase0.price, mode: phase0.mode, walletCap: phase0.walletCap }).toEqual({
      price: PRESALE,
      mode: 1,
      walletCap: 2,
    });
    await expect(page.getByTestId('allowlist-root').textContent()).resolves.toBe(root);
    // the wizard as the creator left it (two phases, the allowlist, the edition created) passes the page checks
    const problems: string[] = [];
    for (const width of CHECK_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      problems.push(...(await checkPageState(page, 'editions', 'edition-wizard')));
    }
    expect(problems).toEqual([]);
  });

  it('a listed collector mints in the presale with the served proof and a comment; the wall shows edition #1', async () => {
    const page = await pageAs(2, fan, `/tracks/${tokenId}`);
    await reloadUntil(
      page,
      async () => (await page.getByTestId('edition-phase').count()) > 0,
      'the edition in the indexer',
    );
    await expect(page.getByTestId('edition-phase').textContent()).resolves.toContain(
      'Presale (allowlist) (phase 1) · 0.005 ETH per copy',
    );
    const form = page.getByRole('form', { name: 'Collect this edition' });
    await form.getByLabel('Comment (optional, shown on the wall)').fill('first in line');
    await form.getByRole('button', { name: 'Collect' }).click();
    await waitForSuccess(page, 'Collect 1 copy: confirmed.');
    expect(
      await publicClient.readContract({
        address: addresses.Editions,
        abi: editionsAbi,
        functionName: 'ownerOf',
        args: [editionId | 1n],
      }),
    ).toBe(fan.address);
    await reloadUntil(
      page,
      async () => (await page.getByTestId('collectors-wall').allTextContents()).join('').includes('first in line'),
      'the presale mint on the wall',
    );
    await expect(page.getByTestId('collectors-wall').textContent()).resolves.toContain(
      `#1 ${short(fan.address)} — first in line`,
    );
    await expect(page.getByTestId('edition-minted').textContent()).resolves.toBe('1 / 10');
  });

  it('a wallet outside the list is refused in the presale, with the reason', async () => {
    const page = await pageAs(3, stranger, `/tracks/${tokenId}`);
    await page.getByTestId('edition-phase').waitFor();
    await page.getByRole('form', { name: 'Collect this edition' }).getByRole('button', { name: 'Collect' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'You cannot collect in the presale' }).textContent(),
    ).resolves.toMatch(/not on the allowlist/);
    expect(
      await publicClient.readContract({
        address: addresses.Editions,
        abi: editionsAbi,
        functionName: 'balanceOf',
        args: [stranger.address],
      }),
    ).toBe(0n);
  });

  it('in the public phase a referred collector mints with a comment; the referrer is credited and sees their own link', async () => {
    const test = createTestClient({ mode: 'anvil', transport: http(rpcUrl) });
    await test.setNextBlockTimestamp({ timestamp: BigInt(publicStart + 5) });
    await test.mine({ blocks: 1 });
    const page = await pageAs(3, stranger, `/tracks/${tokenId}?ref=${referrer.address}`);
    await expect
      .poll(async () => page.getByTestId('edition-phase').textContent(), { timeout: STEP_WAIT_MS })
      .toContain('Public sale (phase 2) · 0.01 ETH per copy');
    const form = page.getByRole('form', { name: 'Collect this edition' });
    await form.getByLabel('Copies').fill('2');
    await form.getByLabel('Comment (optional, shown on the wall)').fill('gm, sent by a friend');
    await expect(form.getByTestId('edition-quote').textContent()).resolves.toBe(
      `You pay 0.02 ETH · ${short(referrer.address)} (who referred you) is credited 0.002 ETH · the creator’s split receives 0.018 ETH.`,
    );
    const before = await credits(referrer.address);
    await form.getByRole('button', { name: 'Collect' }).click();
    await waitForSuccess(page, 'Collect 2 copies: confirmed.');
    expect((await credits(referrer.address)) - before).toBe(parseEther('0.002'));
    await reloadUntil(
      page,
      async () =>
        (await page.getByTestId('collectors-wall').allTextContents()).join('').includes('gm, sent by a friend'),
      'the public mint on the wall',
    );
    await expect(page.getByTestId('collectors-wall').textContent()).resolves.toContain(
      `#2–3 ${short(stranger.address)} — gm, sent by a friend`,
    );

    const referrerPage = await pageAs(4, referrer, `/tracks/${tokenId}`);
    await expect(referrerPage.getByTestId('edition-referral-link').inputValue()).resolves.toBe(
      `${base}/tracks/${tokenId}?ref=${referrer.address}`,
    );
  });

  it('the track page with its edition and wall, and the editions list, pass the page checks at both widths', async () => {
    const context = await browser.newContext({ timezoneId });
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    for (const width of CHECK_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${base}/tracks/${tokenId}`);
      await page.getByTestId('collectors-wall').waitFor();
      problems.push(...(await checkPageState(page, 'editions', 'track-edition')));
      await page.goto(`${base}/editions`);
      await page.getByRole('heading', { level: 1, name: 'Editions' }).waitFor();
      problems.push(...(await checkPageState(page, 'editions', 'editions')));
    }
    expect(problems).toEqual([]);
  });

  it("the primary revenue reaches the track's split and is distributed 70/30; the referrer withdraws the credit", async () => {
    const chain = localChain(rpcUrl);
    const wallet = createWalletClient({ chain, transport: http(), account: privateKeyToAccount(bandmate.privateKey) });
    const send = async (hash: `0x${string}`) =>
      expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    const revenue = PRESALE + 2n * PUBLIC - parseEther('0.002');
    await send(
      await wallet.writeContract({
        address: addresses.Editions,
        abi: editionsAbi,
        functionName: 'release',
        args: [[editionId]],
      }),
    );
    expect(await credits(splitAddress)).toBe(revenue);
    await send(
      await wallet.writeContract({
        address: addresses.Editions,
        abi: editionsAbi,
        functionName: 'withdraw',
        args: [splitAddress],
      }),
    );
    await send(
      await wallet.writeContract({
        address: addresses.SplitMain,
        abi: splitMainAbi,
        functionName: 'distributeETH',
        args: [splitAddress, split.accounts, split.shares],
      }),
    );
    const balance = (account: Address) =>
      publicClient.readContract({
        address: addresses.SplitMain,
        abi: splitMainAbi,
        functionName: 'balanceOf',
        args: [account, zeroAddress],
      });
    const bandmateShare = await balance(bandmate.address);
    const creatorShare = await balance(creator.address);
    expect(creatorShare + bandmateShare).toBeLessThanOrEqual(revenue);
    expect(creatorShare + bandmateShare).toBeGreaterThanOrEqual(revenue - 2n); // SplitMain keeps a wei per payee for gas
    expect(bandmateShare * 7n).toBeLessThanOrEqual(creatorShare * 3n + 7n);
    const referrerBefore = await publicClient.getBalance({ address: referrer.address });
    await send(
      await wallet.writeContract({
        address: addresses.Editions,
        abi: editionsAbi,
        functionName: 'withdraw',
        args: [referrer.address],
      }),
    );
    expect((await publicClient.getBalance({ address: referrer.address })) - referrerBefore).toBe(parseEther('0.002'));
  });

  it('signature-gated phase: the creator approves a collector in the browser; the approved fan mints with it, a stranger is told to ask', async () => {
    // Phase 3, signature-gated, after the public phase; then phase 4 priced in the test stablecoin.
    const chain = localChain(rpcUrl);
    const wallet = createWalletClient({ chain, transport: http(), account: privateKeyToAccount(creator.privateKey) });
    const send = async (hash: `0x${string}`) =>
      expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    const signatureStart = publicStart + 7 * 86_400;
    const phase = (start: number, price: bigint, mode: number) => ({
      price,
      start,
      end: start + 86_400,
      walletCap: 0,
      phaseCap: 0,
      mode,
      merkleRoot: `0x${'00'.repeat(32)}` as const,
    });
    await send(
      await wallet.writeContract({
        address: addresses.Editions,
        abi: editionsAbi,
        functionName: 'addPhase',
        args: [editionId, phase(signatureStart, PUBLIC, 2)],
      }),
    );
    await send(
      await wallet.writeContract({
        address: addresses.Editions,
        abi: editionsAbi,
        functionName: 'addPhaseInCurrency',
        args: [editionId, phase(signatureStart + 86_400, 2_500_000n, 0), addresses.stablecoin],
      }),
    );
    const test = createTestClient({ mode: 'anvil', transport: http(rpcUrl) });
    await test.setNextBlockTimestamp({ timestamp: BigInt(signatureStart + 5) });
    await test.mine({ blocks: 1 });

    const creatorPage = await pageAs(1, creator, `/tracks/${tokenId}`);
    const approve = creatorPage.getByRole('form', { name: 'Approve a collector' });
    await reloadUntil(creatorPage, shows(approve), 'the signature phase in the indexer');
    await approve.getByLabel('Collector address').fill(fan.address);
    await approve.getByLabel('Copies').fill('1');
    await approve.getByRole('button', { name: 'Sign the approval' }).click();
    await waitForSuccess(creatorPage, `Approved ${fan.address} for 1 copy in phase 3.`);

    const strangerPage = await pageAs(3, stranger, `/tracks/${tokenId}`);
    await expect
      .poll(async () => strangerPage.getByTestId('edition-phase').textContent(), { timeout: STEP_WAIT_MS })
      .toContain('Approved collectors only (phase 3)');
    await strangerPage
      .getByRole('form', { name: 'Collect this edition' })
      .getByRole('button', { name: 'Collect' })
      .click();
    await expect(
      strangerPage.getByRole('alert').filter({ hasText: 'there is no approval for your wallet' }).textContent(),
    ).resolves.toContain(stranger.address);

    const fanPage = await pageAs(2, fan, `/tracks/${tokenId}`);
    const form = fanPage.getByRole('form', { name: 'Collect this edition' });
    await form.getByLabel('Comment (optional, shown on the wall)').fill('approved by the artist');
    await form.getByRole('button', { name: 'Collect' }).click();
    await waitForSuccess(fanPage, 'Collect 1 copy: confirmed.');
    expect(
      await publicClient.readContract({
        address: addresses.Editions,
        abi: editionsAbi,
        functionName: 'ownerOf',
        args: [editionId | 4n],
      }),
    ).toBe(fan.address);
  });

  it('a phase priced in the test stablecoin shows its tUSD price and collects with an approve and no ETH', async () => {
    const test = createTestClient({ mode: 'anvil', transport: http(rpcUrl) });
    await test.setNextBlockTimestamp({ timestamp: BigInt(publicStart + 8 * 86_400 + 5) });
    await test.mine({ blocks: 1 });
    const chain = localChain(rpcUrl);
    const fanWallet = createWalletClient({ chain, transport: http(), account: privateKeyToAccount(fan.privateKey) });
    const minted = await fanWallet.writeContract({
      address: addresses.stablecoin,
      abi: motifTestUsdAbi,
      functionName: 'mint',
      args: [fan.address, 5_000_000n],
    });
    await publicClient.waitForTransactionReceipt({ hash: minted });
    const tusd = (account: Address) =>
      publicClient.readContract({
        address: addresses.stablecoin,
        abi: motifTestUsdAbi,
        functionName: 'balanceOf',
        args: [account],
      });
    const before = await tusd(fan.address);
    const page = await pageAs(2, fan, `/tracks/${tokenId}`);
    const price = page.getByTestId('edition-phase').filter({ hasText: '2.5 tUSD per copy' });
    await reloadUntil(page, shows(price), 'the tUSD phase in the indexer');

    await page.getByRole('form', { name: 'Collect this edition' }).getByRole('button', { name: 'Collect' }).click();
    await waitForSuccess(page, 'Collect 1 copy: confirmed.');
    expect(before - (await tusd(fan.address))).toBe(2_500_000n);
    expect(
      await publicClient.readContract({
        address: addresses.Editions,
        abi: editionsAbi,
        functionName: 'currencyCreditsOf',
        args: [splitAddress, addresses.stablecoin],
      }),
    ).toBe(2_500_000n);
  });
});
