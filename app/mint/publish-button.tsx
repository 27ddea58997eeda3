'use client';

/**
 * The studio's "Publish" button: saves the current studio session (compose request and result, the composed
 * arrangement, the applied edit ops, the rendered WAV, a MIDI export) as a mint draft in IndexedDB and opens /mint.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Hex } from 'viem';
import type { Arrangement } from '../../lib/generation/arrangement/types';
import type { ComposeRequest } from '../../lib/generation/compose/request';
import type { EditOp } from '../../lib/generation/edit-log/schema';
import type { WatermarkRecord } from '../../lib/provenance/watermark';
import type { SfMix } from '../../lib/generation/render/sf/gm';
import { soundfontRenderRecord } from '../../lib/generation/render/sf/record';
import { WAV_SAMPLE_RATE } from '../../lib/generation/export/wav';
import { getModel } from '../../lib/generation/models/registry';
import { newDraft } from '../../lib/mint/draft';
import { newDraftId, saveDraft } from '../../lib/mint/draft-store';

export type PublishButtonProps = {
  /** ComposeResult fields. */
  result: { request: ComposeRequest; digest: string; progression: string[]; backend: string };
  /** The arrangement compose returned (the edit history's base) and the applied ops. */
  composed: Arrangement;
  ops: readonly EditOp[];
  /** The rendered WAV (object URL) and how it was rendered. */
  render: {
    wavUrl: string;
    engine: string;
    seconds: number;
    watermark?: WatermarkRecord | null;
    /** SoundFont renders: the mix and the PCM digest a verifier re-renders and compares. */
    soundfont?: { mix: SfMix; pcmSha256: Hex } | null;
  } | null;
};

export function PublishButton({ result, composed, ops, render }: PublishButtonProps) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      if (!render) throw new Error('render the track first');
      let model;
      try {
        model = getModel(result.request.modelId);
      } catch {
        model = null;
      }
      if (!model || model.source !== 'shipped')
        throw new Error(
          'only tracks composed with a shipped model can be minted (verifiers replay them with its weights)',
        );
      const wav = new Uint8Array(await (await fetch(render.wavUrl)).arrayBuffer());
      const { applyEdits } = await import('../../lib/generation/edit-log/apply');
      const { arrangementToMidi } = await import('../../lib/generation/export/midi');
      const { editedMusic } = await import('../../lib/provenance/edited-music');
      // the header names the key the track is in after its transpositions, as metadata.json does
      const midi = arrangementToMidi(applyEdits(composed, ops), {
        title: `Motif ${editedMusic(composed, ops).keyLabel}`,
      });
      const id = newDraftId();
      await saveDraft(
        newDraft({
          id,
          now: new Date().toISOString(),
          session: {
            request: result.request,
            digest: result.digest,
            progression: result.progression,
            backend: result.backend,
            composed,
            ops: [...ops],
            render: {
              engine: `motif studio: ${render.engine}`,
              instrument: 'studio arrangement (melody, chords, bass, drums)',
              sampleRate: WAV_SAMPLE_RATE,
              channels: 2,
              bitDepth: 16,
              durationSeconds: Math.max(0.001, render.seconds),
              ...(render.soundfont
                ? { soundfont: soundfontRenderRecord(render.soundfont.mix, render.soundfont.pcmSha256) }
                : {}),
              ...(render.watermark ? { watermark: render.watermark } : {}),
            },
            weightsCid: model.weightsCid,
          },
          wav,
          midi,
        }),
      );
      router.push(`/mint?draft=${encodeURIComponent(id)}`); // client-side: the studio session stays saved for Back
    } catch (e) {
      setError(`Could not publish: ${e instanceof Error ? e.message : String(e)}`);
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={publish} disabled={busy || !render}>
        {busy ? 'Publishing…' : 'Publish'}
      </button>
      {error && <p role="alert">{error}</p>}
    </>
  );
}
