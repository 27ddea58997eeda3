import { z } from 'zod';
import { COMPOSE_REQUEST_VERSION, composeRequestSchema } from '../generation/compose/request';
import { primerDigest } from '../generation/compose/primer-digest';
import { COMPOSING_FAMILIES } from '../generation/models/adapter';
import { sfMixSchema } from '../generation/render/sf/gm';
import {
  address,
  aiDisclosureSchema,
  checkDerivedFields,
  cidString,
  editSummarySchema,
  hex32,
  int,
  ipfsSettingsSchema,
  licenceSchema,
  MANIFEST_TYPE,
  manifestEditLogSchema,
  manifestNotesSchema,
  modelSchema as modelSchemaV1,
  TRACK_FILES,
  trackManifestV1Schema,
  type TrackManifestV1,
} from './manifest-schema-v1';
export type { EditSummary } from './disclosure';
export { MANIFEST_TYPE, TRACK_FILES, trackManifestV1Schema, type TrackManifestV1 };

/**
 * Version of the manifest schema that new tracks get (Motif Provenance 2.0, docs/provenance/SPEC.md); bump (and
 * publish public/schemas/track-manifest-v<N>.json) on any change. Older versions stay parseable and verifiable.
 */
export const MANIFEST_VERSION = 2;
/** Every manifest version a verifier accepts. */
export const MANIFEST_VERSIONS = [1, 2] as const;
export type ManifestVersion = (typeof MANIFEST_VERSIONS)[number];

/**
 * A named, versioned procedure (the sampler, the arrangement): the replay dispatches on `id` and `version` and
 * refuses ones it does not implement, so future procedures can coexist with today's.
 */
export const procedureSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'must be lower-case words joined by . or -')
      .max(100),
    version: int(1, 65_535),
  })
  .strict();
export type Procedure = z.infer<typeof procedureSchema>;

/**
 * What the studio asked the model for, field for field the studio's ComposeRequest
 * (lib/generation/compose/request.ts) without `version` (recorded as `requestVersion`) and `modelId` (the manifest's
 * `model.id`), plus what a replay needs to know beyond it: the chords per bar the piece was composed over, the
 * seeded sampler and the arrangement procedure.
 */
export const generationSchema = composeRequestSchema
  .omit({ version: true, modelId: true })
  .extend({
    requestVersion: z.literal(COMPOSE_REQUEST_VERSION),
    /** One chord symbol per bar, as compose resolved them (the request's chords, or the suggested progression). */
    chordsPerBar: z.array(z.string().min(1).max(16)).max(1024),
    /** The seeded sampler, e.g. `{ id: 'motif.sfc32-categorical', version: 1 }` (lib/generation/sampling). */
    sampler: procedureSchema,
    /** How chords, bass and drums are derived, e.g. `{ id: 'motif.arrange', version: 1 }` (lib/generation/arrangement). */
    arrangement: procedureSchema,
    /**
     * A melody primer's digest (lib/generation/compose/primer-digest.ts, SPEC 7.3.1): `sha256:<hex>` of its canonical
     * JSON. Written by the studio since the creator can continue their own MIDI; absent on manifests made before and
     * on chord primers. When present it must match `primer`.
     */
    primerDigest: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/)
      .optional(),
  })
  .strict();

/** `generation.primerDigest`, when present, names `generation.primer` (a melody primer). */
function checkPrimerDigest(m: { generation: z.infer<typeof generationSchema> }, ctx: z.RefinementCtx): void {
  const g = m.generation;
  if (g.primerDigest === undefined) return;
  const expected = g.primer.type === 'melody' ? primerDigest(g.primer) : 'none (a chords primer has no digest)';
  if (g.primerDigest !== expected)
    ctx.addIssue({
      code: 'custom',
      path: ['generation', 'primerDigest'],
      message: `must be the digest of generation.primer: ${expected}`,
    });
}

/**
 * The model that composed the piece: version 1's fields, the family any registered composing family's
 * (lib/generation/models/adapter.ts). Latent models (MusicVAE) are named by the `latentBars` edits they made.
 */
export const modelSchema = modelSchemaV1.extend({ family: z.literal(COMPOSING_FAMILIES) });

export { manifestEditLogSchema, editSummarySchema, ipfsSettingsSchema };

