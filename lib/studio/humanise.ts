/**
 * Humanise: a seeded, replayable variation of a track's note velocities and timing, written into the edit log as
 * `updateNote` operations, so the manifest records exactly what changed and every verifier replays it (the log holds
 * the resulting notes; a verifier never re-runs this rule). docs/provenance/SPEC.md section 9.1 states it for
 * implementers outside TypeScript.
 *
 * The rule, version 2 (version 1 is its first pass alone, on the quarter-note grid; with `timing` 0 the two give the
 * same operations in 4/4 and 3/4, whose beats are that grid):
 * the track's notes in canonical order (start, pitch, end, velocity), draws from Sfc32(seed)
 * (lib/generation/sampling/prng.ts, `nextFloat`).
 * 1. Velocity: one draw `u` per note, in that order; the new velocity is
 *    `clamp(velocity + round((2u - 1) * amount * MAX_SPREAD) + accent, 1, 127)` where `accent` is
 *    `round(amount * ACCENT)` on a beat and 0 off it. A beat is a beat of the piece's meter
 *    (lib/generation/arrangement/meter.ts: start mod B in the meter's beats, B the bar length: 4/4 and 3/4 every 4
 *    steps, 6/8 every 6); version 1 takes every start step that is a multiple of 4.
 * 2. Timing (only when `timing` > 0): then one more draw `w` per note, in the same order; the note's `offsetTicks`
 *    (120 per step, the whole note moves) becomes `max(lo, min(hi, round((2w - 1) * timing * weight * 48))) ` with
 *    `weight` 0.5 on a beat and 1 off it (beats stay steadier than the notes between them), `hi` 48, `lo` -48, or 0
 *    on the bar's first step (start mod B = 0) (a downbeat may lay back, never rush into the bar before), and `lo` raised to the
 *    sounding end of any earlier note of the same pitch that ends on the grid by this note's start (so a repeated
 *    note never starts before the previous one stops). The offset replaces any earlier one; 0 is written as no
 *    `offsetTicks`. With `timing` 0 offsets are left as they are.
 * A note whose velocity and offset are unchanged gives no operation. The same arrangement, seed, amount and timing
 * always give the same operations.
 */
import { z } from 'zod';
import {
  MAX_OFFSET_TICKS,
  OFFSET_TICKS_PER_STEP,
  trackIdSchema,
  type Arrangement,
  type ArrangementNote,
} from '../generation/arrangement/types';
import type { EditOp } from '../generation/edit-log/schema';
import { Sfc32 } from '../generation/sampling/prng';
import { meterSpec, type MeterSpec } from '../generation/arrangement/meter';

export const HUMANISE_MAX_SPREAD = 24;
export const HUMANISE_ACCENT = 8;
/** The rule version new edits use (see above). */
const HUMANISE_RULE_VERSION = 2;

export const humaniseSchema = z
  .object({
    track: trackIdSchema,
    seed: z.number().int().min(0).max(0xffffffff),
    /** 0 (no change) .. 1 (velocities vary by up to ±24, beats up to 8 louder). */
    amount: z.number().min(0).max(1),
    /** 0 (timing untouched) .. 1 (notes move by up to ±48 of 120 ticks per step, beats by half that). Version 2. */
    timing: z.number().min(0).max(1).default(0),
    version: z.union([z.literal(1), z.literal(2)]).default(HUMANISE_RULE_VERSION),
  })
  .strict()
  .refine((h) => h.version === 2 || h.timing === 0, { message: 'humanise version 1 does not vary timing' });
export type Humanise = z.input<typeof humaniseSchema>;

const byCanonicalOrder = (a: ArrangementNote, b: ArrangementNote) =>
  a.quantizedStartStep - b.quantizedStartStep ||
  a.pitch - b.pitch ||
  a.quantizedEndStep - b.quantizedEndStep ||
  a.velocity - b.velocity;

const withOffset = (n: ArrangementNote, offsetTicks: number): ArrangementNote => {
  const { offsetTicks: _old, ...grid } = n;
  return offsetTicks === 0 ? grid : { ...grid, offsetTicks };
};

/** Whether a start step falls on a beat of the meter. */
const onBeat = (meter: MeterSpec, step: number): boolean => meter.beats.includes(step % meter.stepsPerBar);

/** Pass 2: the new offset of each note (same order as `notes`), consuming one draw per note. */
function timingOffsets(notes: readonly ArrangementNote[], rng: Sfc32, timing: number, meter: MeterSpec): number[] {
  const out: number[] = [];
  notes.forEach((n, i) => {
    const w = rng.nextFloat();
    const s = n.quantizedStartStep;
    const weight = onBeat(meter, s) ? 0.5 : 1;
    let lo = s % meter.stepsPerBar === 0 ? 0 : -MAX_OFFSET_TICKS;
    for (let j = 0; j < i; j++) {
      const p = notes[j];
      if (p && p.pitch === n.pitch && p.quantizedEndStep <= s)
        lo = Math.max(lo, (p.quantizedEndStep - s) * OFFSET_TICKS_PER_STEP + (out[j] ?? 0));
    }
    const raw = Math.round((2 * w - 1) * timing * weight * MAX_OFFSET_TICKS);
    // `+ 0` turns a -0 into 0
    out.push(Math.max(lo, Math.min(MAX_OFFSET_TICKS, raw)) + 0);
  });
  return out;
}

/** The edit operations that humanise `h.track` of `a` (pure; see the rule above). */
export function humaniseOps(a: Arrangement, input: Humanise): EditOp[] {
  const h = humaniseSchema.parse(input);
  const notes = [...(a.tracks.find((t) => t.id === h.track)?.notes ?? [])].sort(byCanonicalOrder);
  const rng = new Sfc32(h.seed);
  const meter = meterSpec(a.meter);
  const accented = (step: number) => (h.version === 1 ? step % 4 === 0 : onBeat(meter, step));
  const velocities = notes.map((n) => {
    const u = rng.nextFloat();
    const accent = accented(n.quantizedStartStep) ? Math.round(h.amount * HUMANISE_ACCENT) : 0;
    return Math.min(127, Math.max(1, n.velocity + Math.round((2 * u - 1) * h.amount * HUMANISE_MAX_SPREAD) + accent));
  });
  const offsets = h.timing > 0 ? timingOffsets(notes, rng, h.timing, meter) : notes.map((n) => n.offsetTicks ?? 0);
  const ops: EditOp[] = [];
  notes.forEach((n, i) => {
    const velocity = velocities[i] ?? n.velocity;
    const offset = offsets[i] ?? 0;
    if (velocity !== n.velocity || offset !== (n.offsetTicks ?? 0))
      ops.push({ op: 'updateNote', track: h.track, from: n, to: withOffset({ ...n, velocity }, offset) });
  });
  return ops;
}
