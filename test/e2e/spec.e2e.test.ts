/**
 * Issue #14, against the real `npm start` server and Chromium: the provenance spec is served at /spec/provenance
 * under the nonce CSP (every script tag carries the response's nonce, no CSP violation in the browser), the verify
 * page links it, and the raw spec and every vector it links are answered byte for byte.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cspViolations,
  startBrowserPlatform,
  stopBrowserPlatform,
  type BrowserPlatform,
} from '../support/browser-platform';
import { CHECK_WIDTHS, checkPageState } from '../support/page-check';

let platform: BrowserPlatform;
let browser: Browser;
let base: string;

beforeAll(async () => {
  platform = await startBrowserPlatform('spec');
  ({ browser, base } = platform);
});

afterAll(() => stopBrowserPlatform(platform));

describe('/spec/provenance', () => {
  it('is a page under the nonce CSP, reached from /verify, with working links to the raw spec and vectors', async () => {
    const res = await fetch(`${base}/spec/provenance`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const violations = cspViolations(page);
      await page.goto(`${base}/verify`);
      await page.getByRole('link', { name: 'Motif Provenance specification' }).click();
      await page.waitForURL(`${base}/spec/provenance`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Motif Provenance 2.0');
      await expect(
        page.getByRole('heading', { name: '7.8 The PRNG (sfc32 seeded through splitmix32)' }).isVisible(),
      ).resolves.toBe(true);
      const hrefs = await page
        .locator('article.spec a[href^="/spec/provenance/vectors/"]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(new Set(hrefs).size).toBeGreaterThanOrEqual(10);
      for (const href of new Set(hrefs)) {
        const vector = await fetch(`${base}${href}`);
        expect(vector.status, href).toBe(200);
        expect(await vector.text(), href).toBe(
          readFileSync(path.join('docs/provenance/vectors', href.split('/').pop() ?? ''), 'utf8'),
        );
      }
      const raw = await fetch(`${base}/spec/provenance/SPEC.md`);
      expect(raw.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      expect(await raw.text()).toBe(readFileSync('docs/provenance/SPEC.md', 'utf8'));
      expect((await fetch(`${base}/spec/provenance/vectors/..%2F..%2F..%2Fpackage.json`)).status).toBe(404);
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the spec and the verify form pass the page checks at both widths (the verify result: mint e2e)', async () => {
    const page = await browser.newPage();
    try {
      const problems: string[] = [];
      for (const width of CHECK_WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        for (const [name, url] of [
          ['spec', '/spec/provenance'],
          ['verify', '/verify'],
        ] as const) {
          await page.goto(`${base}${url}`);
          await page.getByRole('heading', { level: 1 }).waitFor();
          problems.push(...(await checkPageState(page, 'spec', name)));
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
