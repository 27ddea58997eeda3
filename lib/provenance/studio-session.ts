/**
 * The bridge between a studio session and a manifest: the studio's ComposeRequest <-> the manifest's `generation`
 * and `model.id`, and the manifest's `notes` from a ComposeResult plus the edit log (replayed with `applyEdits`).
 * Pure (no tfjs): used by the mint page in the browser and by the Node replay.
 */
import { applyEdits } from '../generation/edit-log/apply';
import type { EditOp } from '../generation/edit-log/schema';
import type { Arrangement } from '../generation/arrangement/types';
import { COMPOSE_REQUEST_VERSION, type ComposeRequest } from '../generation/compose/request';
import { notesDigest } from '../generation/notes/digest';
import type { ManifestGeneration, TrackManifest } from './manifest-schema';

/** The sampler id of the studio's seeded sampling (sfc32 stream, float64 categorical over the logits). */
export const MOTIF_SAMPLER = 'motif.sfc32-categorical/1';

/** `generation` of a manifest for a studio ComposeRequest; `chordsPerBar` is ComposeResult.progression. */
export function generationFromComposeRequest(request: ComposeRequest, chordsPerBar: readonly string[], sampler = MOTIF_SAMPLER): ManifestGeneration {
  const { version, modelId: _modelId, ...rest } = request;
  return { ...rest, requestVersion: version, chordsPerBar: [...chordsPerBar], sampler };
}

/** The studio ComposeRequest a manifest records (what the replay runs through compose). */
export function composeRequestOfManifest(m: Pick<TrackManifest, 'model' | 'generation'>): ComposeRequest {
  const { requestVersion, chordsPerBar: _chords, sampler: _sampler, ...rest } = m.generation;
  return { version: requestVersion, modelId: m.model.id, ...rest };
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
export async function manifestNotes(composed: Arrangement, ops: readonly EditOp[]): Promise<TrackManifest['notes'] & { final: Arrangement }> {
  const final = applyEdits(composed, ops);
  return {
    generatedDigest: await notesDigest(melodyNotes(composed)),
    finalDigest: await notesDigest(melodyNotes(final)),
    finalCount: final.tracks.reduce((n, t) => n + t.notes.length, 0),
    final,
  };
}
