/**
 * Issue #20, against the real `npm start` platform and Chromium: the local chain configured with another gas token
 * (MOTIF_NATIVE_SYMBOL=DEGEN) shows it on every page and "ETH" on none: the pages a visitor reaches from the
 * navigation, a track page, a profile and the mint page, after the client has rendered.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from '../support/browser-platform';

let platform: BrowserPlatform;
let browser: Browser;
let base: string;

beforeAll(async () => {
  platform = await startBrowserPlatform('currency', { extraEnv: { MOTIF_NATIVE_SYMBOL: 'DEGEN' } });
  ({ browser, base } = platform);
});

afterAll(() => stopBrowserPlatform(platform));

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
