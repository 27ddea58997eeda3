/**
 * metadata.json of a track folder (ERC-721 `tokenURI` -> `ipfs://<folder>/metadata.json`): the ERC-721 and OpenSea
 * fields, Catalog's music metadata standard (version `catalog-20220222`), and Motif's provenance links. Every
 * musical field is derived from the signed manifest and the pinned files (track-facts.ts), never typed; what a
 * person types (title, description, genre, artist name, credits, ISRC, link) is validated here. Field by field:
 * docs/provenance/metadata.md.
 */
import { z } from 'zod';
import type { Hex } from 'viem';
import { licenceUri } from '../contracts/licences';
import type { LicenceName } from '../contracts/licences';
import type { DigitalSourceType } from './disclosure';
import { STREAM_MEDIA_TYPE, type CoverMediaType } from './optional-files';
import type { TrackFacts } from './track-facts';

export { licenceUri };

/** Catalog's schema version string (docs/provenance/schemas/catalog-20220222.schema.json). */
export const CATALOG_METADATA_VERSION = 'catalog-20220222';
/** Where a person's name and the model stand in `credits`: the model is a tool, never an author. */
export const CREATOR_COLLABORATOR_TYPE = 'Artist';
export const MODEL_COLLABORATOR_TYPE = 'Tool (AI model)';

/** International Standard Recording Code: CC-XXX-YY-NNNNN; hyphens optional, written as 12 upper-case characters. */
export const isrcSchema = z
  .string()
  .trim()
  .transform((s) => s.replaceAll('-', '').toUpperCase())
  .pipe(
    z
      .string()
      .regex(
        /^[A-Z]{2}[A-Z0-9]{3}[0-9]{2}[0-9]{5}$/,
        'an ISRC is 2 letters, 3 letters or digits, 2 digits and 5 digits (CC-XXX-YY-NNNNN)',
      ),
  );

/** Roles a person may not claim for the model: the model is credited as a tool by the platform itself. */
const RESERVED_ROLE = /\b(tool|ai|model)\b/i;

export const creditSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine((r) => !RESERVED_ROLE.test(r), 'the AI model is credited as a tool by Motif; credit people here'),
    address: z
      .string()
      .regex(/^0x[0-9a-fA-F]{40}$/)
      .optional(),
  })
  .strict();
export type Credit = z.infer<typeof creditSchema>;

/** The fields a creator types (the rest of the metadata comes from the manifest and the pinned files). */
export const trackMetadataInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(5000).default(''),
    genre: z.string().trim().min(1).max(100),
    /** The artist's display name; absent: the caller's default (the creator's profile name, else their address). */
    artist: z.string().trim().min(1).max(200).optional(),
    credits: z.array(creditSchema).max(50).default([]),
    isrc: isrcSchema.optional(),
    externalUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict();
export type TrackMetadataInput = z.input<typeof trackMetadataInputSchema>;

export type TrackMetadataAttribute = { trait_type: string; value: string | number; display_type?: 'number' };
export type CatalogCredit = { name: string; collaboratorType: string };

export type TrackMetadata = {
  // ERC-721 (EIP-721 metadata JSON schema) and OpenSea
  name: string;
  description: string;
  image: string;
  animation_url: string;
  external_url: string;
  attributes: TrackMetadataAttribute[];
  // Catalog music metadata standard, version 20220222
  version: typeof CATALOG_METADATA_VERSION;
  title: string;
  artist: string;
  /** Seconds of audio in the WAV: the song plus the render tail (motif.duration says both). */
  duration: number;
  mimeType: 'audio/wav';
  losslessAudio: string;
  artwork: { uri: string; mimeType: 'image/svg+xml' | CoverMediaType; nft: null };
  credits: CatalogCredit[];
  license: LicenceName;
  isrc?: string;
  /** No body of work (album, EP) is recorded at mint: a single. */
  project: null;
  genre: string;
  bpm: number;
  key: string;
  // Motif provenance
  ai_disclosure: { digital_source_type: DigitalSourceType; human_edited: boolean; model: string; weights: string };
  manifest: string;
  manifest_digest: Hex;
  midi: string;
  motif: {
    creator: string;
    license: { id: number; name: LicenceName; url: string };
    duration: { audio_seconds: number; song_seconds: number; render_tail_seconds: number; includes_render_tail: true };
    bars: number;
    transposed_semitones: number;
    notes: TrackFacts['notes'];
    /** The streaming copy (stream.mp3): what players play; `animation_url` and `losslessAudio` stay the WAV. */
    stream?: StreamRecord;
    /** The piano roll drawn from the MIDI (cover.svg), when `image` is a cover the creator uploaded. */
    generated_cover?: string;
  };
};

export type StreamRecord = {
  uri: string;
  mimeType: typeof STREAM_MEDIA_TYPE;
  bitrate_kbps: number;
  size: number;
  sha256: string;
};

