/**
 * The home page and the pages around it, end to end on the local platform from `npm start`, in Chromium. On a fresh
 * install the home page explains Motif, offers a way in to creators, collectors and labels, and points an empty
 * catalogue to the studio. Two real track folders (audio, MIDI, the creator's signed manifest, cover) are pinned
 * before the platform starts; the creator mints both with viem and lists one. Then: the listed track is featured and
 * the other is among the newest, each plays from the IPFS gateway (200/206) and links to its track page; the
 * component status is at /status, reached from the footer; a track id never minted and an unknown path answer a
 * real 404 with the styled page. On every page (home, gallery, a track page with a long unbroken title, status,
 * 404) at 390 px and 1,280 px: no sideways scroll, and axe-core finds no serious or critical violation. Screenshots of
 * each page at both widths are written (outside CI) to the ignored test-results folder, under screenshots/home.
 */
import { rm } from 'node:fs/promises';
import { parseEther } from 'viem';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { mintAndListFixtures, pinFixtureTracks, type PinnedFixture } from '../support/fixture-catalogue';
import { pollUntil } from '../support/limits';
import { CHECK_WIDTHS, checkPageState } from '../support/page-check';
import { pressCtrlC, runStartScript, type StartedPlatform, tempPlatform } from '../support/start-process';

const LISTED = { title: 'Harbour Lights', genre: 'Ambient', price: '0.25' };
// One unbroken word far wider than a phone: the pages must wrap it, not scroll sideways.
const LONG = { title: `Longwinded${'la'.repeat(70)}`, genre: 'Folk' };

let dir: string;
let env: Awaited<ReturnType<typeof tempPlatform>>['env'];
let started: StartedPlatform;
let browser: Browser;
let page: Page;
let base: string;
let pinned: PinnedFixture[];

beforeAll(async () => {
  const platform = await tempPlatform('home');
  dir = platform.dir;
  env = platform.env;
  pinned = await pinFixtureTracks(
    env.MOTIF_DATA_DIR,
    [LISTED, LONG].map((t) => ({ ...t, description: `${t.title}, a home page e2e fixture.`, seconds: 2 })),
  );
  started = runStartScript(env);
  [browser] = await Promise.all([launchChromium(), started.ready]);
  base = `http://localhost:${env.MOTIF_APP_PORT}`;
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

/** Error text the page shows (role=alert), leaving out Next's route announcer, which reads out page titles. */
const alerts = (p: Page) => p.locator('[role="alert"]:not(#__next-route-announcer__)').filter({ hasText: /\S/ });

/** Waits until `target` shows; fails at once with the page's error text if an alert shows first. */
async function shown(p: Page, target: Locator): Promise<void> {
  const outcome = await Promise.race([
    target
      .first()
      .waitFor({ state: 'visible' })
      .then(
        () => 'shown' as const,
        () => 'gone' as const,
      ),
    alerts(p)
      .first()
      .waitFor({ state: 'visible' })
      .then(
        () => 'alert' as const,
        () => 'gone' as const,
      ),
  ]);
  if (outcome === 'alert') throw new Error(`the page shows an error instead: ${await alerts(p).first().textContent()}`);
  expect(outcome).toBe('shown');
}

/** Opens `url` and checks the answer's HTTP status. */
async function open(url: string, status = 200): Promise<void> {
  const answer = await page.goto(`${base}${url}`);
  expect(answer?.status(), url).toBe(status);
}

describe('the home page on a fresh install', () => {
  it('explains Motif, offers creators, collectors and labels their way in, and points an empty catalogue to the studio', async () => {
    await open('/');
    await shown(page, page.getByRole('heading', { level: 1 }));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/music/i);
    await expect(page.locator('.hero .lead').textContent()).resolves.toContain('Motif is a music studio');
    const ways = page.getByRole('region', { name: 'Where to start' });
    const calls = await ways
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(calls).toEqual([
      ['Compose a track', '/studio'],
      ['Browse the gallery', '/gallery'],
      ['Run a label', '/labels'],
    ]);
    await expect(page.getByRole('link', { name: 'Start composing' }).getAttribute('href')).resolves.toBe('/studio');
    const empty = page.getByRole('region', { name: 'No tracks yet' });
    await shown(page, empty);
    await expect(empty.getByRole('link', { name: 'Compose the first track' }).getAttribute('href')).resolves.toBe(
      '/studio',
    );
    // Status is no longer in the main navigation; the footer leads to it.
    await expect(
      page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: /status/i })
        .count(),
    ).resolves.toBe(0);
    // Each call to action leads to a page that answers.
    for (const name of ['Compose a track', 'Browse the gallery', 'Run a label']) {
      await open('/');
      const link = ways.getByRole('link', { name });
      const href = (await link.getAttribute('href'))!;
      await Promise.all([page.waitForURL(`${base}${href}`), link.click()]);
      await shown(page, page.getByRole('heading', { level: 1 }));
    }
  });
});

