/**
 * The SoundFont renderer in a Web Worker of headless Chromium gives the same PCM (sha256 of the 16-bit samples) as
 * in Node for the same arrangement, mix and SoundFont: the studio's render and a verifier's re-render agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAV_SAMPLE_RATE } from '../../lib/generation/export/wav';
import { pcmSha256 } from '../../lib/generation/render/sf/digest';
import { DEFAULT_SF_MIX, type SfMix } from '../../lib/generation/render/sf/gm';
import { shippedSoundBank } from '../../lib/generation/render/sf/node-soundfont';
import { renderWithSoundFont } from '../../lib/generation/render/sf/sf-renderer';
import { sfTestArrangement } from '../../lib/generation/render/sf/test-arrangement';
import { startSfBrowser, type SfBrowser } from '../support/sf-browser';

let sf: SfBrowser;
beforeAll(async () => {
  sf = await startSfBrowser();
});
afterAll(async () => {
  await sf?.close();
});

const OTHER_MIX: SfMix = {
  version: 1,
  tracks: [
    { track: 'melody', preset: 'piano', volume: 120, pan: 40, reverb: 90 },
    { track: 'chords', preset: 'warmPad', volume: 70, pan: 90, reverb: 30 },
    { track: 'bass', preset: 'synthBass', volume: 100, pan: 64, reverb: 0 },
    { track: 'drums', preset: 'standardKit', volume: 127, pan: 60, reverb: 50 },
  ],
};

describe('SoundFont render, Chromium worker vs Node', () => {
  it.each([
    ['the default mix', DEFAULT_SF_MIX],
    ['another mix (piano, pad, synth bass, more reverb)', OTHER_MIX],
  ])('gives the same PCM digest with %s', async (_name, mix) => {
    const arrangement = sfTestArrangement(8, 104);
    const page = await sf.newWorkerPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const inBrowser = await sf.render(page, arrangement, mix);
    await page.close();
    expect(errors).toEqual([]);
    const inNode = await renderWithSoundFont(arrangement, mix, await shippedSoundBank(), {
      sampleRate: WAV_SAMPLE_RATE,
    });
    expect(inBrowser.seconds).toBe(inNode.seconds);
    expect(inBrowser.meanSquare).toBe(inNode.master.meanSquare);
    expect(inBrowser.pcmSha256).toBe(pcmSha256(inNode.channels));
  });
});
