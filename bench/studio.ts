/**
 * Studio figures (issue 6), measured in headless Chromium against the production app that `npm start` serves:
 *   gen.32bars.ms        32 bars of melody + accompaniment with a warm model (click Compose -> digest shown),
 *                        median of 3 seeds; the worker's own time is in the note.
 *   render.xrealtime     full 32-bar arrangement to a 44.1 kHz 16-bit stereo WAV (render + normalise + encode) with
 *                        the studio's default renderer (pure-JS oscillators in the worker), median of 3.
 *   render.tone.xrealtime the same with Tone.Offline on the main thread (the reference renderer).
 *   studio.firstload.kb  JS bytes transferred (encoded, from the network log) for /studio before any model loads.
 * The model is the first shipped checkpoint (public/models/) when there is one, else the deterministic fixture
 * (test/studio/fixture-checkpoint.ts, 2x128 LSTM, the size of the shipped melody models) served by interception.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { freePort } from '../lib/config/ports';
import { SHIPPED_MODELS } from '../lib/generation/models/registry';
import { launchChromium } from '../test/support/chromium';
import { fixtureCheckpointFiles, FIXTURE_URL_PATH } from '../test/studio/fixture-checkpoint';
import { median, round, type BenchFigure, type BenchModule } from './figure';
import { platformEnv, startPlatform } from './start-platform';

const round1 = (x: number): number => round(x, 1);

async function startApp(dataDir: string): Promise<{ base: string; stop(): Promise<void> }> {
  const ports = { app: await freePort(), anvil: await freePort(), pg: await freePort() };
  const platform = await startPlatform(platformEnv(dataDir, ports));
  return { base: `http://localhost:${ports.app}`, stop: platform.stop };
}

async function composeOnce(page: Page, seed: number): Promise<{ wallMs: number; workerMs: number }> {
  const before = await page
    .getByTestId('digest')
    .textContent()
    .catch(() => null);
  await page.getByRole('spinbutton', { name: 'Seed' }).fill(String(seed));
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Compose', exact: true }).click();
  await page.waitForFunction(
    (prev) => {
      const s = document.querySelector('[data-testid=status]')?.textContent ?? '';
      const d = document.querySelector('[data-testid=digest]')?.textContent ?? null;
      return (s.startsWith('Composed') && d !== prev) || document.querySelector('[data-testid=error]') !== null;
    },
    before,
    { timeout: 120_000, polling: 5 },
  );
  const wallMs = Date.now() - t0;
  const status = (await page.getByTestId('status').textContent()) ?? '';
  const m = /in (\d+) ms/.exec(status);
  if (!m)
    throw new Error(
      `compose failed: ${status} ${await page
        .getByTestId('error')
        .textContent()
        .catch(() => '')}`,
    );
  return { wallMs, workerMs: Number(m[1]) };
}

async function renderOnce(page: Page, engine: 'js' | 'tone' | 'tone-synths'): Promise<number> {
  await page.getByLabel('Renderer').selectOption(engine);
  await page.getByRole('button', { name: 'Render WAV' }).click();
  await page
    .waitForFunction(() => /^Rendering/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''), null, {
      timeout: 10_000,
      polling: 1,
    })
    .catch(() => {});
  await page.waitForFunction(
    () =>
      /^Rendered|failed/.test(document.querySelector('[data-testid=status]')?.textContent ?? '') ||
      document.querySelector('[data-testid=error]') !== null,
    null,
    { timeout: 300_000 },
  );
  const status = (await page.getByTestId('status').textContent()) ?? '';
  const m = /\(([\d.]+)× real time\)/.exec(status);
  if (!m)
    throw new Error(
      `render failed: ${status} ${await page
        .getByTestId('error')
        .textContent()
        .catch(() => '')}`,
    );
  return Number(m[1]);
}

export const studioBench: BenchModule = {
  async run(): Promise<BenchFigure[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'motif-bench-studio-'));
    await chmod(dir, 0o755);
    const app = await startApp(path.join(dir, 'data'));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const shipped = SHIPPED_MODELS.find((m) => m.task === 'melody');
      let modelNote = shipped ? `model ${shipped.id}` : 'fixture 2x128 checkpoint (no shipped model yet)';
      if (!shipped) {
        const files = fixtureCheckpointFiles();
        await page.context().route(`**${FIXTURE_URL_PATH}/**`, (r) => {
          const body = files.get(new URL(r.request().url()).pathname.split('/').pop() ?? '');
          return body ? r.fulfill({ status: 200, body: Buffer.from(body) }) : r.fulfill({ status: 404 });
        });
      }
      // first load: every script response until the page is idle, before any model is requested
      const scripts: Array<{ url: string; bytes: number }> = [];
      const onFinished = async (req: import('playwright-core').Request) => {
        if (req.resourceType() !== 'script') return;
        const sizes = await req.sizes().catch(() => null);
        if (sizes) scripts.push({ url: req.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize });
      };
      page.on('requestfinished', (r) => void onFinished(r));
      await page.goto(`${app.base}/studio`, { waitUntil: 'networkidle' });
      await page.waitForFunction(() => 'motifStudio' in window);
      await page.waitForTimeout(500);
      const firstLoadKb = scripts.reduce((s, x) => s + x.bytes, 0) / 1024;
      const firstLoadCount = scripts.length;
      page.removeAllListeners('requestfinished');

      if (shipped) await page.getByLabel('Generation model').selectOption(shipped.id);
      else {
        await page.getByLabel('Generation model').selectOption('custom');
        await page.getByRole('textbox', { name: 'Checkpoint URL' }).fill(FIXTURE_URL_PATH);
      }
      await page.getByRole('spinbutton', { name: 'Bars', exact: true }).fill('32');
      await composeOnce(page, 1); // loads and warms the model
      const runs = [];
      for (const seed of [2, 3, 4]) runs.push(await composeOnce(page, seed));
      const genMs = median(runs.map((r) => r.wallMs));
      const workerMs = median(runs.map((r) => r.workerMs));

      const js = [await renderOnce(page, 'js'), await renderOnce(page, 'js'), await renderOnce(page, 'js')];
      const tone = [await renderOnce(page, 'tone'), await renderOnce(page, 'tone'), await renderOnce(page, 'tone')];
      const toneSynths = await renderOnce(page, 'tone-synths');
      modelNote += `; 32 bars at 112 BPM = 68.6 s of audio`;
      return [
        {
          name: 'gen.32bars.ms',
          value: Math.round(genMs),
          unit: 'ms',
          goal: '<= 1000',
          note: `click to notes shown, median of 3 seeds, warm; worker compose ${Math.round(workerMs)} ms; cpu-js engine (bit-exact with tfjs cpu); ${modelNote}`,
        },
        {
          name: 'render.xrealtime',
          value: round1(median(js)),
          unit: 'x',
          goal: '>= 20',
          note: 'pure-JS oscillators in the worker (studio default), incl. normalise + 16-bit encode; median of 3',
        },
        {
          name: 'render.tone.xrealtime',
          value: round1(median(tone)),
          unit: 'x',
          goal: '>= 20',
          note: 'Tone.Offline with shared Web Audio voices (per voice one oscillator and one automated gain; a note takes a free voice), main thread, median of 3',
        },
        {
          name: 'render.tone-synths.xrealtime',
          value: round1(toneSynths),
          unit: 'x',
          goal: 'report',
          note: 'Tone.Offline with the Tone.js instruments of the live player (PolySynth per track + synth drum kit)',
        },
        {
          name: 'studio.firstload.kb',
          value: round1(firstLoadKb),
          unit: 'KiB',
          goal: 'report (magenta/tfjs and tone lazy)',
          note: `${firstLoadCount} scripts, encoded bytes + headers from Chromium's network log`,
        },
      ];
    } finally {
      await browser.close();
      await app.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
