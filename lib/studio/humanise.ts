/**
 * Humanise (velocity): a seeded, replayable variation of a track's note velocities, written into the edit log as
 * `updateNote` operations, so the manifest records exactly what changed and every verifier replays it.
 *
 * The rule (version 1): the track's notes in canonical order (start, pitch, end, velocity), one draw each from
 * Sfc32(seed) (lib/generation/sampling/prng.ts, `nextFloat`), in that order; the new velocity is
 * `clamp(velocity + round((2u - 1) * amount * MAX_SPREAD) + accent, 1, 127)` where `accent` is
 * `round(amount * ACCENT)` on a beat (start step a multiple of 4) and 0 off it. Unchanged notes give no operation.
 * The same arrangement, seed and amount always give the same operations.
 *
 * Timing is not varied: notes sit on the sixteenth grid (integer steps) in the arrangement, the edit log and the
 * manifest, so a timing offset smaller than a step has no place to be recorded yet.
 */
import { z } from 'zod';
import { trackIdSchema, type Arrangement, type ArrangementNote } from '../generation/arrangement/types';
import type { EditOp } from '../generation/edit-log/schema';
import { Sfc32 } from '../generation/sampling/prng';

export const HUMANISE_MAX_SPREAD = 24;
export const HUMANISE_ACCENT = 8;

export const humaniseSchema = z
  .object({
    track: trackIdSchema,
    seed: z.number().int().min(0).max(0xffffffff),
    /** 0 (no change) .. 1 (velocities vary by up to ±24, beats up to 8 louder). */
    amount: z.number().min(0).max(1),
  })
  .strict();
export type Humanise = z.infer<typeof humaniseSchema>;

const byCanonicalOrder = (a: ArrangementNote, b: ArrangementNote) =>
  a.quantizedStartStep - b.quantizedStartStep ||
  a.pitch - b.pitch ||
  a.quantizedEndStep - b.quantizedEndStep ||
  a.velocity - b.velocity;

/** The edit operations that humanise `h.track` of `a` (pure; see the rule above). */
export function humaniseOps(a: Arrangement, input: Humanise): EditOp[] {
  const h = humaniseSchema.parse(input);
  const notes = [...(a.tracks.find((t) => t.id === h.track)?.notes ?? [])].sort(byCanonicalOrder);
  const rng = new Sfc32(h.seed);
  const ops: EditOp[] = [];
  for (const n of notes) {
    const u = rng.nextFloat();
    const accent = n.quantizedStartStep % 4 === 0 ? Math.round(h.amount * HUMANISE_ACCENT) : 0;
    const velocity = Math.min(
      127,
      Math.max(1, n.velocity + Math.round((2 * u - 1) * h.amount * HUMANISE_MAX_SPREAD) + accent),
    );
    if (velocity !== n.velocity) ops.push({ op: 'updateNote', track: h.track, from: n, to: { ...n, velocity } });
  }
  return ops;
}
