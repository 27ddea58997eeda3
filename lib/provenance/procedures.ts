/**
 * The procedures a manifest names (docs/provenance/SPEC.md, "Procedures"): the seeded sampler and the arrangement.
 * A manifest records each as `{ id, version }` (version 1 manifests: the sampler as one `id/version` string and no
 * arrangement, which then is `motif.arrange` version 1); a replay runs only procedures it implements and refuses the
 * others by name, so a manifest made by a future procedure is never replayed with today's code. Pure (browser-safe).
 */
import { ReplayError } from './errors';
import type { Procedure, TrackManifest, TrackManifestV1 } from './manifest-schema';

/** sfc32 seeded through splitmix32, float64 categorical sampling over the float32 logits (lib/generation/sampling). */
export const MOTIF_SAMPLER: Procedure = { id: 'motif.sfc32-categorical', version: 1 };
/**
 * Version 2: version 1 plus the melodic form plan `generation.form` (restated sections copied, tonic cadence by a
 * masked step; lib/generation/compose/form-plan.ts). A manifest names it exactly when it records a form plan.
 */
export const MOTIF_SAMPLER_FORM: Procedure = { id: 'motif.sfc32-categorical', version: 2 };
/**
 * Version 3: version 2 (the form plan optional) plus the tune memory `generation.memory`: each drawn step samples
 * from the model mixed with what the piece so far says comes next (lib/generation/sampling/tune-memory.ts). A
 * manifest names it exactly when it records a tune memory.
 */
export const MOTIF_SAMPLER_MEMORY: Procedure = { id: 'motif.sfc32-categorical', version: 3 };
/**
 * Version 4: version 3 (the form plan and the tune memory optional) plus the onset weight `generation.onsetWeight`:
 * each drawn step multiplies the model's weight of every note-on by it (lib/generation/sampling/sample-events.ts
 * `onsetWeights`). A manifest names it exactly when it records an onset weight.
 */
export const MOTIF_SAMPLER_ONSET: Procedure = { id: 'motif.sfc32-categorical', version: 4 };
/** Chords voiced from the progression, bass from the chord roots, drums from a style pattern (lib/generation/arrangement). */
export const MOTIF_ARRANGEMENT: Procedure = { id: 'motif.arrange', version: 1 };
/**
 * Version 2: version 1 in the meter `generation.meter` (3/4 or 6/8: 12-step bars, the meter's chord, bass and drum
 * patterns, the cadence on the last downbeat; lib/generation/arrangement/meter.ts). A manifest names it exactly when
 * it records a meter; a 4/4 piece records none and stays version 1.
 */
export const MOTIF_ARRANGEMENT_METER: Procedure = { id: 'motif.arrange', version: 2 };

export type ManifestProcedures = { sampler: Procedure; arrangement: Procedure };

/** What a replay implements, per kind. */
export type KnownProcedures = { sampler: readonly Procedure[]; arrangement: readonly Procedure[] };
/** What this code base replays. */
export const KNOWN_PROCEDURES: KnownProcedures = {
  sampler: [MOTIF_SAMPLER, MOTIF_SAMPLER_FORM, MOTIF_SAMPLER_MEMORY, MOTIF_SAMPLER_ONSET],
  arrangement: [MOTIF_ARRANGEMENT, MOTIF_ARRANGEMENT_METER],
};

/**
 * The sampler a request is composed (and replayed) with: version 4 with an onset weight (a form plan and a tune
 * memory or not), else version 3 with a tune memory (a form plan or not), else version 2 with a form plan, version 1
 * with none.
 */
export function samplerFor(request: { form?: unknown; memory?: unknown; onsetWeight?: unknown }): Procedure {
  if (request.onsetWeight !== undefined) return MOTIF_SAMPLER_ONSET;
  if (request.memory !== undefined) return MOTIF_SAMPLER_MEMORY;
  return request.form === undefined ? MOTIF_SAMPLER : MOTIF_SAMPLER_FORM;
}

