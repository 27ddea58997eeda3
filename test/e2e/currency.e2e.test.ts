/**
 * Issue #20, against the real `npm start` platform and Chromium: the local chain configured with another gas token
 * (MOTIF_NATIVE_SYMBOL=DEGEN) shows it on every page and "ETH" on none: the pages a visitor reaches from the
 * navigation, a track page, a profile and the mint page, after the client has rendered.
 */
import { rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { launchChromium } from '../support/chromium';
import {
  pressCtrlC,
  runStartScript,
  tempPlatform,
  type PlatformEnv,
  type StartedPlatform,
} from '../support/start-process';

let dir: string;
let env: PlatformEnv;
let started: StartedPlatform;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ dir, env } = await tempPlatform('currency'));
  started = runStartScript({ ...env, MOTIF_NATIVE_SYMBOL: 'DEGEN' });
  [browser] = await Promise.all([launchChromium(), started.ready]);
  base = `http://localhost:${env.MOTIF_APP_PORT}`;
});

afterAll(async () => {
  await browser?.close();
  try {
    if (started) {
      pressCtrlC(started);
      await started.exited;
    }
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
});

describe('a local chain whose gas token is DEGEN', () => {
  it('shows DEGEN and never ETH on any page', async () => {
    const page = await browser.newPage();
    const text = async (url: string) => {
      const res = await page.goto(`${base}${url}`, { waitUntil: 'networkidle' });
      expect(res?.status(), url).toBeLessThan(500);
      return page.evaluate(() => document.body.innerText);
    };
    const gallery = await text('/gallery');
    expect(gallery).toContain('Price from (DEGEN)');
    const trackLinks = await page.$$eval('a[href^="/tracks/"]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    const pages = [
      '/',
      '/studio',
      '/verify',
      '/activity',
      '/labels',
      '/mint',
      `/profiles/${localDevAccounts(2)[1]!.address}`,
      ...trackLinks.slice(0, 2),
    ];
    const seen: Record<string, string> = { '/gallery': gallery };
    for (const url of pages) seen[url] = await text(url);
    for (const [url, body] of Object.entries(seen)) expect(body, `${url} mentions ETH`).not.toMatch(/\bETH\b/);
    await page.close();
  });
});
