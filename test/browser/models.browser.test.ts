/**
 * Chromium (Debian, headless, playwright-core) loads each shipped checkpoint through Magenta's esm MusicRNN and
 * generates with a seed; the notes digest equals the one Node computes with the same seed (tfjs cpu backend in both).
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_MODELS } from '../../lib/generation/models/registry';
import { loadMusicRnnFromFolder } from '../../lib/generation/models/node-loader';
import { generateMelody } from '../../lib/generation/sampling';
import { notesDigest } from '../../lib/generation/notes/digest';
import { launchChromium } from '../support/chromium';

const root = process.cwd();
const STEPS = 64;
const SEED = 2024;
const CHORDS = ['G', 'C', 'D7', 'G'];
const primer = {
  notes: [
    { pitch: 67, quantizedStartStep: 0, quantizedEndStep: 4 },
    { pitch: 71, quantizedStartStep: 4, quantizedEndStep: 8 },
  ],
  totalQuantizedSteps: 8,
  quantizationInfo: { stepsPerQuarter: 4 },
};

let server: Server;
let origin = '';
let browser: Browser;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(root, 'test', 'browser', 'models-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    define: { global: 'globalThis' },
    alias: { tone: 'tone/build/esm/index.js' },
    inject: [],
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]?.contents ?? new Uint8Array();
  server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0] ?? '/';
    if (url === '/' || url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body><script src="/bundle.js"></script></body></html>');
      return;
    }
    if (url === '/bundle.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(js);
      return;
    }
    const rel = normalize(decodeURIComponent(url)).replace(/^(\.\.[/\\])+/, '');
    if (!rel.startsWith('/models/')) {
      res.writeHead(404);
      res.end();
      return;
    }
    readFile(join(root, 'public', rel))
      .then((body) => {
        res.writeHead(200, { 'content-type': rel.endsWith('.json') ? 'application/json' : 'application/octet-stream' });
        res.end(body);
      })
      .catch(() => {
        res.writeHead(404);
        res.end();
      });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

describe.each(SHIPPED_MODELS.map((m) => [m.id, m] as const))('%s in Chromium', (_id, entry) => {
  it('loads, generates, and matches the Node digest for the same seed', async () => {
    const chords = entry.chordEncoder ? CHORDS : undefined;
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction(() => 'motifRun' in globalThis);
    const inBrowser = (await page.evaluate(
      (req) => (globalThis as unknown as { motifRun(r: unknown): Promise<unknown> }).motifRun(req),
      { url: `${origin}${entry.urlPath}`, seed: SEED, steps: STEPS, chords },
    )) as { digest: string; events: number[]; backend: string; ms: number };
    await page.close();
    expect(errors).toEqual([]);
    expect(inBrowser.backend).toBe('cpu');
    expect(inBrowser.events).toHaveLength(STEPS);

    const model = await loadMusicRnnFromFolder(join(root, 'public', entry.urlPath));
    const inNode = await generateMelody({
      model,
      seed: SEED,
      temperature: 1,
      steps: STEPS,
      primer,
      chordProgression: chords,
    });
    model.dispose();
    expect(inBrowser.events).toEqual(inNode.events);
    expect(inBrowser.digest).toBe(await notesDigest(inNode.sequence.notes));
  });
});
