/**
 * SoundFont render figures (issue #18), in a Web Worker of headless Chromium (test/support/sf-browser.ts, the
 * renderer's request path that the studio's worker runs), on the full 4-track arrangement of 32 bars at 120 bpm:
 * - `render.sf.xrealtime`: piece seconds per render second, median of 3 renders in a warm worker;
 * - `render.sf.first_ms`: a fresh worker's SoundFont load (from the browser's HTTP cache) + parse + first render;
 * - `render.sf.node_vs_browser_equal`: 1 when the browser's 16-bit PCM sha256 equals Node's.
 */
import { durationSeconds } from '../lib/generation/arrangement/types';
import { WAV_SAMPLE_RATE } from '../lib/generation/export/wav';
import { pcmSha256 } from '../lib/generation/render/sf/digest';
import { DEFAULT_SF_MIX } from '../lib/generation/render/sf/gm';
import { shippedSoundBank } from '../lib/generation/render/sf/node-soundfont';
import { renderWithSoundFont } from '../lib/generation/render/sf/sf-renderer';
import { sfTestArrangement } from '../lib/generation/render/sf/test-arrangement';
import { startSfBrowser } from '../test/support/sf-browser';
import { median, round, type BenchFigure, type BenchModule } from './figure';

export const studioSfBench: BenchModule = {
  async run(): Promise<BenchFigure[]> {
    const arrangement = sfTestArrangement(32, 120);
    const piece = durationSeconds(arrangement);
    const sf = await startSfBrowser();
    try {
      // the first page fills the browser's HTTP cache with the SoundFont
      const cold = await sf.newWorkerPage();
      const first = await sf.render(cold, arrangement, DEFAULT_SF_MIX);
      await cold.close();
      const page = await sf.newWorkerPage();
      const warmFirst = await sf.render(page, arrangement, DEFAULT_SF_MIX);
      const renders: number[] = [];
      for (let i = 0; i < 3; i++) renders.push((await sf.render(page, arrangement, DEFAULT_SF_MIX)).renderMs);
      await page.close();
      const inNode = await renderWithSoundFont(arrangement, DEFAULT_SF_MIX, await shippedSoundBank(), {
        sampleRate: WAV_SAMPLE_RATE,
      });
      const equal = first.pcmSha256 === pcmSha256(inNode.channels) && warmFirst.pcmSha256 === first.pcmSha256;
      return [
        {
          name: 'render.sf.xrealtime',
          value: round(piece / (median(renders) / 1000), 1),
          unit: 'x real time',
          goal: '>= 20',
          note: `${piece} s piece, median render ${Math.round(median(renders))} ms of ${renders.map(Math.round).join(', ')}`,
        },
        {
          name: 'render.sf.first_ms',
          value: Math.round(warmFirst.wallMs),
          unit: 'ms',
          goal: '<= 3000',
          note: `SoundFont load + parse ${Math.round(warmFirst.loadMs)} ms, render ${Math.round(warmFirst.renderMs)} ms (cold cache: ${Math.round(first.wallMs)} ms)`,
        },
        { name: 'render.sf.node_vs_browser_equal', value: equal ? 1 : 0, unit: 'bool', goal: '1' },
      ];
    } finally {
      await sf.close();
    }
  },
};
