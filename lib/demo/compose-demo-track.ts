/**
 * Composes one demo track the way the studio does, in Node: the shipped model (loaded through its family's Node
 * adapter) composes the spec's request with its fixed seed, the JS renderer renders the arrangement, the peak is
 * normalised and the AI watermark embedded before WAV encoding, the MIDI is exported, and the result is the mint draft
 * the studio's Publish button would hand to the mint steps.
 */
import type { GenerativeModel } from '../generation/models/adapter';
import { defaultComposeRequest } from '../generation/compose/request';
import { applyEdits } from '../generation/edit-log/apply';
import { arrangementToMidi } from '../generation/export/midi';
import { encodeWav16, normalisePeak, WAV_SAMPLE_RATE } from '../generation/export/wav';
import { renderArrangement } from '../generation/render/js-renderer';
import { editedMusic } from '../provenance/edited-music';
import { markStudioRender } from '../provenance/watermark/studio-render';
import { newDraft, type MintDraft } from '../mint/draft';
import { demoMintDetails, type DemoAccounts, type DemoTrackSpec } from './catalogue';

export type ComposeDemoTrackParameters = {
  spec: DemoTrackSpec;
  accounts: DemoAccounts;
  /** The spec's shipped model, loaded (NODE_ADAPTERS[family].loadFolder). */
  model: GenerativeModel;
  /** The CID of the model's checkpoint folder (registry), as the studio records it. */
  weightsCid: string;
  /** The draft's and the manifest's time: fixed, so the same spec gives the same manifest. */
  now: string;
};

/** The same spec, model and time give byte-identical WAV and MIDI and the same draft. */
export async function composeDemoTrack(p: ComposeDemoTrackParameters): Promise<MintDraft> {
  const request = defaultComposeRequest({ temperature: 1, snapToScale: true, ...p.spec.request });
  const result = await p.model.compose(request, { engine: 'js' });
  const audio = renderArrangement(result.arrangement, { sampleRate: WAV_SAMPLE_RATE });
  const channels = [audio.channels[0], audio.channels[1]];
  normalisePeak(channels);
  const watermark = await markStudioRender({ sampleRate: audio.sampleRate, channels }, result.arrangement);
  const wav = encodeWav16({ sampleRate: audio.sampleRate, channels });
  const ops: never[] = [];
  const midi = arrangementToMidi(applyEdits(result.arrangement, ops), {
    title: `Motif ${editedMusic(result.arrangement, ops).keyLabel}`,
  });
  return newDraft({
    id: `demo-${p.spec.slug}`,
    now: p.now,
    session: {
      request: result.request,
      digest: result.digest,
      progression: result.progression,
      backend: result.backend,
      composed: result.arrangement,
      ops,
      render: {
        engine: 'motif demo seed: JS oscillators',
        instrument: 'studio arrangement (melody, chords, bass, drums)',
        sampleRate: audio.sampleRate,
        channels: 2,
        bitDepth: 16,
        durationSeconds: Math.max(0.001, (channels[0]?.length ?? 0) / audio.sampleRate),
        ...(watermark ? { watermark } : {}),
      },
      weightsCid: p.weightsCid,
    },
    wav,
    midi,
    details: demoMintDetails(p.spec, p.accounts),
  });
}