export const renderSchema = z
  .object({
    /** e.g. `tone@14.7.77 Offline PolySynth`. */
    engine: z.string().min(1).max(200),
    instrument: z.string().min(1).max(200),
    sampleRate: int(8000, 192_000),
    channels: int(1, 8),
    bitDepth: z.union([z.literal(16), z.literal(24), z.literal(32)]),
    durationSeconds: z.number().gt(0).max(3600),
    /**
     * The SoundFont render (lib/generation/render/sf): the renderer procedure, the synthesizer library, the SoundFont
     * by CID and sha256, the mix, and the sha256 of the 16-bit PCM it gave before the watermark, so a verifier can
     * re-render the audio and compare. Absent on tracks rendered with the oscillator renderers.
     */
    soundfont: z
      .object({
        renderer: procedureSchema,
        /** e.g. `spessasynth_core@4.3.22`. */
        synthesizer: z.string().min(1).max(100),
        cid: cidString,
        sha256: hex32,
        mix: sfMixSchema,
        /** Master stage: integrated loudness target (LUFS) and true-peak ceiling (dBTP). */
        loudness: z.object({ integratedLufs: z.literal(-14), truePeakDbtp: z.literal(-1) }).strict(),
        /** sha256 of the interleaved little-endian 16-bit PCM of the render, before the watermark. */
        pcmSha256: hex32,
      })
      .strict()
      .optional(),
    /** The audio watermark embedded at render (lib/provenance/watermark): absent on tracks made before it. */
    watermark: z
      .object({ scheme: z.literal('motif-ss-wm/1'), payloadBits: z.literal(64) })
      .strict()
      .optional(),
  })
  .strict();

const fileRecord = (path: string, mediaType: string) =>
  z
    .object({
      path: z.literal(path),
      mediaType: z.literal(mediaType),
      size: int(1, Number.MAX_SAFE_INTEGER),
      sha256: hex32,
      /** UnixFS CID of the file alone, with `ipfs` settings. */
      cid: cidString,
    })
    .strict();

/**
 * Where a re-minted track was first minted (optional; docs/provenance/SPEC.md "origin"): the chain id, TrackCollection
 * address, token id and manifest digest of the original token. The creator's signature over this manifest states the
 * link; nothing moved from that chain, and a verifier checks the original only where that chain still answers.
 */
export const originSchema = z
  .object({
    chainId: int(1, Number.MAX_SAFE_INTEGER),
    contract: address,
    /** Decimal token id (uint256). */
    tokenId: z.string().regex(/^(0|[1-9]\d{0,77})$/, 'must be a decimal token id'),
    manifestDigest: hex32,
  })
  .strict();
export type ManifestOrigin = z.infer<typeof originSchema>;

const manifestObject = z
  .object({
    type: z.literal(MANIFEST_TYPE),
    version: z.literal(MANIFEST_VERSION),
    model: modelSchema,
    generation: generationSchema,
    notes: manifestNotesSchema,
    edits: z.object({ log: manifestEditLogSchema, summary: editSummarySchema }).strict(),
    render: renderSchema,
    files: z
      .object({ audio: fileRecord(TRACK_FILES.audio, 'audio/wav'), midi: fileRecord(TRACK_FILES.midi, 'audio/midi') })
      .strict(),
    /** UnixFS import settings every CID in this manifest and its folder was made with. */
    ipfs: ipfsSettingsSchema,
    creator: address,
    createdAt: z.iso.datetime({ offset: true }),
    licence: licenceSchema,
    aiDisclosure: aiDisclosureSchema,
    /** Present only on a re-mint: the token this track was first minted as, on another chain. */
    origin: originSchema.optional(),
  })
  .strict();

/**
 * Version 2 of the generation manifest: what made a track (model weights, parameters, seed, sampler and arrangement
 * procedures), what a human changed, how it was rendered and which bytes resulted. Derived fields are checked, not
 * trusted: the edit summary and the AI disclosure must follow from the edit log, the chords from `bars`, the licence
 * name from its id.
 */
export const trackManifestSchema = manifestObject.superRefine((m, ctx) => {
  checkDerivedFields(m, ctx);
  checkPrimerDigest(m, ctx);
});

/** Any manifest version a verifier accepts, told apart by `version`. */
export const anyTrackManifestSchema = z.discriminatedUnion('version', [trackManifestV1Schema, trackManifestSchema]);

/** A version-2 manifest (what new tracks get). */
export type TrackManifest = z.infer<typeof manifestObject>;
/** A manifest of any accepted version. */
export type AnyTrackManifest = TrackManifestV1 | TrackManifest;
export type ManifestEditLog = z.infer<typeof manifestEditLogSchema>;
export type ManifestGeneration = z.infer<typeof generationSchema>;
export type FileRecord = TrackManifest['files']['audio'] | TrackManifest['files']['midi'];