/** The arrangement a request is composed (and replayed) with: version 2 in 3/4 or 6/8, version 1 in 4/4. */
export function arrangementFor(request: { meter?: unknown }): Procedure {
  return request.meter === undefined ? MOTIF_ARRANGEMENT : MOTIF_ARRANGEMENT_METER;
}

/** A manifest names a procedure this replay does not implement. */
export class UnknownProcedureError extends ReplayError {
  override name = 'UnknownProcedureError';
  constructor(
    readonly kind: keyof ManifestProcedures,
    readonly procedure: Procedure,
    known: readonly Procedure[],
  ) {
    super(
      `cannot replay ${kind} ${procedureLabel(procedure)}: this verifier implements ${known.map(procedureLabel).join(', ') || 'none'}`,
    );
  }
}

/** `id/version`, e.g. `motif.sfc32-categorical/1`. */
export function procedureLabel(p: Procedure): string {
  return `${p.id}/${p.version}`;
}

/** Reads a version 1 sampler string `id/version`; a string without a version is version 0 (never replayable). */
function parseLabel(label: string): Procedure {
  const m = /^(.*)\/([1-9][0-9]{0,4})$/.exec(label);
  return m && m[1] !== undefined && m[2] !== undefined
    ? { id: m[1], version: Number(m[2]) }
    : { id: label, version: 0 };
}

/** The sampler and arrangement procedures a manifest of any version names. */
export function proceduresOf(m: ManifestWithProcedures): ManifestProcedures {
  if (m.version === 1) return { sampler: parseLabel(m.generation.sampler), arrangement: MOTIF_ARRANGEMENT };
  return { sampler: m.generation.sampler, arrangement: m.generation.arrangement };
}

/** The part of a manifest of any version that names its procedures. */
export type ManifestWithProcedures =
  Pick<TrackManifestV1, 'version' | 'generation'> | Pick<TrackManifest, 'version' | 'generation'>;

/** The manifest's procedures when this replay implements them; UnknownProcedureError naming the first it does not. */
export function replayableProcedures(
  m: ManifestWithProcedures,
  known: KnownProcedures = KNOWN_PROCEDURES,
): ManifestProcedures {
  const named = proceduresOf(m);
  for (const kind of ['sampler', 'arrangement'] as const) {
    const p = named[kind];
    if (!known[kind].some((k) => k.id === p.id && k.version === p.version))
      throw new UnknownProcedureError(kind, p, known[kind]);
  }
  // the form plan, the tune memory, the onset weight and the sampler version go together: each version reads
  // exactly its inputs
  const form = 'form' in m.generation ? m.generation.form : undefined;
  const memory = 'memory' in m.generation ? m.generation.memory : undefined;
  const onsetWeight = 'onsetWeight' in m.generation ? m.generation.onsetWeight : undefined;
  const expected = samplerFor({ form, memory, onsetWeight });
  if (named.sampler.id === expected.id && named.sampler.version !== expected.version)
    throw new ReplayError(
      `sampler ${procedureLabel(named.sampler)} does not match the manifest's inputs (${onsetWeight === undefined ? 'no onset weight' : 'an onset weight'}, ${memory === undefined ? 'no tune memory' : 'a tune memory'}, ${form === undefined ? 'no form plan' : 'a form plan'}): they need ${procedureLabel(expected)}`,
    );
  // likewise the meter and the arrangement version: version 1 is 4/4 only, version 2 needs a meter
  const meter = 'meter' in m.generation ? m.generation.meter : undefined;
  const arrangement = arrangementFor({ meter });
  if (named.arrangement.id === arrangement.id && named.arrangement.version !== arrangement.version)
    throw new ReplayError(
      meter === undefined
        ? `arrangement ${procedureLabel(named.arrangement)} needs generation.meter, which this manifest lacks`
        : `arrangement ${procedureLabel(named.arrangement)} is 4/4 only, but this manifest records generation.meter ${meter}`,
    );
  return named;
}
