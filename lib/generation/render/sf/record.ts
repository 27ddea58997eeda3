/**
 * The manifest's `render.soundfont` record of a SoundFont render (lib/provenance/manifest-schema.ts): what a
 * verifier needs to re-render the audio and compare its PCM digest.
 */
import type { Hex } from 'viem';
import type { SfMix } from './gm';
import { SF_RENDERER } from './sf-renderer';
import { SOUNDFONT } from './soundfont';

/** The synthesizer library and its exact version (package.json pins it; a test checks the two agree). */
export const SF_SYNTHESIZER = 'spessasynth_core@4.3.22';

export function soundfontRenderRecord(mix: SfMix, pcmSha256: Hex) {
  return {
    renderer: { ...SF_RENDERER },
    synthesizer: SF_SYNTHESIZER,
    cid: SOUNDFONT.cid,
    sha256: SOUNDFONT.sha256,
    mix,
    loudness: { integratedLufs: -14 as const, truePeakDbtp: -1 as const },
    pcmSha256,
  };
}
