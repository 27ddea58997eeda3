/**
 * Home and track page figures (issue 16), in headless Chromium against the production app that `npm start` serves,
 * on a fresh data folder with two real tracks (pinned folders with the creator's signed manifest, minted with viem,
 * one listed), so the home page shows music as a visitor's would:
 *   home.firstload.kb  the JavaScript the home page loads on a first visit (empty cache): every script response's
 *                      body, gzip-compressed here (zlib level 6), summed. The bytes sent are in the note.
 *   home.lcp.ms        Largest Contentful Paint of `/`, read from a buffered PerformanceObserver once the page is
 *                      idle; median of 5 first visits (a fresh browser context each, after one warm-up visit).
 *   track.lcp.ms       the same for the listed track's page.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseEther } from 'viem';
import type { Browser } from 'playwright-core';
import { freePort } from '../lib/config/ports';
import { launchChromium } from '../test/support/chromium';
import { mintAndListFixtures, pinFixtureTracks, type PinnedFixture } from '../test/support/fixture-catalogue';
import { median, round, type BenchFigure, type BenchModule } from './figure';
import { platformEnv, startPlatform } from './start-platform';

const RUNS = 5;
const TITLES = ['Bench Harbour', 'Bench Meadow'];

type Ports = { app: number; anvil: number; pg: number };

/** Mints both tracks and lists the first; waits until the home page shows both. Returns the listed track's id. */
async function mintAndList(dataDir: string, ports: Ports, pinned: PinnedFixture[]): Promise<bigint> {
  await mintAndListFixtures({
    dataDir,
    anvilPort: ports.anvil,
    pinned,
    prices: [parseEther('0.1')],
    listingSeconds: 86_400n,
  });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const html = await (await fetch(`http://127.0.0.1:${ports.app}/`)).text();
    if (TITLES.every((t) => html.includes(t)) && html.includes('For sale now')) return pinned[0]!.tokenId;
    if (Date.now() > deadline) throw new Error('the home page never showed the bench tracks');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** One first visit in a fresh context: the page's LCP and the scripts it loaded (raw and gzip bytes). */
async function firstVisit(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const scripts: Promise<{ raw: number; gz: number; sent: number }>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push(
        Promise.all([response.body(), response.request().sizes()]).then(([body, sizes]) => ({
          raw: body.length,
          gz: gzipSync(body, { level: 6 }).length,
          sent: sizes.responseBodySize,
        })),
      );
    });
    const answer = await page.goto(url, { waitUntil: 'networkidle' });
    if (answer?.status() !== 200) throw new Error(`${url} answered ${answer?.status()}`);
    const lcp = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            resolve(entries[entries.length - 1]?.startTime ?? -1);
          }).observe({ type: 'largest-contentful-paint', buffered: true });
        }),
    );
    if (lcp < 0) throw new Error(`no largest-contentful-paint entry for ${url}`);
    const sizes = await Promise.all(scripts);
    return {
      lcp,
      count: sizes.length,
      raw: sizes.reduce((a, s) => a + s.raw, 0),
      gz: sizes.reduce((a, s) => a + s.gz, 0),
      sent: sizes.reduce((a, s) => a + s.sent, 0),
    };
  } finally {
    await context.close();
  }
}

export const homeBench: BenchModule = {
  async run(): Promise<BenchFigure[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'motif-bench-home-'));
    await chmod(dir, 0o755);
    const dataDir = path.join(dir, 'data');
    const ports = { app: await freePort(), anvil: await freePort(), pg: await freePort() };
    const pinned = await pinFixtureTracks(
      dataDir,
      TITLES.map((title) => ({ title, genre: 'Ambient', description: `${title}, a bench fixture.`, seconds: 2 })),
    );
    const platform = await startPlatform(platformEnv(dataDir, ports));
    const browser = await launchChromium();
    try {
      const base = `http://localhost:${ports.app}`;
      const tokenId = await mintAndList(dataDir, ports, pinned);
      const trackUrl = `${base}/tracks/${tokenId}`;
      await firstVisit(browser, `${base}/`); // warm-up: the server's first render of each route
      await firstVisit(browser, trackUrl);
      const home = [];
      const track = [];
      for (let i = 0; i < RUNS; i++) {
        home.push(await firstVisit(browser, `${base}/`));
        track.push(await firstVisit(browser, trackUrl));
      }
      const load = home[0]!;
      return [
        {
          name: 'home.firstload.kb',
          value: round(load.gz / 1024, 1),
          unit: 'KB gz',
          goal: '<= 200 KB gz',
          note: `${load.count} scripts, ${round(load.raw / 1024, 1)} KB raw, gzip level 6 here; ${round(load.sent / 1024, 1)} KB sent by the server`,
        },
        {
          name: 'home.lcp.ms',
          value: Math.round(median(home.map((v) => v.lcp))),
          unit: 'ms',
          goal: '<= 1,500 ms',
          note: `median of ${RUNS} first visits, 1280x800, local platform`,
        },
        {
          name: 'track.lcp.ms',
          value: Math.round(median(track.map((v) => v.lcp))),
          unit: 'ms',
          goal: '<= 1,500 ms',
          note: `median of ${RUNS} first visits to a listed track's page, 1280x800, local platform`,
        },
      ];
    } finally {
      await browser.close();
      await platform.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
