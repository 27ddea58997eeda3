/**
 * The studio end to end: the real `npm start` platform, the built app in Debian's Chromium, a deterministic
 * fixture checkpoint (test/studio/fixture-checkpoint.ts) served to the page by request interception.
 *
 * Seed S = 2024 composes melody notes with digest D in Chromium (tfjs cpu, in the worker); the same request in Node
 * gives D. The WAV download parses (44.1 kHz, 16-bit, stereo, song + 1 s tail), is not silent and never clips; the MIDI
 * download parses back to the arrangement's notes; the edit log replays to the page's arrangement. Every control is
 * reachable with Tab and has a label. The session autosaves (IndexedDB): reload, Back and a plain visit restore it; the
 * recent list opens and deletes sessions with focus kept; a failed hosted-model load leaves the shipped model usable;
 * at 1,280 and 390 px with 32 bars the page never scrolls sideways.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { checkPageState } from '../support/page-check';
import { LONG_WAIT_MS, STEP_WAIT_MS } from '../support/limits';
import { pressCtrlC, runStartScript, type StartedPlatform, tempPlatform } from '../support/start-process';
import { fixtureCheckpointFiles, FIXTURE_URL_PATH, writeFixtureCheckpoint } from '../studio/fixture-checkpoint';
import { loadMusicRnnFromFolder, type MusicRnnInstance } from '../../lib/generation/models/node-loader';
import { compose, type ComposeResult } from '../../lib/generation/compose';
import { defaultModel } from '../../lib/generation/models/registry';
import { TUNE_MEMORY_FITS } from '../../lib/generation/models/tune-memory-fits';
import { STUDIO_ONSET_WEIGHT_FITS } from '../../lib/generation/models/studio-onset-weight';
import { applyEdits, parseEditLog, type EditLog } from '../../lib/generation/edit-log';
import {
  audibleTracks,
  durationSeconds,
  secondsPerStep,
  type Arrangement,
} from '../../lib/generation/arrangement/types';
import { decodeWav16, INT16_FULL_SCALE, midiToNotes } from '../../lib/generation/export';
import { sortNotes } from '../../lib/generation/notes/melody';
import { primerDigest } from '../../lib/generation/compose/primer-digest';
import { primerFromMidi, primerSummary } from '../../lib/studio/primer';
import { makeMidi } from '../provenance/fixtures';

const SEED = 2024;
// with the studio's default melody form (a seeded A A' plan and a tonic cadence, sampler version 2)
const DIGEST = 'sha256:5702e79fe724d07a17a30c960e27e34597f58bd8864fced9a3d5ec881242aea9';

let dir: string;
let started: StartedPlatform;
let browser: Browser;
let page: Page;
let base: string;
let model: MusicRnnInstance;
const pageErrors: string[] = [];

type StudioHook = {
  arrangement(): Arrangement | null;
  editLog(): EditLog | null;
  result(): Omit<ComposeResult, 'arrangement'> | null;
  sessionId(): string;
  flush(): Promise<void>;
};
const hook = <T>(p: Page, f: (h: StudioHook) => T): Promise<T> =>
  p.evaluate(`(${f.toString()})(window.motifStudio)`) as Promise<T>;

async function routeFixture(p: Page): Promise<void> {
  const files = fixtureCheckpointFiles();
  await p.context().route(`**${FIXTURE_URL_PATH}/**`, (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop() ?? '';
    const body = files.get(name);
    return body
      ? route.fulfill({
          status: 200,
          body: Buffer.from(body),
          contentType: name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        })
      : route.fulfill({ status: 404, body: 'not found' });
  });
}

const firstLoadScripts: Array<{ url: string; bytes: number; text: string }> = [];

async function openStudio(record = false): Promise<Page> {
  const p = await browser.newPage({ acceptDownloads: true });
  if (record) {
    p.context().on('requestfinished', (req) => {
      if (req.resourceType() !== 'script' && !new URL(req.url()).pathname.endsWith('.js')) return;
      // a body Chromium already dropped (after a reload) cannot be read: that request is not a first load
      void Promise.all([req.sizes(), req.response().then((r) => r?.text() ?? '')])
        .then(([s, text]) => firstLoadScripts.push({ url: req.url(), bytes: s.responseBodySize, text }))
        .catch(() => undefined);
    });
  }
  p.on('pageerror', (e) => pageErrors.push(String(e)));
  await routeFixture(p);
  await p.goto(`${base}/studio`);
  await p.waitForFunction(() => 'motifStudio' in window); // set by an effect: React has hydrated
  return p;
}

async function downloadBytes(p: Page, click: () => Promise<void>): Promise<Uint8Array> {
  const [dl] = await Promise.all([p.waitForEvent('download'), click()]);
  const file = await dl.path();
  return new Uint8Array(await readFile(file));
}

beforeAll(async () => {
  const platform = await tempPlatform('studio');
  dir = platform.dir;
  const env = platform.env;
  base = `http://localhost:${env.MOTIF_APP_PORT}`;
  started = runStartScript(env);
  const [, b, m] = await Promise.all([
    started.ready,
    launchChromium(),
    writeFixtureCheckpoint(path.join(dir, 'model')).then((folder) => loadMusicRnnFromFolder(folder)),
  ]);
  browser = b;
  model = m;
  page = await openStudio(true);
});

afterAll(async () => {
  await browser?.close();
  model?.dispose();
  if (started && started.child.exitCode === null && started.child.signalCode === null) {
    pressCtrlC(started);
    await started.exited;
  }
  await rm(dir, { recursive: true, force: true });
});

describe('studio in Chromium', () => {
  it('loads Magenta/tfjs and Tone lazily: none of their code is in the first load', async () => {
    expect(firstLoadScripts.length).toBeGreaterThan(0);
    // markers: tfjs' kernel registry, Magenta's logging, Tone's banner
    for (const marker of ['registerKernel', 'Initialized model', 'Tone.js v']) {
      expect(
        firstLoadScripts.filter((s) => s.text.includes(marker)).map((s) => s.url),
        marker,
      ).toEqual([]);
    }
    // and the markers are real: the worker's chunks carry them once a model loads (checked in the next test)
  });

  it(`seed ${SEED} composes notes with digest D in the browser worker, and Node gives the same D`, async () => {
    await page.getByLabel('Generation model').selectOption('custom');
    await page.getByRole('textbox', { name: 'Checkpoint URL' }).fill(FIXTURE_URL_PATH);
    await page.getByRole('spinbutton', { name: 'Seed' }).fill(String(SEED));
    await page.getByRole('spinbutton', { name: 'Bars', exact: true }).fill('8');
    await page.getByLabel('Key').selectOption('G');
    await page.getByRole('spinbutton', { name: 'Tempo (BPM)' }).fill('100');
    await page.getByLabel('Drum style').selectOption('rock');
    await page.getByRole('textbox', { name: /^Chords, one per bar/ }).fill('G C D7 G');
    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    await page.getByTestId('digest').or(page.getByTestId('error')).waitFor();
    await expect(page.getByTestId('error').count()).resolves.toBe(0);
    expect(await page.getByTestId('digest').textContent()).toBe(DIGEST);
    expect(await page.getByTestId('backend').textContent()).toBe('cpu-js');
    await expect(page.getByRole('progressbar', { name: 'Generation progress' }).getAttribute('value')).resolves.toBe(
      '100',
    );
    await expect(page.getByRole('progressbar', { name: 'Model loading progress' }).getAttribute('value')).resolves.toBe(
      '100',
    );

    const inPage = await hook(page, (h) => ({ result: h.result(), arrangement: h.arrangement() }));
    expect(inPage.result?.request).toMatchObject({
      seed: SEED,
      bars: 8,
      key: 'G',
      scale: 'major',
      tempo: 100,
      style: 'rock',
      primer: { type: 'chords', progression: ['G', 'C', 'D7', 'G'] },
      form: { unitBars: 4, sections: ['A', "A'"], cadence: 'tonic' },
    });
    const inNode = await compose(model, inPage.result?.request);
    expect(inNode.digest).toBe(DIGEST);
    expect(inNode.backend).toBe('cpu-js');
    // the tfjs ops themselves (Magenta's cells on tfjs' cpu backend) give the same notes
    const viaTfjs = await compose(model, inPage.result?.request, { engine: 'tfjs' });
    expect(viaTfjs.backend).toBe('cpu');
    expect(viaTfjs.digest).toBe(DIGEST);
    expect(inPage.arrangement).toEqual(inNode.arrangement);
    const lazy = firstLoadScripts.filter(
      (s) => s.text.includes('registerKernel') || s.text.includes('Initialized model'),
    );
    expect(lazy.length).toBeGreaterThan(0); // tfjs + Magenta arrived with the worker, after the first load
  });

  it('edits go to the edit log, undo/redo work, and the log replays to the page arrangement', async () => {
    const baseArr = (await hook(page, (h) => h.arrangement())) as Arrangement;
    await page.getByRole('button', { name: 'Transpose up' }).click();
    await page.getByRole('button', { name: 'Mute Drums' }).click();
    await page.getByRole('button', { name: 'Solo Bass' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('button', { name: 'Solo Bass' }).getAttribute('aria-pressed')).resolves.toBe('false');
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.getByRole('button', { name: 'Solo Bass' }).click(); // solo off again
    await page.getByLabel('Melody instrument').selectOption('flute');
    await page.getByRole('spinbutton', { name: 'Tempo', exact: true }).fill('96');
    await page.getByRole('button', { name: 'Set tempo' }).click();
    await page.getByRole('spinbutton', { name: 'Bar', exact: true }).fill('3');
    await page.getByRole('button', { name: 'Regenerate bar' }).click();
    await page.getByTestId('status').filter({ hasText: 'Bar 3 regenerated' }).waitFor();
    // piano roll, keyboard only: focus the first melody note, move it up a semitone
    const firstNote = page.locator('.roll-note').first();
    await firstNote.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowRight');
    const log = parseEditLog(await hook(page, (h) => h.editLog()));
    expect(log.ops.map((o) => o.op)).toEqual([
      'transpose',
      'setMute',
      'setSolo',
      'setSolo',
      'setInstrument',
      'setTempo',
      'regenerateBar',
      'updateNote',
      'updateNote',
    ]);
    const regen = log.ops[6];
    expect(regen?.op === 'regenerateBar' && regen.bar).toBe(2);
    expect(regen?.op === 'regenerateBar' && regen.generation.backend).toBe('cpu-js');
    const after = (await hook(page, (h) => h.arrangement())) as Arrangement;
    expect(applyEdits(baseArr, log.ops)).toEqual(after);
    expect(after.tempo).toBe(96);
    expect(after.tracks.find((t) => t.id === 'drums')?.muted).toBe(true);
    // the log is downloadable as JSON, and is the same log
    await page.getByRole('button', { name: 'Export edit log' }).click();
    const logBytes = await downloadBytes(page, () => page.getByRole('link', { name: 'Download edit log' }).click());
    expect(parseEditLog(new TextDecoder().decode(logBytes))).toEqual(log);
  });

  it('piano roll with the mouse: a click on the grid adds a one-beat note, a double-click removes it', async () => {
    await page.getByLabel('Track', { exact: true }).selectOption('bass');
    const grid = page.locator('.roll-bg');
    const box = await grid.boundingBox();
    if (!box) throw new Error('no piano roll');
    // bar 2, beat 2 (step 20), top row
    await grid.click({ position: { x: 20 * 10 + 3, y: 2 } });
    let log = parseEditLog(await hook(page, (h) => h.editLog()));
    const added = log.ops.at(-1);
    expect(added).toMatchObject({
      op: 'addNote',
      track: 'bass',
      note: { quantizedStartStep: 20, quantizedEndStep: 24, velocity: 100 },
    });
    const note = added?.op === 'addNote' ? added.note : null;
    await page.locator(`[data-note="${note?.pitch}:20:24:100"]`).dblclick();
    log = parseEditLog(await hook(page, (h) => h.editLog()));
    expect(log.ops.at(-1)).toEqual({ op: 'removeNote', track: 'bass', note });
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByLabel('Track', { exact: true }).selectOption('melody');
  });

  it('piano roll by keyboard: Delete removes the focused note and focus moves to the next note, never the body', async () => {
    const notes = page.locator('.roll-note');
    const count = await notes.count();
    const second = await notes.nth(1).getAttribute('data-note');
    await notes.first().focus();
    await page.keyboard.press('Delete');
    await page.waitForFunction((n) => document.querySelectorAll('.roll-note').length === n, count - 1);
    expect(parseEditLog(await hook(page, (h) => h.editLog())).ops.at(-1)?.op).toBe('removeNote');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-note'))).resolves.toBe(second);
    // and again from the keyboard: the focus stayed where the next Delete acts
    await page.keyboard.press('Delete');
    await page.waitForFunction((n) => document.querySelectorAll('.roll-note').length === n, count - 2);
    await expect(page.evaluate(() => document.activeElement?.classList.contains('roll-note'))).resolves.toBe(true);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(notes.count()).resolves.toBe(count);
  });

  it(
    'reload and Back restore the session: request, arrangement and edit log, with undo still possible',
    async () => {
      const before = await hook(page, (h) => ({
        arrangement: h.arrangement(),
        log: h.editLog(),
        result: h.result(),
        id: h.sessionId(),
      }));
      expect(before.log?.ops.length).toBeGreaterThan(0);
      await page.evaluate('window.motifStudio.flush()');
      expect(new URL(page.url()).searchParams.get('session')).toBe(before.id);
      await page.reload();
      await page.waitForFunction(() => 'motifStudio' in window);
      await page.getByTestId('digest').waitFor();
      const after = await hook(page, (h) => ({
        arrangement: h.arrangement(),
        log: h.editLog(),
        result: h.result(),
        id: h.sessionId(),
      }));
      expect(after).toEqual(before);
      expect(await page.getByTestId('status').textContent()).toMatch(
        /^Restored your last session: 8 bars, \d+ edits\.$/,
      );
      // the compose form comes back as typed
      await expect(page.getByRole('spinbutton', { name: 'Seed' }).inputValue()).resolves.toBe(String(SEED));
      await expect(page.getByLabel('Key').inputValue()).resolves.toBe('G');
      await expect(page.getByRole('textbox', { name: 'Checkpoint URL' }).inputValue()).resolves.toBe(FIXTURE_URL_PATH);
      await expect(page.getByRole('button', { name: 'Undo' }).isEnabled()).resolves.toBe(true);
      // away (a plain visit to another page) and Back: the studio opens the same session
      await page.goto(`${base}/verify`);
      await page.goBack();
      await page.waitForFunction(() => 'motifStudio' in window);
      await page.getByTestId('digest').waitFor();
      expect(
        await hook(page, (h) => ({
          arrangement: h.arrangement(),
          log: h.editLog(),
          result: h.result(),
          id: h.sessionId(),
        })),
      ).toEqual(before);
      // and /studio with no session in the URL opens the most recent one
      await page.goto(`${base}/studio`);
      await page.waitForFunction(() => 'motifStudio' in window);
      await page.getByTestId('digest').waitFor();
      expect(await hook(page, (h) => h.sessionId())).toBe(before.id);
    },
    LONG_WAIT_MS,
  );

  it('plays with a moving playhead', async () => {
    await page.getByRole('button', { name: 'Play' }).click();
    // The playhead moves once playback has started: wait for that, not for a fixed time.
    await page.waitForFunction(() => Number(document.querySelector('.roll-playhead')?.getAttribute('x1') ?? 0) > 0);
    const x = Number(await page.locator('.roll-playhead').getAttribute('x1'));
    expect(x).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('error').count()).resolves.toBe(0);
  });

  const renders = new Map<string, ReturnType<typeof decodeWav16>>();
  for (const engine of ['js', 'tone', 'tone-synths'] as const) {
    it(`renders a 44.1 kHz 16-bit stereo WAV (${engine}) of the right length, not silent, never clipping`, async () => {
      await page.getByLabel('Renderer').selectOption(engine);
      await page.getByRole('button', { name: 'Render WAV' }).click();
      await page
        .getByTestId('status')
        .filter({ hasText: /^Rendered/ })
        .or(page.getByTestId('error'))
        .waitFor();
      await expect(page.getByTestId('error').count()).resolves.toBe(0);
      await expect(page.getByRole('img', { name: /^Waveform of the render/ }).count()).resolves.toBe(1);
      const a = (await hook(page, (h) => h.arrangement())) as Arrangement;
      const bytes = await downloadBytes(page, () => page.getByRole('link', { name: 'Download WAV' }).click());
      const wav = decodeWav16(bytes);
      renders.set(engine, wav);
      expect(wav.sampleRate).toBe(44_100);
      expect(wav.channels).toBe(2);
      expect(wav.bitDepth).toBe('16');
      expect(Math.abs(wav.frames - Math.round((durationSeconds(a) + 1) * 44_100))).toBeLessThanOrEqual(1);
      let peak = 0;
      let energy = 0;
      for (const ch of wav.samples) {
        for (const s of ch) {
          const v = Math.abs(s);
          if (v > peak) peak = v;
          energy += v;
        }
      }
      expect(peak).toBeLessThan(INT16_FULL_SCALE); // never reaches full scale
      expect(peak).toBeGreaterThan(0.8 * INT16_FULL_SCALE); // normalised to -1 dBFS
      expect(energy / (2 * wav.frames)).toBeGreaterThan(100); // not silent
      // Every second in which a note starts sounds, to the end (Tone.Offline creates later notes as it renders).
      const sps = secondsPerStep(a.tempo);
      const starts = new Set(
        audibleTracks(a).flatMap((t) => t.notes.map((n) => Math.floor(n.quantizedStartStep * sps))),
      );
      const silent = [...starts].filter((second) => {
        let sum = 0;
        for (let i = second * 44_100; i < Math.min((second + 1) * 44_100, wav.frames); i++)
          sum += Math.abs(wav.samples[0]![i]!) + Math.abs(wav.samples[1]![i]!);
        return sum / 88_200 < 10;
      });
      expect(starts.size).toBeGreaterThan(10);
      expect(silent, 'seconds with a note start but no sound').toEqual([]);
    });
  }

  it('renders with the General MIDI SoundFont and the mix set by keyboard, mastered to -14 LUFS under -1 dBTP', async () => {
    await page.getByLabel('Renderer').selectOption('sf');
    await page.getByLabel('Melody GM instrument', { exact: true }).selectOption('piano');
    const pan = page.getByLabel('Melody pan', { exact: true });
    await pan.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
    await expect(pan.inputValue()).resolves.toBe('68'); // the default 72, four steps left
    await page.getByRole('button', { name: 'Render WAV' }).click();
    await page
      .getByTestId('status')
      .filter({ hasText: /^Rendered/ })
      .or(page.getByTestId('error'))
      .waitFor();
    await expect(page.getByTestId('error').count()).resolves.toBe(0);
    const info = await page.getByTestId('render-info').textContent();
    const measured = /^General MIDI SoundFont: .* (-[\d.]+) LUFS integrated, true peak (-[\d.]+) dBTP\.$/.exec(
      info ?? '',
    );
    expect(measured, info ?? '').not.toBeNull();
    expect(Number(measured?.[1])).toBe(-14);
    expect(Number(measured?.[2])).toBeLessThanOrEqual(-1);
    const a = (await hook(page, (h) => h.arrangement())) as Arrangement;
    const wav = decodeWav16(await downloadBytes(page, () => page.getByRole('link', { name: 'Download WAV' }).click()));
    expect(wav.sampleRate).toBe(44_100);
    expect(wav.frames).toBe(Math.round((durationSeconds(a) + 2) * 44_100));
  });

  it("Tone.Offline's render (shared Web Audio voices) follows the JS renderer's loudness, note for note", () => {
    // Both synthesise the same presets and envelopes; only oscillator phase and noise differ. RMS per 50 ms window.
    const envelope = (wav: ReturnType<typeof decodeWav16>): number[] => {
      const step = 2_205;
      const out: number[] = [];
      for (let at = 0; at + step <= wav.frames; at += step) {
        let sum = 0;
        for (let i = at; i < at + step; i++) sum += wav.samples[0]![i]! ** 2 + wav.samples[1]![i]! ** 2;
        out.push(Math.sqrt(sum / (2 * step)));
      }
      return out;
    };
    const js = envelope(renders.get('js')!);
    const tone = envelope(renders.get('tone')!);
    const n = Math.min(js.length, tone.length);
    const mean = (v: number[]): number => v.slice(0, n).reduce((a, b) => a + b, 0) / n;
    const [mj, mt] = [mean(js), mean(tone)];
    let cov = 0;
    let vj = 0;
    let vt = 0;
    for (let i = 0; i < n; i++) {
      cov += (js[i]! - mj) * (tone[i]! - mt);
      vj += (js[i]! - mj) ** 2;
      vt += (tone[i]! - mt) ** 2;
    }
    expect(n).toBeGreaterThan(100);
    expect(cov / Math.sqrt(vj * vt)).toBeGreaterThan(0.8);
  });

  it('the MIDI download parses back to the arrangement notes', async () => {
    const a = (await hook(page, (h) => h.arrangement())) as Arrangement;
    await page.getByRole('button', { name: 'Export MIDI' }).click();
    const bytes = await downloadBytes(page, () => page.getByRole('link', { name: 'Download MIDI' }).click());
    const midi = midiToNotes(bytes);
    expect(midi.tempo).toBe(a.tempo);
    expect(midi.tracks.map((t) => t.name)).toEqual(['melody', 'chords', 'bass', 'drums']);
    a.tracks.forEach((t, i) => {
      expect(sortNotes(midi.tracks[i]?.notes ?? [])).toEqual(sortNotes(t.notes));
      expect(midi.tracks[i]?.notes.map((n) => n.velocity).sort()).toEqual(t.notes.map((n) => n.velocity).sort());
    });
  });

  it('every control is reachable with Tab and has a label', async () => {
    await page.getByRole('button', { name: 'Export MIDI' }).click();
    // tag each control, then Tab through the page and record what gets focus (tabindex -1: focus targets, not Tab stops)
    const controls = await page.evaluate(() => {
      const els = Array.from(
        document.querySelectorAll<HTMLElement>(
          'main button, main input, main select, main a[href], main [tabindex]:not([tabindex="-1"])',
        ),
      );
      const out: Array<{ id: string; name: string; disabled: boolean }> = [];
      els.forEach((el, i) => {
        el.dataset.a11y = String(i);
        const labelled =
          el.getAttribute('aria-label') ??
          el.closest('label')?.textContent ??
          (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
          el.textContent;
        out.push({
          id: String(i),
          name: (labelled ?? '').trim(),
          disabled: (el as HTMLButtonElement).disabled === true,
        });
      });
      return out;
    });
    for (const c of controls) expect(c.name, `control ${c.id} has no label`).not.toBe('');
    await page.locator('a.skip-link').focus();
    const seen = new Set<string>();
    const noteCount = await page.locator('.roll-note').count();
    for (let i = 0; i < controls.length + noteCount + 20; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.a11y ?? '');
      if (id) seen.add(id);
    }
    expect(seen.size).toBeGreaterThan(controls.length / 2);
    const radios = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('main input[type=radio]')).map((e) => e.dataset.a11y ?? ''),
    );
    const unreachable = controls.filter((c) => !c.disabled && !seen.has(c.id) && !radios.includes(c.id)); // a radio group is one Tab stop
    expect(unreachable).toEqual([]);
  });

  it('cancels a long generation and keeps the page responsive', async () => {
    const p = await openStudio();
    await p.getByLabel('Generation model').selectOption('custom');
    await p.getByRole('textbox', { name: 'Checkpoint URL' }).fill(FIXTURE_URL_PATH);
    await p.getByRole('spinbutton', { name: 'Bars', exact: true }).fill('128');
    await p.getByRole('button', { name: 'Compose', exact: true }).click();
    // The page's own main thread sees the worker's first progress and presses Cancel at once: it answers while the
    // worker generates, and the cancel lands mid-generation however loaded the machine is (a click from the test
    // process could arrive after a fast generation had finished).
    await p.waitForFunction(
      () => {
        if (((document.querySelectorAll('progress')[1] as HTMLProgressElement | undefined)?.value ?? 0) <= 0)
          return false;
        const cancel = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Cancel');
        cancel?.click();
        return cancel !== undefined;
      },
      null,
      { polling: 5 },
    );
    await p.getByTestId('status').filter({ hasText: 'Generation cancelled.' }).waitFor();
    await expect(p.getByTestId('digest').count()).resolves.toBe(0);
    // and the page goes on answering: the form is usable again
    await expect(p.getByRole('button', { name: 'Compose', exact: true }).isEnabled()).resolves.toBe(true);
    await p.close();
  });

  it('says clearly when a model fails to load', async () => {
    const p = await openStudio();
    await p.context().route('https://storage.googleapis.com/**', (r) => r.abort());
    await p.getByLabel('Generation model').selectOption('magenta/basic_rnn');
    await p.getByRole('button', { name: 'Compose', exact: true }).click();
    const alert = p.getByTestId('error'); // role=alert (Next's route announcer is another alert)
    await alert.waitFor();
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await alert.textContent()).toMatch(
      /^Could not load the model from https:\/\/storage\.googleapis\.com\/.*basic_rnn/,
    );
    await expect(p.getByRole('progressbar', { name: 'Model loading progress' }).getAttribute('value')).resolves.toBe(
      '0',
    );
    await p.close();
  });

  async function composeWith(p: Page, fields: { model?: string; seed: number; bars: number }): Promise<string> {
    if (fields.model) await p.getByLabel('Generation model').selectOption(fields.model);
    else {
      await p.getByLabel('Generation model').selectOption('custom');
      await p.getByRole('textbox', { name: 'Checkpoint URL' }).fill(FIXTURE_URL_PATH);
    }
    await p.getByRole('spinbutton', { name: 'Seed' }).fill(String(fields.seed));
    await p.getByRole('spinbutton', { name: 'Bars', exact: true }).fill(String(fields.bars));
    await p.getByRole('button', { name: 'Compose', exact: true }).click();
    await p
      .getByTestId('status')
      .filter({ hasText: new RegExp(`^Composed ${fields.bars} bars .*seed ${fields.seed},`) })
      .or(p.getByTestId('error'))
      .waitFor();
    await expect(p.getByTestId('error').count()).resolves.toBe(0);
    return (await p.getByTestId('digest').textContent()) ?? '';
  }

  it(
    'recent sessions: composing again keeps the earlier session; open brings it back; delete keeps focus in the list',
    async () => {
      const p = await openStudio();
      await expect(p.getByTestId('no-sessions').count()).resolves.toBe(1);
      const first = await composeWith(p, { seed: 11, bars: 4 });
      const firstId = await hook(p, (h) => h.sessionId());
      const second = await composeWith(p, { seed: 12, bars: 4 });
      expect(second).not.toBe(first);
      expect(await hook(p, (h) => h.sessionId())).not.toBe(firstId);
      await p.evaluate('window.motifStudio.flush()');
      const items = p.getByRole('list', { name: 'Recent sessions' }).getByRole('listitem');
      await items.nth(1).waitFor();
      await expect(items.count()).resolves.toBe(2);
      await expect(items.first().getAttribute('aria-current')).resolves.toBe('true'); // newest first, and open
      await p.getByRole('button', { name: /^Open session: 4 bars in C major at 112 BPM, seed 11,/ }).click();
      await p.getByTestId('digest').filter({ hasText: first }).waitFor();
      expect(await hook(p, (h) => h.sessionId())).toBe(firstId);
      expect(new URL(p.url()).searchParams.get('session')).toBe(firstId);
      // keyboard delete: focus lands on the other session's Delete, then on the heading; never on the body
      await p.getByRole('button', { name: /^Delete session: .*seed 12,/ }).focus();
      await p.keyboard.press('Enter');
      await p.waitForFunction(() => document.querySelectorAll('[data-session]').length === 1);
      await p.waitForFunction(
        () => document.activeElement?.getAttribute('aria-label')?.startsWith('Delete session:') === true,
      );
      expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/seed 11,/);
      await p.keyboard.press('Enter'); // deletes the open session: a new, empty one starts
      await p.getByTestId('no-sessions').waitFor();
      await p.waitForFunction(() => document.activeElement?.id === 'sessions-h');
      await expect(p.getByTestId('digest').count()).resolves.toBe(0);
      await p.reload();
      await p.waitForFunction(() => 'motifStudio' in window);
      await expect(p.getByTestId('no-sessions').count()).resolves.toBe(1);
      await p.close();
    },
    LONG_WAIT_MS,
  );

  it(
    'a failed hosted-model load leaves the shipped model usable: error shown, not stuck, retry and compose work',
    async () => {
      const p = await openStudio();
      let refused = 0;
      await p.context().route('https://storage.googleapis.com/**', (r) => {
        refused++;
        return r.abort();
      });
      const shipped = await composeWith(p, { model: 'motif-melody-2x256-v1', seed: 3, bars: 4 });
      expect(shipped).toMatch(/^sha256:/);
      await p.getByLabel('Generation model').selectOption('magenta/basic_rnn');
      for (let attempt = 0; attempt < 2; attempt++) {
        // the second press is the retry: it fails the same way and again ends the job
        const before = refused;
        await p.getByRole('button', { name: 'Compose', exact: true }).click();
        await expect.poll(() => refused, { timeout: STEP_WAIT_MS }).toBeGreaterThan(before); // this attempt reached the network
        await p
          .getByTestId('error')
          .filter({ hasText: /^Could not load the model from https:\/\/storage\.googleapis\.com\/.*basic_rnn/ })
          .waitFor();
        await p.getByRole('button', { name: 'Compose', exact: true }).and(p.locator(':enabled')).waitFor();
        expect(await p.getByTestId('status').textContent()).not.toMatch(/Generating|Loading/);
      }
      // the earlier work is still on the page, and the shipped model composes again without a reload
      await expect(p.getByTestId('digest').textContent()).resolves.toBe(shipped);
      const again = await composeWith(p, { model: 'motif-melody-2x256-v1', seed: 4, bars: 4 });
      expect(again).toMatch(/^sha256:/);
      expect(again).not.toBe(shipped);
      await p.close();
    },
    LONG_WAIT_MS,
  );

  for (const width of [1280, 390]) {
    it(
      `no sideways page scroll at ${width} px with 32 bars: the piano roll scrolls in its own box; the page checks pass`,
      async () => {
        const p = await openStudio();
        await p.setViewportSize({ width, height: 900 });
        // the page checks (no sideways scroll, no broken image, no serious axe finding, a screenshot) before and after
        // composing 32 bars
        const problems = await checkPageState(p, 'studio', 'studio');
        await composeWith(p, { seed: 5, bars: 32 });
        problems.push(...(await checkPageState(p, 'studio', 'studio-32-bars')));
        expect(problems).toEqual([]);
        const m = await p.evaluate(() => {
          const roll = document.querySelector<HTMLElement>('.roll-scroll');
          const widest = Array.from(document.querySelectorAll<HTMLElement>('body *'))
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
            .filter((el) => !el.closest('.roll-scroll, .table-scroll') || el.matches('.roll-scroll, .table-scroll'))
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`);
          return {
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            rollScroll: roll?.scrollWidth ?? 0,
            rollClient: roll?.clientWidth ?? 0,
            widest,
          };
        });
        expect(m.scrollWidth, `wider than the window: ${m.widest.join(', ')}`).toBeLessThanOrEqual(m.innerWidth);
        expect(m.rollScroll).toBe(32 * 16 * 10); // the whole roll is there, inside its box
        expect(m.rollClient).toBeLessThan(m.rollScroll);
        await p.close();
      },
      LONG_WAIT_MS,
    );
  }

  it(
    'continues your own MIDI: a bad file is refused clearly, a MIDI file becomes the primer, its digest is shown and Node replays it; A/B takes survive a reload',
    async () => {
      const p = await openStudio();
      await p.getByRole('button', { name: 'New session' }).click();
      await p.getByRole('radio', { name: 'Your own MIDI (upload or play)' }).check();
      // notes played on the computer keyboard in the labelled area become a primer
      await p.getByRole('application', { name: 'Play notes' }).focus();
      for (const key of ['a', 'd', 'g']) await p.keyboard.press(key);
      await p
        .getByTestId('primer-summary')
        .filter({ hasText: /from keyboard\.$/ })
        .waitFor();
      const file = p.getByLabel('MIDI file for the primer (up to 4 bars are used)');
      await file.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a MIDI file') });
      await p
        .getByTestId('primer-error')
        .filter({ hasText: /^notes\.txt could not be read: / })
        .waitFor();
      const bytes = makeMidi();
      await file.setInputFiles({ name: 'mine.mid', mimeType: 'audio/midi', buffer: Buffer.from(bytes) });
      const own = primerFromMidi(bytes, 'mine.mid');
      await p
        .getByTestId('primer-summary')
        .filter({ hasText: `Your primer: ${primerSummary(own)}.` })
        .or(p.getByTestId('primer-error'))
        .waitFor();
      await expect(p.getByTestId('primer-error').count()).resolves.toBe(0);
      const takeA = await composeWith(p, { seed: 21, bars: 4 });
      expect(await p.getByTestId('primer-digest').textContent()).toBe(primerDigest(own));
      const request = (await hook(p, (h) => h.result()))?.request;
      expect(request?.primer).toEqual({ type: 'melody', notes: own.notes, totalSteps: own.totalSteps });
      const inNode = await compose(model, request);
      expect(inNode.digest).toBe(takeA);
      expect(inNode.melody.slice(0, own.notes.length).map((n) => n.quantizedStartStep)).toEqual(
        own.notes.map((n) => n.quantizedStartStep),
      );
      // humanise: seeded velocity and timing edits in the edit log, the timing slider set from the keyboard
      await p.getByRole('slider', { name: 'Humanise timing (%)' }).focus();
      await p.keyboard.press('End');
      expect(await p.getByRole('slider', { name: 'Humanise timing (%)' }).inputValue()).toBe('100');
      await p.getByRole('button', { name: 'Humanise melody', exact: true }).click();
      const ops = parseEditLog(await hook(p, (h) => h.editLog())).ops;
      expect(ops.length).toBeGreaterThan(0);
      expect(new Set(ops.map((o) => o.op))).toEqual(new Set(['updateNote']));
      const humanised = await hook(p, (h) => h.editLog());
      expect(JSON.stringify(humanised)).toContain('"offsetTicks"');
      // the roll draws the moved notes off the grid and says so
      const offGrid = p.getByRole('button', { name: /\/120 of a step (late|early)$/ });
      await offGrid.first().waitFor();
      const x = Number(await offGrid.first().getAttribute('x'));
      expect(x % 10).not.toBe(0); // 10 px a step
      // A/B: keep A, compose B in the same session, listen to A again, reload, choose
      const id = await hook(p, (h) => h.sessionId());
      await p.getByRole('button', { name: 'Keep this take as A' }).click();
      const takeB = await composeWith(p, { seed: 22, bars: 4 });
      expect(takeB).not.toBe(takeA);
      expect(await hook(p, (h) => h.sessionId())).toBe(id);
      await p.getByTestId('take-label').filter({ hasText: 'Listening to take B' }).waitFor();
      await p.getByRole('button', { name: 'Take A', exact: true }).click();
      await p.getByTestId('digest').filter({ hasText: takeA }).waitFor();
      await p.evaluate('window.motifStudio.flush()');
      await p.reload();
      await p.waitForFunction(() => 'motifStudio' in window);
      await p.getByTestId('take-label').filter({ hasText: 'Listening to take A' }).or(p.getByTestId('error')).waitFor();
      expect(await p.getByTestId('digest').textContent()).toBe(takeA);
      // the reload keeps take A's humanised timing: the same log, the same notes off the grid
      expect(await hook(p, (h) => h.editLog())).toEqual(humanised);
      expect(await offGrid.count()).toBeGreaterThan(0);
      await p.getByRole('button', { name: 'Take B', exact: true }).click();
      await p.getByTestId('digest').filter({ hasText: takeB }).waitFor();
      await p.getByRole('button', { name: 'Choose take B' }).click();
      await p.getByRole('button', { name: 'Keep this take as A' }).waitFor();
      expect(await p.getByTestId('digest').textContent()).toBe(takeB);
      await p.close();
    },
    LONG_WAIT_MS,
  );

  it(
    "the studio's own model composes with its tune memory and onset weight (sampler 4) in the browser, Node gives the same notes, and each switch takes its part out",
    async () => {
      const p = await openStudio();
      const id = defaultModel('chord-melody').id;
      const remembered = await composeWith(p, { model: id, seed: 31, bars: 8 });
      const request = await hook(p, (h) => h.result()?.request);
      expect(request?.memory).toEqual(TUNE_MEMORY_FITS[id]);
      expect(request?.onsetWeight).toBe(STUDIO_ONSET_WEIGHT_FITS[id]);
      const shipped = await loadMusicRnnFromFolder(path.join(process.cwd(), 'public', 'models', id));
      try {
        const inNode = await compose(shipped, request);
        expect(inNode.digest).toBe(remembered);
      } finally {
        shipped.dispose();
      }
      const densitySwitch = p.getByRole('checkbox', { name: /Write the note density of real tunes/ });
      expect(await densitySwitch.isChecked()).toBe(true);
      await densitySwitch.uncheck();
      const unweighted = await composeWith(p, { model: id, seed: 31, bars: 8 });
      expect(unweighted).not.toBe(remembered);
      expect(await hook(p, (h) => h.result()?.request.onsetWeight)).toBeUndefined();
      const memorySwitch = p.getByRole('checkbox', { name: /Let the melody remember itself/ });
      expect(await memorySwitch.isChecked()).toBe(true);
      await memorySwitch.uncheck();
      const alone = await composeWith(p, { model: id, seed: 31, bars: 8 });
      expect(alone).not.toBe(unweighted);
      expect(await hook(p, (h) => h.result()?.request.memory)).toBeUndefined();
      // a model without a fitted memory (a checkpoint URL) leaves the switch disabled, and says why
      await p.getByLabel('Generation model').selectOption('custom');
      expect(await memorySwitch.isDisabled()).toBe(true);
      await p.getByText(/Only Motif’s own models have a tune memory fitted/).waitFor();
      expect(await densitySwitch.isDisabled()).toBe(true);
      await p.getByText(/Only Motif’s default model has a note density fitted/).waitFor();
      await p.close();
    },
    LONG_WAIT_MS,
  );

  it(
    'composes in 3/4: the piano roll draws 12-step bars with three beats, Node replays it, and the meter survives a reload',
    async () => {
      const p = await openStudio();
      await p.getByRole('button', { name: 'New session' }).click();
      const meter = p.getByRole('combobox', { name: 'Meter' });
      await meter.selectOption('3/4');
      const digest = await composeWith(p, { seed: 31, bars: 4 });
      const rollSteps = (cls: string) =>
        p.$$eval(`svg.roll line.${cls}`, (ls) => ls.map((l) => Number(l.getAttribute('data-step'))));
      const checkWaltz = async () => {
        await expect(p.getByTestId('meter').textContent()).resolves.toBe('3/4');
        await expect(rollSteps('roll-bar')).resolves.toEqual([0, 12, 24, 36, 48]);
        await expect(rollSteps('roll-beat')).resolves.toEqual([4, 8, 16, 20, 28, 32, 40, 44]);
        const a = await hook(p, (h) => h.arrangement());
        expect(a?.meter).toBe('3/4');
        for (const t of a?.tracks ?? []) for (const n of t.notes) expect(n.quantizedEndStep).toBeLessThanOrEqual(48);
      };
      await checkWaltz();
      const request = (await hook(p, (h) => h.result()))?.request;
      expect(request?.meter).toBe('3/4');
      expect((await compose(model, request)).digest).toBe(digest);
      await p.evaluate('window.motifStudio.flush()');
      await p.reload();
      await p.waitForFunction(() => 'motifStudio' in window);
      await p.getByTestId('digest').filter({ hasText: digest }).or(p.getByTestId('error')).waitFor();
      await expect(p.getByTestId('error').count()).resolves.toBe(0);
      await expect(meter.inputValue()).resolves.toBe('3/4');
      await checkWaltz();
      await p.close();
    },
    LONG_WAIT_MS,
  );

  it('had no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
