/**
 * The bridge between a studio session and a manifest: the studio's ComposeRequest <-> the manifest's `generation`
 * and `model.id`, and the manifest's `notes` from a ComposeResult plus the edit log (replayed with `applyEdits`).
 * Pure (no tfjs): used by the mint page in the browser and by the Node replay.
 */
import { applyEdits } from '../generation/edit-log/apply';
import type { EditOp } from '../generation/edit-log/schema';
import type { Arrangement } from '../generation/arrangement/types';
import type { ComposeRequest } from '../generation/compose/request';
import { primerDigest } from '../generation/compose/primer-digest';
import { notesDigest } from '../generation/notes/digest';
import type { ManifestGeneration, Procedure, TrackManifest, TrackManifestV1 } from './manifest-schema';
import { arrangementFor, MOTIF_SAMPLER, samplerFor } from './procedures';

export { MOTIF_SAMPLER };

/**
 * `generation` of a manifest for a studio ComposeRequest; `chordsPerBar` is ComposeResult.progression. The sampler is
 * the one the request was composed with (samplerFor: version 4 with an onset weight, 3 with a tune memory, 2 with a
 * form plan, else 1) unless given; the arrangement likewise (version 2 in 3/4 or 6/8, version 1 in 4/4).
 */
export function generationFromComposeRequest(
  request: ComposeRequest,
  chordsPerBar: readonly string[],
  sampler: Procedure = samplerFor(request),
  arrangement: Procedure = arrangementFor(request),
): ManifestGeneration {
  const { version, modelId: _modelId, ...rest } = request;
  return {
    ...rest,
    requestVersion: version,
    chordsPerBar: [...chordsPerBar],
    sampler: { ...sampler },
    arrangement: { ...arrangement },
    ...(request.primer.type === 'melody' ? { primerDigest: primerDigest(request.primer) } : {}),
  };
}

/** The studio ComposeRequest a manifest of any version records (what the replay runs through compose). */
export function composeRequestOfManifest(
  m: Pick<TrackManifest, 'model' | 'generation'> | Pick<TrackManifestV1, 'model' | 'generation'>,
): ComposeRequest {
  const g = m.generation;
  return {
    version: g.requestVersion,
    modelId: m.model.id,
    seed: g.seed,
    temperature: g.temperature,
    bars: g.bars,
    key: g.key,
    scale: g.scale,
    tempo: g.tempo,
    primer: g.primer,
    ...(g.progression !== undefined ? { progression: g.progression } : {}),
    style: g.style,
    snapToScale: g.snapToScale,
    ...(g.instruments !== undefined ? { instruments: g.instruments } : {}),
    ...('form' in g && g.form !== undefined ? { form: g.form } : {}),
    ...('memory' in g && g.memory !== undefined ? { memory: g.memory } : {}),
    ...('onsetWeight' in g && g.onsetWeight !== undefined ? { onsetWeight: g.onsetWeight } : {}),
    ...('meter' in g && g.meter !== undefined ? { meter: g.meter } : {}),
  };
}

/** The melody track's notes of an arrangement. */
export function melodyNotes(a: Arrangement): Arrangement['tracks'][number]['notes'] {
  return a.tracks.find((t) => t.id === 'melody')?.notes ?? [];
}

/**
 * `notes` of a manifest: generatedDigest = the composed melody's digest (ComposeResult.digest), finalDigest = the
 * melody after `applyEdits(composed, ops)`, finalCount = all notes after the edits. Throws EditLogError when the log
 * does not apply to the arrangement.
 */
export async function manifestNotes(
  composed: Arrangement,
  ops: readonly EditOp[],
): Promise<TrackManifest['notes'] & { final: Arrangement }> {
  const final = applyEdits(composed, ops);
  return {
    generatedDigest: await notesDigest(melodyNotes(composed)),
    finalDigest: await notesDigest(melodyNotes(final)),
    finalCount: final.tracks.reduce((n, t) => n + t.notes.length, 0),
    final,
  };
}
