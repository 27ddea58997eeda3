/** The manifest of a mint draft (isomorphic): the studio session, the rendered files and the creator's choices. */
import type { Address } from 'viem';
import { familyOfModelId } from '../generation/models/registry';
import { cidOfBytes } from '../ipfs/cid-of-files';
import { sha256Hex } from '../provenance/digest';
import { buildManifest } from '../provenance/manifest';
import { TRACK_FILES, type TrackManifest } from '../provenance/manifest-schema';
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
    files: {
      audio: {
        path: TRACK_FILES.audio,
        mediaType: 'audio/wav',
        size: d.wav.byteLength,
        sha256: sha256Hex(d.wav),
        cid: (await cidOfBytes(d.wav)).toString(),
      },
      midi: {
        path: TRACK_FILES.midi,
        mediaType: 'audio/midi',
        size: d.midi.byteLength,
        sha256: sha256Hex(d.midi),
        cid: (await cidOfBytes(d.midi)).toString(),
      },
    },
    creator,
    createdAt,
    licence: d.details.licence,
  });
}
