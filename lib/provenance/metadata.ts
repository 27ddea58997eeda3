import { z } from 'zod';
import type { TrackManifest } from './manifest-schema';
import type { Hex } from 'viem';

import { licenceUri } from '../contracts/licences';

export { licenceUri };

export const creditSchema = z
  .object({
    name: z.string().min(1).max(200),
    role: z.string().min(1).max(100),
    address: z.string().regex(/^0x[0-9a-fA-F]{40}$/).optional(),
  })
  .strict();
export type Credit = z.infer<typeof creditSchema>;

/** The fields a creator types (the rest of the metadata comes from the manifest and the pinned files). */
export const trackMetadataInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(5000).default(''),
    genre: z.string().trim().min(1).max(100),
    credits: z.array(creditSchema).max(50).default([]),
    externalUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict();
export type TrackMetadataInput = z.input<typeof trackMetadataInputSchema>;

export type TrackMetadataAttribute = { trait_type: string; value: string | number; display_type?: 'number' };

/**
 * ERC-721 metadata (`tokenURI` -> `ipfs://<folder>/metadata.json`) with OpenSea's fields (name, description, image,
 * animation_url, external_url, attributes) and Motif's music fields (duration in seconds, bpm, key, genre, credits,
 * license, ai_disclosure, manifest). Links are `ipfs://<file CID>` so they resolve without the folder CID (which
 * depends on this file).
 */
export type TrackMetadata = {
  name: string;
  description: string;
  image: string;
  animation_url: string;
  external_url?: string;
  attributes: TrackMetadataAttribute[];
  duration: number;
  bpm: number;
  key: string;
  genre: string;
  credits: Credit[];
  license: { id: number; name: string; url: string };
  ai_disclosure: { digital_source_type: string; human_edited: boolean; model: string; weights: string };
  manifest: string;
  manifest_digest: Hex;
  midi: string;
};

export type BuildTrackMetadataParameters = {
  input: TrackMetadataInput;
  manifest: TrackManifest;
  manifestDigest: Hex;
  /** File CIDs (strings) inside the folder. */
  cids: { cover: string; manifest: string };
};

export function buildTrackMetadata(params: BuildTrackMetadataParameters): TrackMetadata {
  const input = trackMetadataInputSchema.parse(params.input);
  const m = params.manifest;
  const key = `${m.generation.key} ${m.generation.scale}`;
  // the tempo after the edits (the last setTempo), as rendered
  const bpm = m.edits.log.ops.reduce((t, op) => (op.op === 'setTempo' ? op.bpm : t), m.generation.tempo);
  const duration = Math.round(m.render.durationSeconds * 1000) / 1000;
  const humanEdited = m.aiDisclosure.humanEdited;
  const metadata: TrackMetadata = {
    name: input.name,
    description: input.description ?? '',
    image: `ipfs://${params.cids.cover}`,
    animation_url: `ipfs://${m.files.audio.cid}`,
    ...(input.externalUrl ? { external_url: input.externalUrl } : {}),
    attributes: [
      { trait_type: 'Genre', value: input.genre },
      { trait_type: 'BPM', value: bpm, display_type: 'number' },
      { trait_type: 'Key', value: key },
      { trait_type: 'Duration (s)', value: duration, display_type: 'number' },
      { trait_type: 'Model', value: m.model.id },
      { trait_type: 'AI disclosure', value: humanEdited ? 'AI-generated, edited by a human' : 'AI-generated' },
      { trait_type: 'Licence', value: m.licence.name },
    ],
    duration,
    bpm,
    key,
    genre: input.genre,
    credits: input.credits ?? [],
    license: { id: m.licence.id, name: m.licence.name, url: licenceUri(m.licence.id) },
    ai_disclosure: { digital_source_type: m.aiDisclosure.digitalSourceType, human_edited: humanEdited, model: m.model.id, weights: `ipfs://${m.model.weightsCid}` },
    manifest: `ipfs://${params.cids.manifest}`,
    manifest_digest: params.manifestDigest,
    midi: `ipfs://${m.files.midi.cid}`,
  };
  return metadata;
}