describe('the home page with music', () => {
  it('features the listed track and shows the newest, each linked to its track page', async () => {
    await mintAndListFixtures({
      dataDir: env.MOTIF_DATA_DIR,
      anvilPort: env.MOTIF_ANVIL_PORT,
      pinned,
      prices: [parseEther(LISTED.price)],
      listingSeconds: 86_400n,
    });
    // The indexer announces nothing: the server-rendered home page is read until both tracks show, one for sale.
    await pollUntil(
      'the home page to show both tracks, one for sale',
      async () => {
        const html = await (await fetch(base)).text();
        return html.includes('For sale now') && html.includes(LISTED.title) && html.includes(LONG.title);
      },
      () => started.output().slice(-3000),
    );

    await open('/');
    const featured = page.getByRole('region', { name: 'For sale now' });
    const card = featured.locator('.track-card').filter({ hasText: LISTED.title });
    await shown(page, card);
    await expect(card.textContent()).resolves.toContain(`${LISTED.price} ETH`);
    await expect(card.locator('img').getAttribute('src')).resolves.toMatch(/^\/media\/bafy[a-z0-9]+\/cover$/);
    await expect(
      card.locator('img').evaluate((img) => (img as HTMLImageElement).decode().then(() => true)),
    ).resolves.toBe(true);
    const recent = page.getByRole('region', { name: 'Just published' });
    await expect(recent.locator('.track-card h3').allTextContents()).resolves.toEqual([LONG.title]);

    const title = card.getByRole('link', { name: LISTED.title });
    await expect(title.getAttribute('href')).resolves.toBe(`/tracks/${pinned[0]!.tokenId}`);
    await Promise.all([page.waitForURL(`${base}/tracks/${pinned[0]!.tokenId}`), title.click()]);
    await shown(page, page.getByRole('heading', { level: 1, name: LISTED.title }));
    await expect(page.getByTestId('listing-price').textContent()).resolves.toBe(`${LISTED.price} ETH`);
  });

  it('a card plays right there in the player bar, from the IPFS gateway', async () => {
    const media: { url: string; status: number }[] = [];
    const onResponse = (r: { url(): string; status(): number }) => {
      if (r.url().endsWith('/stream')) media.push({ url: r.url(), status: r.status() });
    };
    page.on('response', onResponse);
    try {
      await open('/');
      await page.getByRole('button', { name: `Play ${LISTED.title}` }).click();
      const audio = page.getByLabel(`Now playing: ${LISTED.title}`);
      // the streaming copy when the folder has one; these tracks were pinned without, so the route serves audio.wav
      await expect(audio.getAttribute('src')).resolves.toMatch(/^\/media\/bafy[a-z0-9]+\/stream$/);
      const played = await audio.evaluate(async (el) => {
        const a = el as HTMLAudioElement;
        if (!(a.currentTime > 0 || a.ended))
          await new Promise((resolve, reject) => {
            a.addEventListener('timeupdate', resolve, { once: true });
            a.addEventListener('ended', resolve, { once: true });
            a.addEventListener('error', () => reject(new Error(`audio error ${a.error?.code}: ${a.error?.message}`)));
          });
        return { duration: a.duration };
      });
      expect(played.duration).toBeCloseTo(2, 2);
      expect(media.length).toBeGreaterThan(0);
      expect(media.every((m) => m.status === 200 || m.status === 206)).toBe(true);
      expect(new URL(media[0]!.url).pathname).toBe(await audio.getAttribute('src'));
      const bar = page.getByRole('region', { name: 'Player' });
      await expect(bar.getByRole('link', { name: LISTED.title }).getAttribute('href')).resolves.toBe(
        `/tracks/${pinned[0]!.tokenId}`,
      );
    } finally {
      page.off('response', onResponse);
    }
  });

  it('the player keeps playing while the listener moves between pages, and closes by keyboard', async () => {
    await open('/');
    await page.getByRole('button', { name: `Play ${LISTED.title}` }).click();
    const audio = page.getByLabel(`Now playing: ${LISTED.title}`);
    // a marked, looping element (the fixture is 2 s long): the same node must still be playing after navigating
    await audio.evaluate(async (el) => {
      const a = el as HTMLAudioElement & { motifMark?: string };
      a.motifMark = 'kept';
      a.loop = true;
      if (a.paused) await a.play(); // it may have reached its end already on a busy machine
    });
    await Promise.all([
      page.waitForURL(`${base}/gallery`),
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Gallery' }).click(),
    ]);
    await shown(page, page.getByRole('heading', { level: 1, name: /gallery/i }));
    const after = await page.getByLabel(`Now playing: ${LISTED.title}`).evaluate(async (el) => {
      const a = el as HTMLAudioElement & { motifMark?: string };
      await new Promise((resolve) => a.addEventListener('timeupdate', resolve, { once: true }));
      return { mark: a.motifMark, paused: a.paused };
    });
    expect(after).toMatchObject({ mark: 'kept', paused: false });
    // keyboard: focus the bar's close button and press Enter; the bar goes and focus stays on the page
    const close = page.getByRole('region', { name: 'Player' }).getByRole('button', { name: 'Close player' });
    await close.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Player' }).waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });
});

describe('status, 404 and every page at phone and laptop widths', () => {
  it('the footer leads to /status, which shows every component', async () => {
    await open('/');
    const footer = page.getByRole('navigation', { name: 'Footer' });
    await Promise.all([
      page.waitForURL(`${base}/status`),
      footer.getByRole('link', { name: 'Platform status' }).click(),
    ]);
    await shown(page, page.getByRole('heading', { level: 1, name: 'Motif platform status' }));
    await expect(page.getByRole('status').textContent()).resolves.toBe('All components are running.');
    await expect(
      page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-component'))),
    ).resolves.toEqual(['chain', 'contracts', 'database', 'ipfs', 'indexer']);
    await expect(page.locator('tbody tr td:nth-child(2)').allTextContents()).resolves.toEqual([
      'OK',
      'OK',
      'OK',
      'OK',
      'OK',
    ]);
    await expect(page.getByTestId('collection-summary').textContent()).resolves.toMatch(/^CollectionMotif Tracks/);
  });

  it('a track never minted and an unknown path answer 404 with the styled page', async () => {
    for (const url of ['/tracks/999999', '/no-such-page']) {
      await open(url, 404);
      await shown(page, page.getByRole('heading', { level: 1, name: 'This page does not exist' }));
      await expect(page.title()).resolves.toBe('Not found · Motif');
      await expect(page.getByRole('link', { name: 'Go to the home page' }).getAttribute('href')).resolves.toBe('/');
      await expect(page.getByRole('link', { name: 'Browse the gallery' }).getAttribute('href')).resolves.toBe(
        '/gallery',
      );
      // Readable: the heading is light text on the dark page, not Next's default black on white.
      const colours = await page.evaluate(() => ({
        text: getComputedStyle(document.querySelector('h1')!).color,
        page: getComputedStyle(document.body).backgroundColor,
      }));
      expect(colours).toEqual({ text: 'rgb(232, 234, 240)', page: 'rgb(15, 17, 21)' });
    }
  });

  it('no page scrolls sideways at 390 px or 1,280 px, and axe-core finds no serious or critical violation', async () => {
    // the player bar open with its queue shown: a page state of its own
    const withPlayer = async () => {
      await page.getByRole('button', { name: `Play ${LISTED.title}` }).click();
      await page
        .getByRole('region', { name: 'Player' })
        .getByRole('button', { name: /^Queue/ })
        .click();
      await page.getByRole('list', { name: 'Queue' }).waitFor();
    };
    const pages: [string, string, number, (() => Promise<void>)?][] = [
      ['home', '/', 200],
      ['home-player', '/', 200, withPlayer],
      ['gallery', '/gallery', 200],
      ['track', `/tracks/${pinned[0]!.tokenId}`, 200],
      ['track-long-title', `/tracks/${pinned[1]!.tokenId}`, 200],
      ['status', '/status', 200],
      ['not-found', '/tracks/999999', 404],
    ];
    const problems: string[] = [];
    for (const width of CHECK_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, url, status, prepare] of pages) {
        await open(url, status);
        await shown(page, page.getByRole('heading', { level: 1 }));
        await prepare?.();
        await page.waitForLoadState('load');
        problems.push(...(await checkPageState(page, 'home', name)));
      }
    }
    expect(problems).toEqual([]);
  });
});
