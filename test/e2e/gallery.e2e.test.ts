/**
 * The gallery end to end on the local platform from `npm start`, in Chromium. Four track folders with distinct
 * metadata (title, genre, key, tempo) and a manifest signed by their creator are pinned into the IPFS repo before the
 * platform starts; the creator mints them with viem (ids namespaced by the creator) and lists three on the Market. Once the indexer has
 * resolved their metadata, the server-rendered filter form is driven in Chromium: search, genre, key, tempo range,
 * for sale, price range, sort by price, pagination, an invalid filter's error list, labelled keyboard-reachable
 * controls, each card's cover, title link to its track page and creator name, and a card's <audio> streaming from the
 * gateway with seeking (answered with 206 Partial Content).
 */
import { rm } from 'node:fs/promises';
import { CID } from 'multiformats/cid';
import path from 'node:path';
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
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { localChain } from '../../lib/config/chains';
import { marketAbi, trackCollectionAbi } from '../../lib/contracts/abi';
import { readDeployment } from '../../lib/contracts/deployment';
import { trackIdOf } from '../../lib/contracts/track-id';
import { keySchema, scaleSchema } from '../../lib/generation/arrangement/types';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import { pinTrack } from '../../lib/tracks/track-folder';
import { contentDigestOfCid } from '../../lib/provenance/digest';
import { buildManifest } from '../../lib/provenance/manifest';
import { signManifest } from '../../lib/provenance/signed-manifest';
import { makeMidi, manifestParams } from '../provenance/fixtures';
import { launchChromium } from '../support/chromium';
import { pollUntil } from '../support/limits';
import { pressCtrlC, runStartScript, type StartedPlatform, tempPlatform } from '../support/start-process';

const [deployer, creator] = localDevAccounts(2);
if (!deployer || !creator) throw new Error('two local dev accounts expected');
// npm start deploys TrackCollection as the dev deployer's first transaction on a fresh chain; the manifests, signed
// before the platform starts, are bound to that address (checked against the deployment file below).
const COLLECTION = getContractAddress({ from: deployer.address, nonce: 0n });

/** A 16-bit mono 8 kHz PCM WAV of `seconds` of a tone (long enough to seek in). */
function toneWav(seconds: number, hz: number): Uint8Array {
  const rate = 8000,
    samples = seconds * rate,
    bytes = samples * 2;
  const buf = Buffer.alloc(44 + bytes);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + bytes, 4);
  buf.write('WAVE', 8);
  buf.write('fmt ', 12);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(bytes, 40);
  for (let i = 0; i < samples; i++)
    buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 8000), 44 + i * 2);
  return new Uint8Array(buf);
}

type Fixture = { title: string; genre: string; key: string; bpm: number; price?: string };
const TRACKS: Fixture[] = [
  { title: 'Amber Canon', genre: 'Ambient', key: 'A minor', bpm: 72, price: '0.5' },
  { title: 'Brass Lullaby', genre: 'Jazz', key: 'C major', bpm: 96, price: '0.2' },
  { title: 'Cobalt Drift', genre: 'Ambient', key: 'C major', bpm: 120 },
  { title: 'Delta Steps', genre: 'Techno', key: 'D minor', bpm: 140, price: '1.5' },
];

let dir: string;
let started: StartedPlatform;
let browser: Browser;
let page: Page;
let base: string;
const contentDigests: Hex[] = [];
const manifestDigests: Hex[] = [];

