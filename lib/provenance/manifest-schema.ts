import { CID } from 'multiformats/cid';
import { z } from 'zod';
import { LICENCES } from '../contracts/voucher';
import { UNIXFS_SETTINGS } from '../ipfs/unixfs-settings';
import { aiDisclosureFor, DIGITAL_SOURCE_TYPES, summarizeEdits } from './disclosure';

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

export const quantizedNoteSchema = z
  .object({ pitch: int(0, 127), quantizedStartStep: int(0, 1_000_000), quantizedEndStep: int(1, 1_000_000) })
  .strict()
  .refine((n) => n.quantizedEndStep > n.quantizedStartStep, 'a note must end after it starts');

export const primerSchema = z
  .object({
    notes: z.array(quantizedNoteSchema).max(1024),
    totalQuantizedSteps: int(1, 100_000),
    stepsPerQuarter: int(1, 96),
  })
  .strict();

export const TONICS = ['C', 'C#', 'Db', 'D', 'D#', 'Eb', 'E', 'F', 'F#', 'Gb', 'G', 'G#', 'Ab', 'A', 'A#', 'Bb', 'B'] as const;
export const SCALES = ['major', 'minor', 'dorian', 'phrygian', 'lydian', 'mixolydian', 'locrian', 'harmonic-minor', 'melodic-minor', 'pentatonic-major', 'pentatonic-minor', 'blues', 'chromatic'] as const;

export const generationSchema = z
  .object({
    /** uint32 or a string (FNV-1a hashed), as lib/generation/sampling/prng.ts `Seed`. */
    seed: z.union([int(0, 0xffffffff), z.string().min(1).max(256)]),
    temperature: z.number().min(0).max(10),
    primer: primerSchema,
    /** Chord symbols, empty for a melody-only model. */
    chordProgression: z.array(z.string().min(1).max(16)).max(256),
    bars: int(1, 1024),
    /** Steps generated after the primer: bars x 4 beats x primer.stepsPerQuarter (4/4 time). */
    steps: int(1, 1_000_000),
    /** Beats per minute. */
    tempo: z.number().gt(0).max(400),
    key: z.object({ tonic: z.enum(TONICS), scale: z.enum(SCALES) }).strict(),
    /** Identifies the seeded sampler, e.g. `motif.sfc32-categorical/1` (lib/generation/sampling). */
    sampler: z.string().min(1).max(100),
  })
  .strict();

export const modelSchema = z
  .object({
    id: z.string().min(1).max(200),
    family: z.literal('MusicRNN'),
    /** CID of the checkpoint folder (lib/generation/models/registry.ts). */
    weightsCid: cidString,
    /** tfjs backend that computed the logits, e.g. `cpu`. */
    backend: z.string().min(1).max(50),
  })
  .strict();

const editBase = { at: z.iso.datetime({ offset: true }) };
const noteRef = z.object({ pitch: int(0, 127), quantizedStartStep: int(0, 1_000_000), quantizedEndStep: int(1, 1_000_000) }).strict();

export const editEntrySchema = z.discriminatedUnion('op', [
  z.object({ ...editBase, op: z.literal('add-note'), note: noteRef }).strict(),
  z.object({ ...editBase, op: z.literal('remove-note'), note: noteRef }).strict(),
  z.object({ ...editBase, op: z.literal('change-note'), before: noteRef, after: noteRef }).strict(),
]);

export const editSummarySchema = z
  .object({ total: int(0, 1_000_000), added: int(0, 1_000_000), removed: int(0, 1_000_000), changed: int(0, 1_000_000) })
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
        /** notesDigest of the model's continuation (what replaying `generation` with `model` must give). */
        generatedDigest: notesDigestString,
        /** notesDigest of the notes after the human edits (what was rendered). */
        finalDigest: notesDigestString,
        finalCount: int(0, 1_000_000),
      })
      .strict(),
    edits: z.object({ log: z.array(editEntrySchema).max(100_000), summary: editSummarySchema }).strict(),
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
  const summary = summarizeEdits(m.edits.log);
  if (JSON.stringify(summary) !== JSON.stringify(m.edits.summary)) {
    ctx.addIssue({ code: 'custom', path: ['edits', 'summary'], message: `must be derived from the edit log: ${JSON.stringify(summary)}` });
  }
  const disclosure = aiDisclosureFor(m.edits.log);
  if (disclosure.digitalSourceType !== m.aiDisclosure.digitalSourceType || disclosure.humanEdited !== m.aiDisclosure.humanEdited) {
    ctx.addIssue({
      code: 'custom',
      path: ['aiDisclosure'],
      message: `must be derived from the edit log (${m.edits.log.length} edits): ${disclosure.digitalSourceType}`,
    });
  }
  const steps = m.generation.bars * 4 * m.generation.primer.stepsPerQuarter;
  if (m.generation.steps !== steps) ctx.addIssue({ code: 'custom', path: ['generation', 'steps'], message: `must be bars x 4 x stepsPerQuarter = ${steps}` });
  if (LICENCES[m.licence.id] !== m.licence.name) ctx.addIssue({ code: 'custom', path: ['licence', 'name'], message: `licence ${m.licence.id} is ${LICENCES[m.licence.id]}` });
});

export type TrackManifest = z.infer<typeof manifestObject>;
export type EditEntry = z.infer<typeof editEntrySchema>;
export type EditSummary = z.infer<typeof editSummarySchema>;
export type QuantizedNoteRecord = z.infer<typeof quantizedNoteSchema>;
export type FileRecord = TrackManifest['files']['audio'] | TrackManifest['files']['midi'];
