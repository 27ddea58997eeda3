/**
 * Mint end to end: the real `npm start` platform in Debian's Chromium. The studio composes with the shipped melody
 * model (fixed seed), a human edit is made, the track is rendered and published to /mint; the form is filled with the
 * keyboard-reachable labelled fields and a 2-payee split; the fee is shown before any signature; the first pin is
 * refused (415, by request interception) with a clear message, and the retry resumes at the pin step (the manifest
 * is not signed again), creates the split and mints with the local dev account connector. The track then verifies
 * from its token id with every check passing, the server-side replay included. A second track is published as a
 * signed lazy-mint voucher instead, stored behind a short collect link (/c/<id>).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createPublicClient, http, parseEther, verifyTypedData, type Address, type Hex } from 'viem';
import { localChain } from '../../lib/config/chains';
import { readDeployment } from '../../lib/contracts/deployment';
import { MOTIF_ABIS } from '../../lib/chain/contracts';
import { normalizeSplit, predictSplitAddress } from '../../lib/contracts/splits';
import { trackIdOf } from '../../lib/contracts/track-id';
import { voucherDomain, voucherTypes } from '../../lib/contracts/voucher';
import { launchChromium } from '../support/chromium';
import { openWalletMenu, waitForSuccess } from '../support/page-actions';
import { CHECK_WIDTHS, checkPageState } from '../support/page-check';
import {
  pressCtrlC,
  runStartScript,
  tempPlatform,
  type PlatformEnv,
  type StartedPlatform,
} from '../support/start-process';

const SEED = 7;
const CREATOR: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'; // local dev account #1
const COLLABORATOR: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'; // local dev account #2

let dir: string;
let started: StartedPlatform;
let browser: Browser;
let page: Page;
let base: string;
let env: PlatformEnv;
const pageErrors: string[] = [];

beforeAll(async () => {
  ({ dir, env } = await tempPlatform('mint'));
  base = `http://localhost:${env.MOTIF_APP_PORT}`;
  started = runStartScript(env);
  const [, b] = await Promise.all([started.ready, launchChromium()]);
  browser = b;
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

afterAll(async () => {
  await browser?.close();
  if (started && started.child.exitCode === null && started.child.signalCode === null) {
    pressCtrlC(started);
    await started.exited;
  }
  await rm(dir, { recursive: true, force: true });
});

describe('mint from the studio in Chromium', () => {
  it('composes, edits, renders and publishes a draft to /mint', async () => {
    await page.goto(`${base}/studio`);
    await page.waitForFunction(() => 'motifStudio' in window);
    await page.getByRole('spinbutton', { name: 'Seed' }).fill(String(SEED));
    await page.getByRole('spinbutton', { name: 'Bars', exact: true }).fill('4');
    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    await page.getByTestId('digest').or(page.getByTestId('error')).waitFor();
    await expect(page.getByTestId('error').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Transpose up' }).click();
    await page.getByRole('button', { name: 'Render WAV' }).click();
    await page
      .getByTestId('status')
      .filter({ hasText: /^Rendered/ })
      .or(page.getByTestId('error'))
      .waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/mint\?draft=/);
    await page.getByRole('textbox', { name: 'Title' }).waitFor();
  });

  it('fills the form with labelled, keyboard-reachable fields, a 2-payee split, and shows the fee before signing', async () => {
    const account = page.getByRole('button', { name: /^Local dev account #1 / });
    await openWalletMenu(page, account);
    await account.click();
    await page.getByLabel('Connected wallet').waitFor();

    // keyboard: Title -> Description -> Genre -> Artist -> Add a credit -> ISRC -> Licence -> Cover -> Royalty -> Payee 1
    await page.getByRole('textbox', { name: 'Title' }).focus();
    await page.keyboard.type('Seven Steps');
    const tabOrder = [
      page.getByRole('textbox', { name: 'Description' }),
      page.getByRole('combobox', { name: 'Genre' }),
      page.getByRole('textbox', { name: 'Artist name' }),
      page.getByRole('button', { name: 'Add a credit' }),
      page.getByRole('textbox', { name: 'ISRC (optional)' }),
      page.getByRole('combobox', { name: 'Licence' }),
      page.getByLabel('Upload a cover (PNG, JPEG or WebP, at most 2 MB)'),
      page.getByRole('textbox', { name: 'Royalty on sales (%)' }),
      page.getByRole('textbox', { name: 'Payee 1 address' }),
      page.getByRole('textbox', { name: 'Payee 1 share (%)' }),
    ];
    for (const field of tabOrder) {
      await page.keyboard.press('Tab');
      await expect(field.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    }
    await page.getByRole('textbox', { name: 'Description' }).fill('Composed in the Motif studio, seed 7.');
    await page.getByRole('combobox', { name: 'Genre' }).selectOption('Ambient');
    await page.getByRole('combobox', { name: 'Licence' }).selectOption('CC-BY-4.0');
    await page.getByRole('textbox', { name: 'Royalty on sales (%)' }).fill('7.5');
    await expect(page.getByRole('textbox', { name: 'Payee 1 address' }).inputValue()).resolves.toBe(CREATOR);
    await page.getByRole('textbox', { name: 'Payee 1 share (%)' }).fill('70');
    await page.getByRole('button', { name: 'Add payee' }).click();
    await page.getByRole('textbox', { name: 'Payee 2 address' }).fill(CREATOR.toLowerCase());
    await page.getByRole('textbox', { name: 'Payee 2 share (%)' }).fill('20');
    await expect(page.getByText('Payee 2: 0x7099…79C8 is already payee 1; list each payee once').count()).resolves.toBe(
      1,
    );
    await expect(page.getByText('Shares add up to 90%; they must add up to exactly 100%').count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Sign, pin and mint' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('textbox', { name: 'Payee 2 address' }).fill(COLLABORATOR);
    await page.getByRole('textbox', { name: 'Payee 2 share (%)' }).fill('30');
    const fee = page.getByTestId('fee');
    await fee.waitFor();
    expect(await fee.textContent()).toMatch(
      /Estimated network fee: [\d.]+ ETH \(Create the royalty split: \d+ gas, Mint: \d+ gas at [\d.]+ ETH per gas\)/,
    );
  });

  it('deleting a payee or a credit by keyboard keeps focus in the form, never on the body', async () => {
    const focused = () =>
      page.evaluate(() => document.activeElement?.textContent?.trim() ?? document.activeElement?.tagName ?? '');
    // a third payee, removed with Enter on its button: focus moves to the remove button now last (payee 2's)
    await page.getByRole('button', { name: 'Add payee' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Remove payee 3' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'Payee 3 address' }).waitFor({ state: 'detached' });
    await expect(focused()).resolves.toBe('Remove payee 2');
    // a credit, added and removed by keyboard: focus returns to "Add a credit"
    await page.getByRole('button', { name: 'Add a credit' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Remove credit 1' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'Credit 1 name' }).waitFor({ state: 'detached' });
    await expect(focused()).resolves.toBe('Add a credit');
    // the split is as before: 70/30 between the creator and the collaborator
    await expect(page.getByRole('textbox', { name: 'Payee 2 address' }).inputValue()).resolves.toBe(COLLABORATOR);
    await expect(page.getByRole('textbox', { name: 'Payee 2 share (%)' }).inputValue()).resolves.toBe('30');
  });

  it('the filled mint form passes the page checks at both widths', async () => {
    const problems: string[] = [];
    for (const width of CHECK_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByTestId('fee').waitFor();
      problems.push(...(await checkPageState(page, 'mint', 'mint-form')));
    }
    expect(problems).toEqual([]);
  });

  it('a refused pin shows a clear message; the retry resumes at the pin step and mints', async () => {
    let refused = 0;
    let pins = 0;
    let signs = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/tracks/pin')) pins += 1;
      if (r.method() === 'POST' && (r.postData() ?? '').includes('eth_signTypedData_v4')) signs += 1;
    });
    await page.route('**/api/tracks/pin', async (route) => {
      if (refused === 0) {
        refused += 1;
        await route.fulfill({
          status: 415,
          contentType: 'application/json',
          body: JSON.stringify({ error: 'audio.wav is not a WAV file' }),
        });
      } else await route.continue();
    });
    await page.getByRole('button', { name: 'Sign, pin and mint' }).click();
    const error = page.getByTestId('mint-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(
      'Pinning failed: the audio or MIDI file is not in a supported format (HTTP 415: audio.wav is not a WAV file). Nothing was minted; retry to pin again.',
    );
    await expect(page.locator('li[data-step="sign"]').getAttribute('data-state')).resolves.toBe('done');
    await expect(page.locator('li[data-step="pin"]').getAttribute('data-state')).resolves.toBe('failed');
    expect(signs).toBe(1);

    await page.getByRole('button', { name: 'Retry from “Pin to IPFS”' }).click();
    await page.waitForURL(/\/tracks\/\d+$/);
    expect(pins).toBe(2);
    expect(signs).toBe(1); // resumed: the manifest was not signed again
    const tokenId = BigInt(new URL(page.url()).pathname.split('/').pop() ?? '0');

    // the track page's provenance panel reads the signed manifest from the pinned folder
    const provenance = page.getByRole('region', { name: 'Provenance' });
    await expect(provenance.textContent()).resolves.toMatch(/Human edits1 \(1 transpose\)/);
    await expect(provenance.textContent()).resolves.toMatch(/4 bars in \w+ \w+ at \d+ BPM/);
    await expect(provenance.textContent()).resolves.toContain('Composite with trained algorithmic media');

    // on chain: minted to the creator, royalty 7.5% to the 70/30 split created by the flow
    const chain = localChain(`http://127.0.0.1:${env.MOTIF_ANVIL_PORT}`);
    const client = createPublicClient({ chain, transport: http() });
    const deployment = readDeployment(path.join(env.MOTIF_DATA_DIR ?? '', 'deployments', '31337.json'));
    const collection = deployment.contracts.TrackCollection.address as Address;
    const splitAddress = predictSplitAddress(
      deployment.contracts.SplitMain.address as Address,
      normalizeSplit([
        { account: CREATOR, share: 700_000 },
        { account: COLLABORATOR, share: 300_000 },
      ]),
    );
    await expect(
      client.readContract({
        address: collection,
        abi: MOTIF_ABIS.TrackCollection,
        functionName: 'ownerOf',
        args: [tokenId],
      }),
    ).resolves.toBe(CREATOR);
    const [receiver, amount] = await client.readContract({
      address: collection,
      abi: MOTIF_ABIS.TrackCollection,
      functionName: 'royaltyInfo',
      args: [tokenId, 10_000n],
    });
    expect([receiver, amount]).toEqual([splitAddress, 750n]);
    expect((await client.getCode({ address: splitAddress }))?.length ?? 0).toBeGreaterThan(2);

    // verify from the token id: every check passes, the server-side replay of the studio's compose included
    const res = await fetch(`${base}/api/tracks/verify?id=${tokenId}`);
    const body = (await res.json()) as {
      ok: boolean;
      checks: Array<{ name: string; pass: boolean; skipped?: boolean; reason: string }>;
      summary?: { seed: number; aiDisclosure: string };
    };
    // none skipped: the published WAV carries the C2PA manifest and the watermark the studio embedded
    expect(body.checks.filter((c) => c.skipped).map((c) => c.name)).toEqual([]);
    expect(body.checks.map((c) => [c.name, c.pass, c.pass ? '' : c.reason])).toEqual([
      ['manifest', true, ''],
      ['files', true, ''],
      ['c2pa', true, ''],
      ['watermark', true, ''],
      ['signature', true, ''],
      ['replay', true, ''],
      ['chain', true, ''],
    ]);
    expect(body.ok).toBe(true);
    expect(body.summary?.seed).toBe(SEED);
    expect(body.summary?.aiDisclosure).toMatch(/compositeWithTrainedAlgorithmicMedia$/);

    // the minted track's page and its verification on /verify pass the page checks at both widths
    const problems: string[] = [];
    for (const width of CHECK_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${base}/tracks/${tokenId}`);
      await page.getByRole('img', { name: /^Cover of / }).waitFor();
      problems.push(...(await checkPageState(page, 'mint', 'track-minted')));
      await page.goto(`${base}/verify?id=${tokenId}`);
      await page.getByRole('button', { name: 'Verify', exact: true }).click();
      await waitForSuccess(page, 'Verified: 7 of 7 checks passed');
      problems.push(...(await checkPageState(page, 'mint', 'verify-result')));
    }
    expect(problems).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('publishes another track as a signed lazy-mint voucher and shows its short collect link', async () => {
    await page.goto(`${base}/studio`);
    await page.waitForFunction(() => 'motifStudio' in window);
    await page.getByRole('spinbutton', { name: 'Seed' }).fill(String(SEED + 1));
    await page.getByRole('spinbutton', { name: 'Bars', exact: true }).fill('4');
    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    await page.getByTestId('digest').or(page.getByTestId('error')).waitFor();
    await page.getByRole('button', { name: 'Render WAV' }).click();
    await page
      .getByTestId('status')
      .filter({ hasText: /^Rendered/ })
      .or(page.getByTestId('error'))
      .waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/mint\?draft=/);
    await page.getByRole('textbox', { name: 'Title' }).fill('Eight Steps');
    await page.getByLabel('Connected wallet').waitFor();
    await expect(page.getByRole('textbox', { name: 'Payee 1 address' }).inputValue()).resolves.toBe(CREATOR);
    await page.getByRole('radio', { name: /Lazy-mint voucher/ }).check();
    await page.getByRole('textbox', { name: 'Voucher price (ETH)' }).fill('0.02');
    await page.getByTestId('fee').filter({ hasText: 'Estimated network fee: 0 ETH (no transaction' }).waitFor();
    await page.getByRole('button', { name: 'Sign and publish the voucher' }).click();
    // the mint page stores the voucher and shows its short link (/c/<id>), whose page names the token it mints
    await waitForSuccess(page, 'Collect link:');
    const shortLink = (await page.getByTestId('voucher-short-link').getAttribute('href')) ?? '';
    expect(shortLink).toMatch(/^\/c\/[A-Za-z0-9_-]{11}$/);
    const download = (await page.getByRole('link', { name: 'Download the voucher' }).getAttribute('href')) ?? '';
    await page.goto(`${base}${shortLink}`);
    const tokenId = BigInt((await page.locator('article[data-token-id]').getAttribute('data-token-id')) ?? '0');
    const signed = JSON.parse(decodeURIComponent(download.replace(/^data:application\/json,/, ''))) as {
      voucher: Record<string, string | number>;
      signature: Hex;
    };
    const v = signed.voucher;
    expect(trackIdOf(CREATOR, String(v.content) as Hex)).toBe(tokenId);
    expect([v.creator, v.payout, v.royaltyReceiver, v.royaltyBps, v.price]).toEqual([
      CREATOR,
      CREATOR,
      CREATOR,
      500,
      parseEther('0.02').toString(),
    ]);
    const deployment = readDeployment(path.join(env.MOTIF_DATA_DIR ?? '', 'deployments', '31337.json'));
    const message = {
      ...v,
      price: BigInt(v.price ?? 0),
      nonce: BigInt(v.nonce ?? 0),
      deadline: BigInt(v.deadline ?? 0),
    } as unknown as Parameters<typeof verifyTypedData<typeof voucherTypes, 'Voucher'>>[0]['message'];
    await expect(
      verifyTypedData({
        address: CREATOR,
        domain: voucherDomain(31337, deployment.contracts.TrackCollection.address as Address),
        types: voucherTypes,
        primaryType: 'Voucher',
        message,
        signature: signed.signature,
      }),
    ).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
