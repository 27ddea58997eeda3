/**
 * The SoundFont renderer in headless Chromium, for the browser test (test/browser/sf-render.browser.test.ts) and the
 * bench (bench/studio-sf.ts): serves a blank page, a Web Worker bundle of test/browser/sf-worker.ts (esbuild) and
 * public/soundfonts (cacheable, as the platform serves public/), and renders an arrangement in a worker of the page.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { Arrangement } from '../../lib/generation/arrangement/types';
import type { SfMix } from '../../lib/generation/render/sf/gm';
import { SOUNDFONT, soundFontShardPaths } from '../../lib/generation/render/sf/soundfont';
import { WAV_SAMPLE_RATE } from '../../lib/generation/export/wav';
import { launchChromium } from './chromium';

export type BrowserRender = {
  pcmSha256: string;
  seconds: number;
  loadMs: number;
  renderMs: number;
  meanSquare: number;
};

export type SfBrowser = {
  /** Opens a fresh page with a fresh worker (the SoundFont comes from the browser's HTTP cache after the first). */
  newWorkerPage(): Promise<Page>;
  /** Renders in the page's worker; `wallMs` is measured in the page from the request to the answer. */
  render(page: Page, arrangement: Arrangement, mix: SfMix): Promise<BrowserRender & { wallMs: number }>;
  close(): Promise<void>;
};

/** Starts the page's worker and defines `motifRender(request)`: the worker's answer and the page-side wall time. */
const PAGE_SCRIPT = `
const motifWorker = new Worker('/sf-worker.js');
let motifNext = 0;
globalThis.motifRender = (req) => new Promise((resolve) => {
  const id = ++motifNext;
  const t0 = performance.now();
  const listener = (ev) => {
    if (ev.data.id !== id) return;
    motifWorker.removeEventListener('message', listener);
    resolve({ ...ev.data, wallMs: performance.now() - t0 });
  };
  motifWorker.addEventListener('message', listener);
  motifWorker.postMessage({ id, req });
});
`;

export async function startSfBrowser(root = process.cwd()): Promise<SfBrowser> {
  const bundle = await build({
    entryPoints: [join(root, 'test', 'browser', 'sf-worker.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]?.contents ?? new Uint8Array();
  // The SoundFont's shards, served at their platform paths (lib/generation/render/sf/soundfont.ts).
  const shards = new Map(
    await Promise.all(soundFontShardPaths().map(async (p) => [p, await readFile(join(root, 'public', p))] as const)),
  );
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0] ?? '/';
    if (url === '/' || url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body></body></html>');
    } else if (url === '/sf-worker.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(js);
    } else if (shards.has(url)) {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'cache-control': 'public, max-age=31536000, immutable',
      });
      res.end(shards.get(url));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await launchChromium();
  const context = await browser.newContext();

  return {
    async newWorkerPage() {
      const page = await context.newPage();
      await page.goto(`${origin}/index.html`);
      // plain script text, so no bundler helper (tsx's __name) reaches the page
      await page.addScriptTag({ content: PAGE_SCRIPT });
      return page;
    },
    async render(page, arrangement, mix) {
      const req = { arrangement, mix, sampleRate: WAV_SAMPLE_RATE, soundfontUrl: `${origin}${SOUNDFONT.urlPath}` };
      const answer = await page.evaluate(
        (r) => (globalThis as unknown as { motifRender(x: unknown): Promise<Record<string, unknown>> }).motifRender(r),
        req,
      );
      if (answer.ok !== true) throw new Error(`the worker failed: ${String(answer.error)}`);
      return answer as unknown as BrowserRender & { wallMs: number };
    },
    async close() {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