beforeAll(async () => {
  const platform = await tempPlatform('gallery');
  dir = platform.dir;
  const env = platform.env;
  // Track folders pinned before the platform starts, as earlier mints would have left them.
  const storage = await HeliaStorage.open(path.join(env.MOTIF_DATA_DIR, 'ipfs'));
  const account = privateKeyToAccount(creator.privateKey);
  for (const [i, t] of TRACKS.entries()) {
    // A real track folder: audio, MIDI, the creator's signed manifest (key and tempo as listed), metadata, cover.
    const wav = toneWav(4, 220 * (i + 1));
    const base = await manifestParams(account.address, wav, makeMidi(), [{ op: 'setTempo', bpm: t.bpm }]);
    const [tonic, scale] = t.key.split(' ');
    const manifest = buildManifest({
      ...base,
      generation: { ...base.generation, key: keySchema.parse(tonic), scale: scaleSchema.parse(scale) },
    });
    const signed = await signManifest({
      manifest,
      chainId: 31337,
      verifyingContract: COLLECTION,
      sign: (td) => account.signTypedData(td),
    });
    const pinned = await pinTrack(storage, {
      wav,
      midi: makeMidi(),
      signed,
      metadata: { name: t.title, description: `${t.title}, a gallery e2e fixture.`, genre: t.genre, credits: [] },
    });
    contentDigests.push(contentDigestOfCid(CID.parse(pinned.cid)));
    manifestDigests.push(signed.manifestDigest);
  }
  await storage.close();

  started = runStartScript(env);
  [browser] = await Promise.all([launchChromium(), started.ready]);
  base = `http://localhost:${env.MOTIF_APP_PORT}`;
  const chain = localChain(`http://127.0.0.1:${env.MOTIF_ANVIL_PORT}`);
  const publicClient = createPublicClient({ chain, transport: http() });
  const wallet = createWalletClient({ chain, transport: http(), account: privateKeyToAccount(creator.privateKey) });
  const deployment = readDeployment(path.join(env.MOTIF_DATA_DIR, 'deployments', '31337.json'));
  const collection = deployment.contracts.TrackCollection.address as Address;
  expect(getAddress(collection)).toBe(COLLECTION);
  const market = deployment.contracts.Market.address as Address;
  const send = async (hash: Promise<`0x${string}`>) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    expect(receipt.status).toBe('success');
  };
  // one mint per block (anvil automines), so "newest first" is a stable order
  for (const [i, content] of contentDigests.entries()) {
    await send(
      wallet.writeContract({
        address: collection,
        abi: trackCollectionAbi,
        functionName: 'mint',
        args: [creator.address, content, manifestDigests[i]!, creator.address, 500, 6],
      }),
    );
  }
  await send(
    wallet.writeContract({
      address: collection,
      abi: trackCollectionAbi,
      functionName: 'setApprovalForAll',
      args: [market, true],
    }),
  );
  for (const [i, t] of TRACKS.entries()) {
    const expiry = (await publicClient.getBlock()).timestamp + 86_400n;
    if (t.price)
      await send(
        wallet.writeContract({
          address: market,
          abi: marketAbi,
          functionName: 'list',
          args: [collection, trackIdOf(creator.address, contentDigests[i]!), parseEther(t.price), expiry],
        }),
      );
  }
  // The indexer has caught up when every title shows and three are for sale.
  await pollUntil(
    'the gallery to show the four tracks',
    async () => {
      const html = await (await fetch(`${base}/gallery?forSale=true`)).text();
      const all = await (await fetch(`${base}/gallery`)).text();
      return html.includes('3 tracks, page 1 of 1') && TRACKS.every((t) => all.includes(t.title));
    },
    () => started.output().slice(-3000),
  );
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  if (started && started.child.exitCode === null && started.child.signalCode === null) {
    pressCtrlC(started);
    await started.exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

const form = () => page.getByRole('form', { name: 'Search and filter tracks' });
const titles = () => page.locator('.track-card h2').allTextContents();
const status = () => page.getByRole('status').textContent();

/** Clears the form (a fresh /gallery), fills the given labelled fields, and submits with Apply. */
async function search(
  fields: Partial<
    Record<'Search' | 'Genre' | 'Key' | 'Tempo from' | 'Tempo to' | 'Price from (ETH)' | 'Price to (ETH)', string>
  >,
  opts: { forSale?: boolean; sort?: string } = {},
): Promise<void> {
  await page.goto(`${base}/gallery`);
  for (const [label, value] of Object.entries(fields)) await form().getByLabel(label).fill(value);
  if (opts.forSale) await form().getByLabel('For sale only').check();
  if (opts.sort) await form().getByLabel('Sort').selectOption(opts.sort);
  await Promise.all([page.waitForURL(/\/gallery\?/), form().getByRole('button', { name: 'Apply' }).click()]);
}

describe('the gallery in Chromium', () => {
  it('lists the indexed tracks with their metadata, newest first', async () => {
    await page.goto(`${base}/gallery`);
    await expect(status()).resolves.toBe('4 tracks, page 1 of 1');
    expect(await titles()).toEqual(['Delta Steps', 'Cobalt Drift', 'Brass Lullaby', 'Amber Canon']);
    const card = page.locator('.track-card').filter({ hasText: 'Brass Lullaby' });
    await expect(card.textContent()).resolves.toContain('Jazz · C major · 96 BPM');
    await expect(card.textContent()).resolves.toContain('0.2 ETH');
    await expect(page.locator('.track-card').filter({ hasText: 'Cobalt Drift' }).textContent()).resolves.toContain(
      'Not for sale',
    );
  });

  it('each card shows its cover, links its title to the track page and names the creator by profile', async () => {
    await page.goto(`${base}/gallery`);
    await expect(status()).resolves.toBe('4 tracks, page 1 of 1');
    for (const [i, t] of TRACKS.entries()) {
      const card = page.locator('.track-card').filter({ hasText: t.title });
      const cover = card.locator('img');
      await expect(cover.getAttribute('src')).resolves.toMatch(/^\/media\/bafy[a-z0-9]+\/cover$/);
      // the cover loads from the gateway and is a real image
      await expect(
        cover.evaluate((img) => (img as HTMLImageElement).decode().then(() => (img as HTMLImageElement).naturalWidth)),
      ).resolves.toBeGreaterThan(0);
      const title = card.getByRole('heading', { name: t.title }).getByRole('link', { name: t.title });
      await expect(title.getAttribute('href')).resolves.toBe(
        `/tracks/${trackIdOf(creator.address, contentDigests[i]!)}`,
      );
      // npm start's seed gives the dev creator a profile name; the card shows it, linked to the profile
      const by = card.getByRole('link', { name: 'Local creator #1 (dev key)' });
      await expect(by.getAttribute('href')).resolves.toBe(`/profiles/${creator.address}`);
    }
    const card = page.locator('.track-card').filter({ hasText: 'Delta Steps' });
    await Promise.all([page.waitForURL(/\/tracks\/\d+$/), card.getByRole('link', { name: 'Delta Steps' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Delta Steps' }).waitFor();
    await expect(page.getByTestId('listing-price').textContent()).resolves.toBe('1.5 ETH');
  });

  it('searches by title and filters by genre, key, tempo range, for sale and price', async () => {
    await search({ Search: 'drift' });
    expect(await titles()).toEqual(['Cobalt Drift']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('drift');
    await expect(form().getByLabel('Search').inputValue()).resolves.toBe('drift');

    await search({ Genre: 'ambient' });
    expect(await titles()).toEqual(['Cobalt Drift', 'Amber Canon']);
    await search({ Key: 'C major' });
    expect(await titles()).toEqual(['Cobalt Drift', 'Brass Lullaby']);
    await search({ 'Tempo from': '90', 'Tempo to': '130' });
    expect(await titles()).toEqual(['Cobalt Drift', 'Brass Lullaby']);
    await search({ Genre: 'Ambient', 'Tempo to': '100' });
    expect(await titles()).toEqual(['Amber Canon']);
    await search({}, { forSale: true });
    expect(await titles()).toEqual(['Delta Steps', 'Brass Lullaby', 'Amber Canon']);
    await expect(form().getByLabel('For sale only').isChecked()).resolves.toBe(true);
    await search({ 'Price from (ETH)': '0.3', 'Price to (ETH)': '1' });
    expect(await titles()).toEqual(['Amber Canon']);
    await search({ Search: 'no such track' });
    await expect(status()).resolves.toBe('No tracks match.');
  });

  it('sorts by price both ways (unlisted tracks last) and paginates', async () => {
    await search({}, { sort: 'price-asc' });
    expect(await titles()).toEqual(['Brass Lullaby', 'Amber Canon', 'Delta Steps', 'Cobalt Drift']);
    await search({}, { sort: 'price-desc' });
    expect(await titles()).toEqual(['Delta Steps', 'Amber Canon', 'Brass Lullaby', 'Cobalt Drift']);

    await page.goto(`${base}/gallery?sort=title&pageSize=3`);
    await expect(status()).resolves.toBe('4 tracks, page 1 of 2');
    expect(await titles()).toEqual(['Amber Canon', 'Brass Lullaby', 'Cobalt Drift']);
    await expect(page.getByRole('link', { name: 'Previous page' }).count()).resolves.toBe(0);
    await Promise.all([
      page.waitForURL(/page=2/),
      page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next page' }).click(),
    ]);
    await expect(status()).resolves.toBe('4 tracks, page 2 of 2');
    expect(await titles()).toEqual(['Delta Steps']);
    await expect(page.getByRole('link', { name: 'Next page' }).count()).resolves.toBe(0);
    await Promise.all([page.waitForURL(/page=1/), page.getByRole('link', { name: 'Previous page' }).click()]);
    expect(await titles()).toEqual(['Amber Canon', 'Brass Lullaby', 'Cobalt Drift']);
  });

  it('an invalid filter shows the list of problems and no results', async () => {
    await search({ 'Tempo from': '130', 'Tempo to': '90', 'Price from (ETH)': 'lots' });
    const alert = page.getByRole('alert').filter({ hasText: 'Some filters are not valid' });
    await expect(alert.locator('li').allTextContents()).resolves.toContain(
      'priceMin: must be an amount in ETH, e.g. 0.5',
    );
    await search({ 'Tempo from': '130', 'Tempo to': '90' });
    await expect(alert.locator('li').allTextContents()).resolves.toEqual(['bpmMax: must be at least bpmMin']);
    await expect(page.locator('.track-card').count()).resolves.toBe(0);
  });

  it('every control is labelled and reachable with the keyboard', async () => {
    await page.goto(`${base}/gallery`);
    const expected = [
      'Search',
      'Genre',
      'Key',
      'Model',
      'Tempo from',
      'Tempo to',
      'Price from (ETH)',
      'Price to (ETH)',
      'For sale only',
      'Sort',
      'Apply',
    ];
    for (const name of expected.slice(0, -1)) await expect(form().getByLabel(name).count()).resolves.toBe(1);
    const reached: string[] = [];
    for (let i = 0; i < 40 && reached.length < expected.length; i++) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || !el.closest('form[aria-label="Search and filter tracks"]')) return null;
        if (el.tagName === 'BUTTON') return el.textContent?.trim() ?? '';
        const label = el.closest('label');
        if (!label) return '';
        // the label's own text, without the text of the control (the sort <select>'s options)
        return [...label.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent)
          .join('')
          .trim();
      });
      if (name !== null) reached.push(name);
    }
    expect(reached).toEqual(expected);
    // Enter in a focused field submits the form
    await form().getByLabel('Genre').focus();
    await page.keyboard.type('Techno');
    await Promise.all([page.waitForURL(/genre=Techno/), page.keyboard.press('Enter')]);
    expect(await titles()).toEqual(['Delta Steps']);
  });

  it('a card plays its audio in the player bar from the IPFS gateway, with seeking answered by 206 ranges', async () => {
    const ranges: { url: string; status: number; range: string | null }[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/media/'))
        ranges.push({ url: r.url(), status: r.status(), range: r.request().headers()['range'] ?? null });
    });
    await page.goto(`${base}/gallery?q=Amber`);
    await page.getByRole('button', { name: 'Play Amber Canon' }).click();
    const audio = page.getByLabel('Now playing: Amber Canon');
    // the streaming copy when the folder has one; this track was pinned without, so the route serves audio.wav
    await expect(audio.getAttribute('src')).resolves.toMatch(/^\/media\/bafy[a-z0-9]+\/stream$/);
    const result = await audio.evaluate(async (el) => {
      const a = el as HTMLAudioElement;
      a.muted = true;
      a.preload = 'auto';
      a.load();
      await new Promise((resolve, reject) => {
        a.onloadedmetadata = resolve;
        a.onerror = () => reject(new Error(`audio error ${a.error?.code}`));
      });
      const duration = a.duration;
      await a.play();
      a.currentTime = 2.5;
      await new Promise((resolve) => {
        a.onseeked = resolve;
      });
      const seekedTo = a.currentTime;
      const seekable = a.seekable.length > 0 ? a.seekable.end(0) : 0;
      a.pause();
      return { duration, seekedTo, seekable };
    });
    expect(result.duration).toBeCloseTo(4, 2);
    expect(result.seekable).toBeCloseTo(4, 2);
    expect(result.seekedTo).toBeGreaterThanOrEqual(2.5);
    expect(result.seekedTo).toBeLessThan(3.5);
    const media = ranges.filter((r) => r.url.endsWith('/stream'));
    expect(media.length).toBeGreaterThan(0);
    expect(media.some((r) => r.status === 206)).toBe(true);
    // an explicit range from the same gateway URL
    const partial = await page.evaluate(
      async (url) => {
        const res = await fetch(url, { headers: { Range: 'bytes=44-1043' } });
        return {
          status: res.status,
          contentRange: res.headers.get('content-range'),
          length: (await res.arrayBuffer()).byteLength,
        };
      },
      (await audio.getAttribute('src'))!,
    );
    expect(partial).toEqual({ status: 206, contentRange: `bytes 44-1043/${44 + 4 * 8000 * 2}`, length: 1000 });
  });
});
