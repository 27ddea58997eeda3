import { CID } from 'multiformats/cid';
import { z } from 'zod';
import { LICENCES } from '../contracts/voucher';
import { UNIXFS_SETTINGS } from '../ipfs/unixfs-settings';
import { COMPOSE_REQUEST_VERSION, composeRequestSchema } from '../generation/compose/request';
import { editLogSchema, editOpSchema } from '../generation/edit-log/schema';
import { aiDisclosureFor, DIGITAL_SOURCE_TYPES, EDIT_OP_KINDS, summarizeEdits, type EditOpKind } from './disclosure';
export type { EditSummary } from './disclosure';

/** Version of the manifest schema; bump (and publish public/schemas/track-manifest-v<N>.json) on any change. */
export const MANIFEST_VERSION = 1;
export const MANIFEST_TYPE = 'motif.track-manifest';

/** File names inside a pinned track folder. */
export const TRACK_FILES = {
  audio: 'audio.wav',
  midi: 'track.mid',
  cover: 'cover.svg',
  manifest: 'manifest.json',
  metadata: 'metadata.json',
} as const;

const hex32 = z.string().regex(/^0x[0-9a-f]{64}$/, 'must be 0x + 64 lower-case hex digits');
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 20-byte hex address');
const cidString = z
  .string()
  .min(1)
  .refine((s) => {
    try {
      CID.parse(s);
      return true;
    } catch {
      return false;
    }
  }, 'must be a CID');
const notesDigestString = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex digits> (lib/generation/notes/digest.ts)');
const int = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * What the studio asked the model for, field for field the studio's ComposeRequest
 * (lib/generation/compose/request.ts) without `version` (recorded as `requestVersion`) and `modelId` (the manifest's
 * `model.id`), plus what a replay needs to know beyond it: the chords per bar the piece was composed over and the
 * seeded sampler.
 */
export const generationSchema = composeRequestSchema
  .omit({ version: true, modelId: true })
  .extend({
    requestVersion: z.literal(COMPOSE_REQUEST_VERSION),
    /** One chord symbol per bar, as compose resolved them (the request's chords, or the suggested progression). */
    chordsPerBar: z.array(z.string().min(1).max(16)).max(1024),
    /** Identifies the seeded sampler, e.g. `motif.sfc32-categorical/1` (lib/generation/sampling). */
    sampler: z.string().min(1).max(100),
  })
  .strict();

export const modelSchema = z
  .object({
    /** The studio's ComposeRequest.modelId (registry id). */
    id: z.string().min(1).max(200),
    family: z.literal('MusicRNN'),
    /** CID of the checkpoint folder (lib/generation/models/registry.ts). */
    weightsCid: cidString,
    /** What computed the logits (ComposeResult.backend): `cpu-js` (plain-JS tfjs cpu kernels) or the tfjs backend, e.g. `cpu`. */
    backend: z.string().min(1).max(50),
  })
  .strict();

/** The human edits: the studio's edit log itself (lib/generation/edit-log/schema.ts), `{ version: 1, ops }`. */
export const manifestEditLogSchema = editLogSchema.extend({ ops: z.array(editOpSchema).max(100_000) }).strict();

/** Count of each edit-log operation kind, and the total. */
export const editSummarySchema = z
  .object({
    total: int(0, 1_000_000),
    ...(Object.fromEntries(EDIT_OP_KINDS.map((k) => [k, int(0, 1_000_000)])) as Record<EditOpKind, ReturnType<typeof int>>),
  })
  .strict();

