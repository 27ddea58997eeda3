/**
 * Version 1 of the generation manifest, frozen: tracks minted before Motif Provenance 2.0 carry it, and their
 * signatures cover exactly these fields, so this schema must never change (docs/provenance/SPEC.md, "Version 1").
 * Its render and file records are kept here as copies: v2 (manifest-schema.ts) may evolve its own.
 * Version 1 named the sampler as one string (`motif.sfc32-categorical/1`) and the arrangement procedure not at all
 * (it is `motif.arrange` version 1, the only one that existed).
 */
import { CID } from 'multiformats/cid';
import { z } from 'zod';
import { LICENCES } from '../contracts/licences';
import { UNIXFS_SETTINGS } from '../ipfs/unixfs-settings';
import { COMPOSE_REQUEST_VERSION, composeRequestSchema } from '../generation/compose/request';
import { editLogSchema, editOpSchema, type EditOp } from '../generation/edit-log/schema';
import { stepsPerBarOf, type Meter } from '../generation/arrangement/meter';
import { MUSIC_RNN_FAMILY } from '../generation/models/musicrnn/family';
import {
  aiDisclosureFor,
  DIGITAL_SOURCE_TYPES,
  EDIT_OP_KINDS,
  LATER_EDIT_OP_KINDS,
  summarizeEdits,
  type EditOpKind,
} from './disclosure';

export const MANIFEST_TYPE = 'motif.track-manifest';

/** File names inside a pinned track folder. */
export const TRACK_FILES = {
  audio: 'audio.wav',
  midi: 'track.mid',
  cover: 'cover.svg',
  manifest: 'manifest.json',
  metadata: 'metadata.json',
} as const;

export const hex32 = z.string().regex(/^0x[0-9a-f]{64}$/, 'must be 0x + 64 lower-case hex digits');
export const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 20-byte hex address');
export const cidString = z
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
export const notesDigestString = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex digits> (lib/generation/notes/digest.ts)');
export const int = (min: number, max: number) => z.number().int().min(min).max(max);

const generationV1Schema = composeRequestSchema
  .omit({ version: true, modelId: true, form: true, memory: true, onsetWeight: true, meter: true })
  .extend({
    requestVersion: z.literal(COMPOSE_REQUEST_VERSION),
    chordsPerBar: z.array(z.string().min(1).max(16)).max(1024),
    /** `<id>/<version>` of the seeded sampler, e.g. `motif.sfc32-categorical/1`. */
    sampler: z.string().min(1).max(100),
  })
  .strict();

export const modelSchema = z
  .object({
    /** The studio's ComposeRequest.modelId (registry id). */
    id: z.string().min(1).max(200),
    /** Frozen: version 1 knew one family (new families are recorded by the current version's schema). */
    family: z.literal(MUSIC_RNN_FAMILY),
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
    ...(Object.fromEntries(EDIT_OP_KINDS.map((k) => [k, int(0, 1_000_000)])) as Record<
      EditOpKind,
      ReturnType<typeof int>
    >),
    ...Object.fromEntries(LATER_EDIT_OP_KINDS.map((k) => [k, int(1, 1_000_000).optional()])),
  })
  .strict();

const renderV1Schema = z
  .object({
    engine: z.string().min(1).max(200),
    instrument: z.string().min(1).max(200),
    sampleRate: int(8000, 192_000),
    channels: int(1, 8),
    bitDepth: z.union([z.literal(16), z.literal(24), z.literal(32)]),
    durationSeconds: z.number().gt(0).max(3600),
  })
  .strict();

