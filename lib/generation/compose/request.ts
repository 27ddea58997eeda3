/**
 * The generation request (zod, JSON-serialisable, versioned): everything that determines the notes, so the same
 * request with the same weights gives the same notes in Chromium and in Node (tfjs cpu backend).
 */
import { z } from 'zod';
import { instrumentIdSchema, keySchema, scaleSchema } from '../arrangement/types';
import { progressionPerBar, suggestProgression } from '../arrangement/progressions';
import { recordedMeterSchema, stepsPerBarOf } from '../arrangement/meter';
import { BaseError } from '../../errors/base';
import { formPlanProblem, formPlanSchema } from './form-plan';
import { tuneMemorySchema } from '../sampling/tune-memory';

export const COMPOSE_REQUEST_VERSION = 1 as const;

export const primerNoteSchema = z
  .object({
    pitch: z.number().int().min(0).max(127),
    quantizedStartStep: z.number().int().min(0),
    quantizedEndStep: z.number().int().min(1),
  })
  .strict();

export const composeRequestSchema = z
  .object({
    version: z.literal(COMPOSE_REQUEST_VERSION),
    /** Registry id (lib/generation/models/registry.ts) or `url:<checkpoint URL>` for a checkpoint loaded by URL. */
    modelId: z.string().min(1),
    seed: z.number().int().min(0).max(0xffffffff),
    temperature: z.number().min(0).max(3),
    bars: z.number().int().min(1).max(128),
    key: keySchema,
    scale: scaleSchema,
    tempo: z.number().min(20).max(300),
    /**
     * `melody`: the model continues these notes (`totalSteps` sixteenths long, shorter than the piece).
     * `chords`: no melody primer (the model starts from the tonic, one quarter note) and the progression is these
     * chords, one per bar, repeated.
     */
    primer: z.discriminatedUnion('type', [
      z
        .object({ type: z.literal('melody'), notes: z.array(primerNoteSchema), totalSteps: z.number().int().min(1) })
        .strict(),
      z.object({ type: z.literal('chords'), progression: z.array(z.string()).min(1) }).strict(),
    ]),
    /** Chords per bar for a melody primer; omitted: suggested from key, scale and seed. */
    progression: z.array(z.string()).min(1).optional(),
    /** Drum style id (arrangement/drums.ts). */
    style: z.string(),
    /** Move generated pitches outside the scale to the nearest scale tone. */
    snapToScale: z.boolean(),
    /**
     * Melodic form (form-plan.ts): sections restated from earlier material and a tonic cadence. Present: sampler
     * `motif.sfc32-categorical` version 2 (docs/provenance/SPEC.md 7.12); absent: version 1, as before.
     */
    form: formPlanSchema.optional(),
    /**
     * Tune memory (lib/generation/sampling/tune-memory.ts): each drawn step mixes the model with what the piece so far
     * says comes next, by these orders and weights (the model's fit, lib/generation/models/tune-memory-fits.ts).
     * Present: sampler `motif.sfc32-categorical` version 3 (docs/provenance/SPEC.md 7.13), with or without a form.
     */
    memory: tuneMemorySchema.optional(),
    /**
     * Onset weight (lib/generation/sampling/sample-events.ts `onsetWeights`): each drawn step multiplies the model's
     * weight of every note-on by it (the model's fit, lib/generation/models/studio-onset-weight.ts). Present: sampler
     * `motif.sfc32-categorical` version 4 (docs/provenance/SPEC.md 7.15), with or without a form and a tune memory.
     */
    onsetWeight: z.number().min(0.25).max(4).optional(),
    /**
     * The meter, 3/4 or 6/8 (lib/generation/arrangement/meter.ts: 12-step bars); absent: 4/4 (16-step bars), so
     * requests made before meters are unchanged. Present: arrangement procedure `motif.arrange` version 2 (SPEC.md 8.6).
     */
    meter: recordedMeterSchema.optional(),
    instruments: z
      .object({
        melody: instrumentIdSchema,
        chords: instrumentIdSchema,
        bass: instrumentIdSchema,
        drums: instrumentIdSchema,
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();
export type ComposeRequest = z.infer<typeof composeRequestSchema>;

export class ComposeRequestError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'ComposeRequestError';
  }
}

export function parseComposeRequest(input: unknown): ComposeRequest {
  const r = composeRequestSchema.safeParse(input);
  if (!r.success) throw new ComposeRequestError(`invalid compose request: ${r.error.message}`);
  const req = r.data;
  if (req.primer.type === 'melody') {
    if (req.primer.totalSteps >= req.bars * stepsPerBarOf(req))
      throw new ComposeRequestError('the primer must be shorter than the piece');
    for (const n of req.primer.notes) {
      if (n.quantizedEndStep <= n.quantizedStartStep || n.quantizedStartStep >= req.primer.totalSteps) {
        throw new ComposeRequestError('primer notes must start inside the primer and end after they start');
      }
    }
  }
  if (req.form) {
    const problem = formPlanProblem(req.form, req.bars);
    if (problem) throw new ComposeRequestError(problem);
  }
  return req;
}

/** The chords per bar a request composes over, and where they came from (the request's, or a suggestion). */
export function progressionFor(req: ComposeRequest): {
  chords: string[];
  source: 'request' | `suggested:${string}`;
} {
  if (req.primer.type === 'chords')
    return { chords: progressionPerBar(req.primer.progression, req.bars), source: 'request' };
  if (req.progression) return { chords: progressionPerBar(req.progression, req.bars), source: 'request' };
  const s = suggestProgression(req.key, req.scale, req.bars, req.seed);
  return { chords: s.chords, source: `suggested:${s.templateId}` };
}

export function defaultComposeRequest(overrides: Partial<ComposeRequest> = {}): ComposeRequest {
  return {
    version: 1,
    modelId: 'studio-fixture-2x128',
    seed: 42,
    temperature: 1,
    bars: 8,
    key: 'C',
    scale: 'major',
    tempo: 112,
    primer: { type: 'chords', progression: ['C', 'G', 'Am', 'F'] },
    style: 'pop',
    snapToScale: true,
    ...overrides,
  };
}

/** JSON Schema (draft 2020-12) of a compose request. */
export function composeRequestJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(composeRequestSchema) as Record<string, unknown>;
}