export const renderSchema = z
  .object({
    /** e.g. `tone@14.7.77 Offline PolySynth`. */
    engine: z.string().min(1).max(200),
    instrument: z.string().min(1).max(200),
    sampleRate: int(8000, 192_000),
    channels: int(1, 8),
    bitDepth: z.union([z.literal(16), z.literal(24), z.literal(32)]),
    durationSeconds: z.number().gt(0).max(3600),
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

export const ipfsSettingsSchema = z
  .object({
    cidVersion: z.literal(UNIXFS_SETTINGS.cidVersion),
    rawLeaves: z.literal(UNIXFS_SETTINGS.rawLeaves),
    chunkSize: z.literal(UNIXFS_SETTINGS.chunkSize),
    maxChildrenPerNode: z.literal(UNIXFS_SETTINGS.maxChildrenPerNode),
    layout: z.literal(UNIXFS_SETTINGS.layout),
    hash: z.literal(UNIXFS_SETTINGS.hash),
  })
  .strict();

const manifestObject = z
  .object({
    type: z.literal(MANIFEST_TYPE),
    version: z.literal(MANIFEST_VERSION),
    model: modelSchema,
    generation: generationSchema,
    notes: z
      .object({
        /**
         * ComposeResult.digest: notesDigest of the composed melody track (primer included, after snapping to the
         * scale), what replaying `generation` with `model` through the studio's compose must give.
         */
        generatedDigest: notesDigestString,
        /** notesDigest of the melody track after applying `edits.log` to the composed arrangement (what was rendered). */
        finalDigest: notesDigestString,
        /** Notes of all four tracks after the edits. */
        finalCount: int(0, 1_000_000),
      })
      .strict(),
    edits: z.object({ log: manifestEditLogSchema, summary: editSummarySchema }).strict(),
    render: renderSchema,
    files: z.object({ audio: fileRecord(TRACK_FILES.audio, 'audio/wav'), midi: fileRecord(TRACK_FILES.midi, 'audio/midi') }).strict(),
    /** UnixFS import settings every CID in this manifest and its folder was made with. */
    ipfs: ipfsSettingsSchema,
    creator: address,
    createdAt: z.iso.datetime({ offset: true }),
    licence: z.object({ id: int(0, LICENCES.length - 1), name: z.enum(LICENCES) }).strict(),
    aiDisclosure: z.object({ digitalSourceType: z.enum(DIGITAL_SOURCE_TYPES), humanEdited: z.boolean() }).strict(),
  })
  .strict();

/**
 * Version 1 of the generation manifest: what made a track (model weights, parameters, seed), what a human changed,
 * how it was rendered and which bytes resulted. Derived fields are checked, not trusted: the edit summary and the
 * AI disclosure must follow from the edit log, `steps` from `bars`, the licence name from its id.
 */
export const trackManifestSchema = manifestObject.superRefine((m, ctx) => {
  const summary = summarizeEdits(m.edits.log.ops);
  if (JSON.stringify(summary) !== JSON.stringify(m.edits.summary)) {
    ctx.addIssue({ code: 'custom', path: ['edits', 'summary'], message: `must be derived from the edit log: ${JSON.stringify(summary)}` });
  }
  const disclosure = aiDisclosureFor(m.edits.log.ops);
  if (disclosure.digitalSourceType !== m.aiDisclosure.digitalSourceType || disclosure.humanEdited !== m.aiDisclosure.humanEdited) {
    ctx.addIssue({
      code: 'custom',
      path: ['aiDisclosure'],
      message: `must be derived from the edit log (${m.edits.log.ops.length} edits): ${disclosure.digitalSourceType}`,
    });
  }
  const g = m.generation;
  if (g.chordsPerBar.length !== g.bars) ctx.addIssue({ code: 'custom', path: ['generation', 'chordsPerBar'], message: `must have one chord per bar (${g.bars})` });
  const primer = g.primer;
  if (primer.type === 'melody') {
    if (primer.totalSteps >= g.bars * 16) ctx.addIssue({ code: 'custom', path: ['generation', 'primer', 'totalSteps'], message: 'the primer must be shorter than the piece' });
    if (primer.notes.some((n) => n.quantizedEndStep <= n.quantizedStartStep || n.quantizedStartStep >= primer.totalSteps)) {
      ctx.addIssue({ code: 'custom', path: ['generation', 'primer', 'notes'], message: 'primer notes must start inside the primer and end after they start' });
    }
  }
  if (LICENCES[m.licence.id] !== m.licence.name) ctx.addIssue({ code: 'custom', path: ['licence', 'name'], message: `licence ${m.licence.id} is ${LICENCES[m.licence.id]}` });
});

export type TrackManifest = z.infer<typeof manifestObject>;
export type ManifestEditLog = z.infer<typeof manifestEditLogSchema>;
export type ManifestGeneration = z.infer<typeof generationSchema>;
export type FileRecord = TrackManifest['files']['audio'] | TrackManifest['files']['midi'];