/** The manifest fields metadata.json repeats (any manifest version has them). */
export type MetadataManifest = {
  creator: string;
  model: { id: string; weightsCid: string };
  licence: { id: number; name: LicenceName };
  aiDisclosure: { digitalSourceType: DigitalSourceType; humanEdited: boolean };
  files: { audio: { cid: string }; midi: { cid: string } };
};

export type BuildTrackMetadataParameters = {
  input: TrackMetadataInput;
  manifest: MetadataManifest;
  manifestDigest: Hex;
  /** Derived from the manifest and the files (trackFacts). */
  facts: TrackFacts;
  /** File CIDs (strings) inside the folder; `audio`: the published audio.wav (with its C2PA chunk), default the manifest's files.audio (the essence). */
  cids: { cover: string; manifest: string; audio?: string };
  /** The streaming copy, when the folder has one (stream.mp3). */
  stream?: { cid: string; size: number; sha256: string; kbps: number };
  /** A cover the creator uploaded: `image` and `artwork` name it, cover.svg stays as `motif.generated_cover`. */
  uploadedCover?: { cid: string; mediaType: CoverMediaType };
  /** Origin of the web app, for the default `external_url` (the creator's profile page). */
  siteOrigin: string;
};

/** `credits` as Catalog lists them: the creator first (always), then the credited people, then the model as a tool. */
export function catalogCredits(artist: string, credits: readonly Credit[], modelId: string): CatalogCredit[] {
  const people = credits.map((c) => ({ name: c.name, collaboratorType: c.role }));
  const creator = people.some((c) => c.name === artist)
    ? []
    : [{ name: artist, collaboratorType: CREATOR_COLLABORATOR_TYPE }];
  return [...creator, ...people, { name: modelId, collaboratorType: MODEL_COLLABORATOR_TYPE }];
}

export function buildTrackMetadata(params: BuildTrackMetadataParameters): TrackMetadata {
  const input = trackMetadataInputSchema.parse(params.input);
  const { manifest: m, facts } = params;
  const artist = input.artist ?? m.creator;
  const audio = `ipfs://${params.cids.audio ?? m.files.audio.cid}`;
  const generatedCover = `ipfs://${params.cids.cover}`;
  const uploaded = params.uploadedCover;
  const cover = uploaded ? `ipfs://${uploaded.cid}` : generatedCover;
  const stream = params.stream;
  const humanEdited = m.aiDisclosure.humanEdited;
  const externalUrl = input.externalUrl ?? `${params.siteOrigin}/profiles/${m.creator}`;
  return {
    name: input.name,
    description: input.description,
    image: cover,
    animation_url: audio,
    external_url: externalUrl,
    attributes: [
      { trait_type: 'Artist', value: artist },
      { trait_type: 'Genre', value: input.genre },
      { trait_type: 'BPM', value: facts.bpm, display_type: 'number' },
      { trait_type: 'Key', value: facts.keyLabel },
      { trait_type: 'Duration (s)', value: facts.audioSeconds, display_type: 'number' },
      { trait_type: 'Notes', value: facts.notes.total, display_type: 'number' },
      { trait_type: 'Model', value: m.model.id },
      { trait_type: 'AI disclosure', value: humanEdited ? 'AI-generated, edited by a human' : 'AI-generated' },
      { trait_type: 'Licence', value: m.licence.name },
    ],
    version: CATALOG_METADATA_VERSION,
    title: input.name,
    artist,
    duration: facts.audioSeconds,
    mimeType: 'audio/wav',
    losslessAudio: audio,
    artwork: { uri: cover, mimeType: uploaded?.mediaType ?? 'image/svg+xml', nft: null },
    credits: catalogCredits(artist, input.credits, m.model.id),
    license: m.licence.name,
    ...(input.isrc ? { isrc: input.isrc } : {}),
    project: null,
    genre: input.genre,
    bpm: facts.bpm,
    key: facts.keyLabel,
    ai_disclosure: {
      digital_source_type: m.aiDisclosure.digitalSourceType,
      human_edited: humanEdited,
      model: m.model.id,
      weights: `ipfs://${m.model.weightsCid}`,
    },
    manifest: `ipfs://${params.cids.manifest}`,
    manifest_digest: params.manifestDigest,
    midi: `ipfs://${m.files.midi.cid}`,
    motif: {
      creator: m.creator,
      license: { id: m.licence.id, name: m.licence.name, url: licenceUri(m.licence.id) },
      duration: {
        audio_seconds: facts.audioSeconds,
        song_seconds: facts.songSeconds,
        render_tail_seconds: facts.renderTailSeconds,
        includes_render_tail: true,
      },
      bars: facts.bars,
      transposed_semitones: facts.transposedSemitones,
      notes: facts.notes,
      ...(stream
        ? {
            stream: {
              uri: `ipfs://${stream.cid}`,
              mimeType: STREAM_MEDIA_TYPE,
              bitrate_kbps: stream.kbps,
              size: stream.size,
              sha256: stream.sha256,
            },
          }
        : {}),
      ...(uploaded ? { generated_cover: generatedCover } : {}),
    },
  };
}