const fileRecordV1 = (path: string, mediaType: string) =>
  z
    .object({
      path: z.literal(path),
      mediaType: z.literal(mediaType),
      size: int(1, Number.MAX_SAFE_INTEGER),
      sha256: hex32,
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

export const manifestNotesSchema = z
  .object({
    /** notesDigest of the composed melody track (primer included, after snapping to the scale). */
    generatedDigest: notesDigestString,
    /** notesDigest of the melody track after applying `edits.log` to the composed arrangement (what was rendered). */
    finalDigest: notesDigestString,
    /** Notes of all four tracks after the edits. */
    finalCount: int(0, 1_000_000),
  })
  .strict();

export const licenceSchema = z.object({ id: int(0, LICENCES.length - 1), name: z.enum(LICENCES) }).strict();
export const aiDisclosureSchema = z
  .object({ digitalSourceType: z.enum(DIGITAL_SOURCE_TYPES), humanEdited: z.boolean() })
  .strict();

/** What the derived-field checks read: the fields version 1 and version 2 share. */
type DerivedFieldsInput = {
  edits: { log: { ops: EditOp[] }; summary: Record<string, number> };
  aiDisclosure: { digitalSourceType: string; humanEdited: boolean };
  generation: {
    bars: number;
    chordsPerBar: string[];
    primer: z.infer<typeof composeRequestSchema>['primer'];
    /** Version 2 only: 3/4 or 6/8 (12-step bars); absent: 4/4. */
    meter?: Meter;
  };
  licence: { id: number; name: string };
};

/**
 * The checks JSON Schema cannot express, common to every manifest version: the edit summary and the AI disclosure
 * follow from the edit log, one chord per bar, a melody primer shorter than the piece, the licence name from its id.
 */
export function checkDerivedFields(m: DerivedFieldsInput, ctx: z.RefinementCtx): void {
  const summary = summarizeEdits(m.edits.log.ops);
  if (JSON.stringify(summary) !== JSON.stringify(m.edits.summary)) {
    ctx.addIssue({
      code: 'custom',
      path: ['edits', 'summary'],
      message: `must be derived from the edit log: ${JSON.stringify(summary)}`,
    });
  }
  const disclosure = aiDisclosureFor(m.edits.log.ops);
  if (
    disclosure.digitalSourceType !== m.aiDisclosure.digitalSourceType ||
    disclosure.humanEdited !== m.aiDisclosure.humanEdited
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['aiDisclosure'],
      message: `must be derived from the edit log (${m.edits.log.ops.length} edits): ${disclosure.digitalSourceType}`,
    });
  }
  const g = m.generation;
  if (g.chordsPerBar.length !== g.bars)
    ctx.addIssue({
      code: 'custom',
      path: ['generation', 'chordsPerBar'],
      message: `must have one chord per bar (${g.bars})`,
    });
  const primer = g.primer;
  if (primer.type === 'melody') {
    if (primer.totalSteps >= g.bars * stepsPerBarOf(g))
      ctx.addIssue({
        code: 'custom',
        path: ['generation', 'primer', 'totalSteps'],
        message: 'the primer must be shorter than the piece',
      });
    if (
      primer.notes.some((n) => n.quantizedEndStep <= n.quantizedStartStep || n.quantizedStartStep >= primer.totalSteps)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['generation', 'primer', 'notes'],
        message: 'primer notes must start inside the primer and end after they start',
      });
    }
  }
  const names: readonly string[] = LICENCES;
  if (names[m.licence.id] !== m.licence.name)
    ctx.addIssue({
      code: 'custom',
      path: ['licence', 'name'],
      message: `licence ${m.licence.id} is ${names[m.licence.id]}`,
    });
}

const manifestV1Object = z
  .object({
    type: z.literal(MANIFEST_TYPE),
    version: z.literal(1),
    model: modelSchema,
    generation: generationV1Schema,
    notes: manifestNotesSchema,
    edits: z.object({ log: manifestEditLogSchema, summary: editSummarySchema }).strict(),
    render: renderV1Schema,
    files: z
      .object({
        audio: fileRecordV1(TRACK_FILES.audio, 'audio/wav'),
        midi: fileRecordV1(TRACK_FILES.midi, 'audio/midi'),
      })
      .strict(),
    ipfs: ipfsSettingsSchema,
    creator: address,
    createdAt: z.iso.datetime({ offset: true }),
    licence: licenceSchema,
    aiDisclosure: aiDisclosureSchema,
  })
  .strict();

/** Version 1 of the manifest (frozen), with its derived fields checked. */
export const trackManifestV1Schema = manifestV1Object.superRefine(checkDerivedFields);

export type TrackManifestV1 = z.infer<typeof manifestV1Object>;
