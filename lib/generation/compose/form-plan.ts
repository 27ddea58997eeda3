/**
 * Melodic form (issue #18): a plan of phrase units (e.g. A A' B A over 4-bar units) whose restated sections are
 * copied from the material generated earlier, the model continuing from the copy, and a cadence rule that makes the
 * piece's last note the key's tonic by masking the model's distribution at one step. A request that carries a plan is
 * replayed by sampler `motif.sfc32-categorical` version 2 (docs/provenance/SPEC.md, 7.12); one without is version 1,
 * unchanged. `planForm` is the studio's seeded choice of a plan; the plan itself is recorded in the request, so a
 * replay reads it and never re-derives it. Pure.
 */
import { z } from 'zod';
import { keyPitchClass, mod12, type KeyName } from '../arrangement/theory';
import { Sfc32, seedToUint32 } from '../sampling/prng';
import type { StepDirective } from '../sampling/sample-events';
import { meterSpec, type Meter } from '../arrangement/meter';

/** A section label: a capital letter, primed (`A'`) for a varied restatement. */
const sectionLabelSchema = z.string().regex(/^[A-Z]'?$/, "must be a capital letter, optionally primed (A')");

export const formPlanSchema = z
  .object({
    /** Bars per section. */
    unitBars: z.number().int().min(1).max(16),
    /** One label per section, from bar 0 on; bars after the last section are new material. */
    sections: z.array(sectionLabelSchema).max(128),
    /** `tonic`: the last note of the piece is the key's tonic, chosen by the model among the tonic's octaves. */
    cadence: z.enum(['tonic', 'none']),
  })
  .strict();
export type FormPlan = z.infer<typeof formPlanSchema>;

/** Why a plan does not fit a piece of `bars` bars, or null when it does. */
export function formPlanProblem(plan: FormPlan, bars: number): string | null {
  if (plan.sections.length * plan.unitBars > bars)
    return `the form's ${plan.sections.length} sections of ${plan.unitBars} bars are longer than the piece (${bars} bars)`;
  const seen = new Set<string>();
  for (const label of plan.sections) {
    const letter = label.charAt(0);
    if (!seen.has(letter) && label.length > 1) return `section ${label} varies a section ${letter} that comes later`;
    seen.add(letter);
  }
  return null;
}

/** The step at which the tonic cadence falls: beat 3 of the last bar in 4/4, its downbeat in 3/4 and 6/8. */
export function cadenceStep(bars: number, meter?: Meter): number {
  const m = meterSpec(meter);
  return m.stepsPerBar * (bars - 1) + m.cadenceOffset;
}

/**
 * What each generated step does under `plan` (SPEC.md 7.12), for steps `primerSteps .. bars*S - 1` (index 0 is step
 * `primerSteps`; S the meter's bar length, 16 in 4/4, 12 in 3/4 and 6/8); `undefined` is plain sampling. A restated section (the letter of an earlier section) copies the
 * events of the first section with that letter, all of its bars unprimed, all but the last bar primed (the model
 * writes a new ending); the
 * tonic cadence samples the note-on events of the tonic's pitches (within the model's range) at `cadenceStep(bars)`
 * and holds after it, overriding copies. Steps inside the primer are never changed.
 */
export function formDirectives(
  plan: FormPlan,
  p: { bars: number; primerSteps: number; key: KeyName; minPitch: number; maxPitch: number; meter?: Meter },
): Array<StepDirective | undefined> {
  const bar = meterSpec(p.meter).stepsPerBar;
  const total = p.bars * bar;
  const out: Array<StepDirective | undefined> = new Array<StepDirective | undefined>(
    Math.max(0, total - p.primerSteps),
  ).fill(undefined);
  const set = (step: number, d: StepDirective) => {
    if (step >= p.primerSteps && step < total) out[step - p.primerSteps] = d;
  };
  const unitSteps = plan.unitBars * bar;
  const firstOf = new Map<string, number>();
  plan.sections.forEach((label, u) => {
    const letter = label.charAt(0);
    const source = firstOf.get(letter);
    if (source === undefined) {
      firstOf.set(letter, u);
      return;
    }
    const copiedSteps = (label.length > 1 ? plan.unitBars - 1 : plan.unitBars) * bar;
    const start = u * unitSteps;
    const shift = (u - source) * unitSteps;
    const runStart = Math.max(start, p.primerSteps);
    for (let t = start; t < start + copiedSteps; t++)
      set(t, { kind: 'copy', from: t - shift, runStart: t === runStart });
  });
  const c = cadenceStep(p.bars, p.meter);
  if (plan.cadence === 'tonic' && c >= p.primerSteps) {
    const tonic = keyPitchClass(p.key);
    const allowed: number[] = [];
    for (let pitch = p.minPitch; pitch <= p.maxPitch; pitch++)
      if (mod12(pitch) === tonic) allowed.push(2 + pitch - p.minPitch);
    set(c, { kind: 'mask', allowed });
    for (let t = c + 1; t < total; t++) set(t, { kind: 'hold' });
  }
  return out;
}

/** Section templates by number of sections (informative: the studio's choice, SPEC.md 7.12). */
const TEMPLATES: Readonly<Record<number, readonly (readonly string[])[]>> = {
  1: [['A']],
  2: [
    ['A', "A'"],
    ['A', 'A'],
  ],
  3: [
    ['A', "A'", 'B'],
    ['A', 'B', 'A'],
  ],
  4: [
    ['A', 'A', 'B', 'A'],
    ['A', "A'", 'B', 'A'],
    ['A', 'B', 'A', "B'"],
  ],
};

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The studio's form for a piece: 4-bar sections from 8 bars on, 2-bar sections from 4 bars, none below; a template
 * for the number of whole sections chosen with sfc32 seeded `(seed XOR 0xf04e) mod 2^32` (`next() mod count`, the number of templates; more
 * than 4 sections repeat the 4-section template); then a restatement whose bars carry other chords than its source's
 * becomes new material (the next unused letter), so copies always sit on the chords they were made over. The tonic
 * cadence always.
 */
export function planForm(seed: number, bars: number, chordsPerBar: readonly string[]): FormPlan {
  const unitBars = bars >= 8 ? 4 : bars >= 4 ? 2 : 0;
  if (unitBars === 0) return { unitBars: 1, sections: [], cadence: 'tonic' };
  const count = Math.floor(bars / unitBars);
  const choices = TEMPLATES[Math.min(count, 4)] ?? [['A']];
  const rng = new Sfc32(seedToUint32((seed ^ 0xf04e) >>> 0));
  const template = choices[rng.nextUint32() % choices.length] ?? ['A'];
  const sections = Array.from({ length: count }, (_, u) => template[u % template.length] ?? 'A');
  const chordsOf = (u: number) => chordsPerBar.slice(u * unitBars, (u + 1) * unitBars).join(' ');
  const firstOf = new Map<string, number>();
  let next = new Set(sections.map((s) => s.charAt(0))).size;
  const out = sections.map((label, u) => {
    const letter = label.charAt(0);
    const source = firstOf.get(letter);
    if (source === undefined) {
      firstOf.set(letter, u);
      return label;
    }
    if (chordsOf(source) === chordsOf(u)) return label;
    const fresh = LETTERS.charAt(next++ % LETTERS.length);
    firstOf.set(fresh, u);
    return fresh;
  });
  return { unitBars, sections: out, cadence: 'tonic' };
}
