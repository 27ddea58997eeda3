/** The manifest of a mint draft (isomorphic): the studio session, the rendered files and the creator's choices. */
import type { Address } from 'viem';
import { familyOfModelId } from '../generation/models/registry';
import { buildManifest } from '../provenance/manifest';
import { type TrackManifest } from '../provenance/manifest-schema';
import { trackFileRecords } from '../provenance/track-file-records';
import { generationFromComposeRequest, manifestNotes } from '../provenance/studio-session';
import type { MintDraft } from './draft';
import { BaseError } from '../errors/base';

export class DraftMismatchError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'DraftMismatchError';
  }
}

export async function manifestForDraft(d: MintDraft, creator: Address, createdAt: string): Promise<TrackManifest> {
  const s = d.session;
  const { final: _final, ...notes } = await manifestNotes(s.composed, s.ops);
  if (notes.generatedDigest !== s.digest)
    throw new DraftMismatchError(
      `the composed arrangement has melody ${notes.generatedDigest}, the studio reported ${s.digest}`,
    );
  return buildManifest({
    // The registry names each model's family (a checkpoint loaded by URL is read by the MusicRNN adapter).
    model: {
      id: s.request.modelId,
      family: familyOfModelId(s.request.modelId),
      weightsCid: s.weightsCid,
      backend: s.backend,
    },
    generation: generationFromComposeRequest(s.request, s.progression),
    notes,
    editLog: s.ops,
    render: s.render,
    files: await trackFileRecords(d.wav, d.midi),
    creator,
    createdAt,
    licence: d.details.licence,
  });
}
