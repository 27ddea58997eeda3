/**
 * Re-rendering the audio of a manifest that records a SoundFont render (`render.soundfont`, docs/provenance/SPEC.md):
 * the final arrangement (the replayed one with the edit log applied) through the SoundFont renderer with the
 * recorded mix, at the recorded sample rate, from the SoundFont the manifest names (it must be the shipped one, by
 * CID and sha256); the 16-bit PCM sha256 must equal `render.soundfont.pcmSha256`. Node only (reads the repository's
 * public/soundfonts).
 */
import type { Arrangement } from '../generation/arrangement/types';
import { pcmSha256Async } from '../generation/render/sf/digest';
import { readShippedSoundFont } from '../generation/render/sf/node-soundfont';
import { loadSoundBank, renderWithSoundFont, SF_RENDERER } from '../generation/render/sf/sf-renderer';
import { SOUNDFONT } from '../generation/render/sf/soundfont';
import { ReplayError } from './errors';
import type { TrackManifest } from './manifest-schema';

export type SoundFontRecord = NonNullable<TrackManifest['render']['soundfont']>;

let bank: Promise<Awaited<ReturnType<typeof loadSoundBank>>> | null = null;

/** Re-renders and returns the PCM sha256; throws a ReplayError when the record names what this renderer is not. */
export async function rerenderAudio(
  finalArrangement: Arrangement,
  record: SoundFontRecord,
  sampleRate: number,
): Promise<string> {
  if (record.renderer.id !== SF_RENDERER.id || record.renderer.version !== SF_RENDERER.version)
    throw new ReplayError(`no re-render for renderer ${record.renderer.id} version ${record.renderer.version}`);
  if (record.cid !== SOUNDFONT.cid || record.sha256 !== SOUNDFONT.sha256)
    throw new ReplayError(`the manifest's SoundFont ${record.cid} is not the shipped ${SOUNDFONT.cid}`);
  bank ??= readShippedSoundFont().then(loadSoundBank);
  bank.catch(() => (bank = null));
  const r = await renderWithSoundFont(finalArrangement, record.mix, await bank, { sampleRate });
  return pcmSha256Async(r.channels);
}
