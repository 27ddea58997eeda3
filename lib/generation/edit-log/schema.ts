/**
 * The edit log: every human edit of an arrangement as a JSON operation, versioned and zod-validated, so the
 * provenance record can sign it and anyone can replay it with `applyEdits(base, ops)` (apply.ts).
 *
 * JSON shape (version 1):
 *   { "version": 1, "ops": [ EditOp, ... ] }
 * Notes are `{ pitch, quantizedStartStep, quantizedEndStep, velocity }` (integers, sixteenth steps), plus
 * `offsetTicks` (-48..48, 120 per step, never 0) on a note humanised off the grid.
 * Operations select notes by value (the first note equal in all fields, a missing offset being 0), never by array
 * index, so a log does not
 * depend on how an implementation orders its arrays.
 */
import { z } from 'zod';
import { instrumentIdSchema, noteSchema, trackIdSchema } from '../arrangement/types';
import { BaseError } from '../../errors/base';

export const EDIT_LOG_VERSION = 1 as const;

const bar = z.number().int().min(0);
const uint32 = z.number().int().min(0).max(0xffffffff);

/** A note of a 2-bar passage given to the VAE, relative to the passage's first step (0..32, sixteenth steps). */
const passageNoteSchema = z
  .object({
    pitch: z.number().int().min(0).max(127),
    quantizedStartStep: z.number().int().min(0).max(31),
    quantizedEndStep: z.number().int().min(1).max(32),
  })
  .strict()
  .refine((n) => n.quantizedEndStep > n.quantizedStartStep, { message: 'note must end after it starts' });
const passageSchema = z.array(passageNoteSchema).max(32);
const latentCommon = {
  /** Registry id and checkpoint-folder CID of the MusicVAE (lib/generation/models/registry.ts). */
  modelId: z.string().min(1).max(200),
  weightsCid: z.string().min(1).max(200),
  seed: uint32,
  /** Decoder sampling temperature; 0 takes the argmax at every step. */
  temperature: z.number().min(0).max(4),
  /** Velocity given to every resulting note. */
  velocity: z.number().int().min(1).max(127),
  /** The source passage (a), as the creator picked it. */
  a: passageSchema,
  /** Which of the operation's results was applied. */
  index: z.number().int().min(0).max(15),
};
/**
 * What a MusicVAE operation was run on (lib/generation/models/vae/latent-ops.ts): enough to re-run it exactly.
 * interpolate: `steps` results from a to b (slerp of the posterior means, endpoints included); vary: `count` results
 * around a (posterior mean + amount * standard normal noise).
 */
export const latentGenerationSchema = z.discriminatedUnion('operation', [
  z
    .object({
      operation: z.literal('interpolate'),
      ...latentCommon,
      b: passageSchema,
      steps: z.number().int().min(2).max(16),
    })
    .strict(),
  z
    .object({
      operation: z.literal('vary'),
      ...latentCommon,
      amount: z.number().min(0).max(4),
      count: z.number().int().min(1).max(16),
    })
    .strict(),
]);
export type LatentGeneration = z.infer<typeof latentGenerationSchema>;

export const editOpSchema = z.discriminatedUnion('op', [
  /** Transposes every note of the listed tracks (drums are never transposed) by `semitones`. */
  z
    .object({
      op: z.literal('transpose'),
      semitones: z.number().int().min(-24).max(24),
      tracks: z.array(trackIdSchema).min(1),
    })
    .strict(),
  z.object({ op: z.literal('setTempo'), bpm: z.number().min(20).max(300) }).strict(),
  z.object({ op: z.literal('setInstrument'), track: trackIdSchema, instrument: instrumentIdSchema }).strict(),
  z.object({ op: z.literal('setMute'), track: trackIdSchema, muted: z.boolean() }).strict(),
  z.object({ op: z.literal('setSolo'), track: trackIdSchema, solo: z.boolean() }).strict(),
  z.object({ op: z.literal('addNote'), track: trackIdSchema, note: noteSchema }).strict(),
  z.object({ op: z.literal('removeNote'), track: trackIdSchema, note: noteSchema }).strict(),
  /** Replaces the note equal to `from` with `to` (move, resize, re-pitch or change velocity). */
  z.object({ op: z.literal('updateNote'), track: trackIdSchema, from: noteSchema, to: noteSchema }).strict(),
  /**
   * The model re-sampled one melody bar. `notes` are the resulting notes of that bar (absolute steps, inside the bar);
   * the generation inputs are recorded so a verifier can re-run the model and compare.
   */
  z
    .object({
      op: z.literal('regenerateBar'),
      bar,
      notes: z.array(noteSchema),
      generation: z
        .object({
          modelId: z.string(),
          seed: z.number().int().min(0).max(0xffffffff),
          temperature: z.number().min(0),
          backend: z.string(),
        })
        .strict(),
    })
    .strict(),
  /**
   * A MusicVAE result replaced two melody bars (`bar`, `bar + 1`). `notes` are the resulting notes (absolute steps,
   * inside those bars); `generation` records the model, weights, seed and inputs, so a verifier re-runs it and compares.
   */
  z
    .object({ op: z.literal('latentBars'), bar, notes: z.array(noteSchema), generation: latentGenerationSchema })
    .strict(),
]);
export type EditOp = z.infer<typeof editOpSchema>;

export const editLogSchema = z.object({ version: z.literal(EDIT_LOG_VERSION), ops: z.array(editOpSchema) }).strict();
export type EditLog = z.infer<typeof editLogSchema>;

export class EditLogError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'EditLogError';
  }
}

/** Parses untrusted JSON (text or value) into an EditLog; throws EditLogError with zod's message on failure. */
export function parseEditLog(input: unknown): EditLog {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (e) {
      throw new EditLogError(`edit log is not JSON: ${(e as Error).message}`);
    }
  }
  const r = editLogSchema.safeParse(value);
  if (!r.success) throw new EditLogError(`invalid edit log: ${r.error.message}`);
  return r.data;
}

export function serializeEditLog(ops: readonly EditOp[]): string {
  const log: EditLog = { version: EDIT_LOG_VERSION, ops: [...ops] };
  return JSON.stringify(editLogSchema.parse(log));
}

/** JSON Schema (draft 2020-12) of the edit log, for verifiers outside TypeScript (refinements not expressed). */
export function editLogJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(editLogSchema) as Record<string, unknown>;
}
