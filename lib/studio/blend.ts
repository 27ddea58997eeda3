/**
 * The studio's Blend / Vary rules (Magenta Studio's Interpolate and Generate over the shipped 2-bar MusicVAE): which
 * notes of the melody make a 2-bar passage, and the `latentBars` edit that writes a chosen result into the melody
 * with everything a verifier needs to re-run it (lib/generation/models/vae/check-latent-edits.ts). Pure.
 */
import { STEPS_PER_BAR, type Arrangement, type ArrangementNote } from '../generation/arrangement/types';
import type { EditOp, LatentGeneration } from '../generation/edit-log/schema';
import { LATENT_BARS } from '../generation/edit-log/apply';
import type { QuantizedNote } from '../generation/notes/melody';
import type { ShippedLatentModel } from '../generation/models/registry';
import { BaseError } from '../errors/base';

export class BlendInputError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'BlendInputError';
  }
}

const PASSAGE_STEPS = LATENT_BARS * STEPS_PER_BAR;

function checkBar(a: Arrangement, bar: number, what: string): void {
  if (a.meter !== undefined)
    throw new BlendInputError(
      `Blend and Vary work on 4/4 pieces (the MusicVAE learned two 4/4 bars); this piece is in ${a.meter}.`,
    );
  if (!Number.isInteger(bar) || bar < 0 || bar + LATENT_BARS > a.bars)
    throw new BlendInputError(`${what}: bar ${bar + 1} does not start 2 bars of this ${a.bars}-bar piece`);
}

/** The melody notes starting in bars `bar`, `bar + 1` (0-based), relative to the passage, cut at its end. */
export function melodyPassage(a: Arrangement, bar: number): QuantizedNote[] {
  checkBar(a, bar, 'passage');
  const start = bar * STEPS_PER_BAR;
  const melody = a.tracks.find((t) => t.id === 'melody')?.notes ?? [];
  return melody
    .filter((n) => n.quantizedStartStep >= start && n.quantizedStartStep < start + PASSAGE_STEPS)
    .map((n) => ({
      pitch: n.pitch,
      quantizedStartStep: n.quantizedStartStep - start,
      quantizedEndStep: Math.min(n.quantizedEndStep - start, PASSAGE_STEPS),
    }));
}

/** The velocity of the result's notes: the median velocity of the melody notes in the passage (100 if none). */
export function passageVelocity(a: Arrangement, bar: number): number {
  const start = bar * STEPS_PER_BAR;
  const v = (a.tracks.find((t) => t.id === 'melody')?.notes ?? [])
    .filter((n) => n.quantizedStartStep >= start && n.quantizedStartStep < start + PASSAGE_STEPS)
    .map((n) => n.velocity)
    .sort((x, y) => x - y);
  return v.length === 0 ? 100 : (v[Math.floor(v.length / 2)] ?? 100);
}

export type BlendRequest =
  | { operation: 'interpolate'; barA: number; barB: number; steps: number; seed: number; temperature: number }
  | { operation: 'vary'; barA: number; amount: number; count: number; seed: number; temperature: number };

/** The recorded generation of a request over the arrangement (result `index` still to choose: 0). */
export function blendGeneration(a: Arrangement, model: ShippedLatentModel, r: BlendRequest): LatentGeneration {
  const common = {
    modelId: model.id,
    weightsCid: model.weightsCid,
    seed: r.seed,
    temperature: r.temperature,
    velocity: passageVelocity(a, r.barA),
    a: melodyPassage(a, r.barA),
    index: 0,
  };
  if (r.operation === 'interpolate') {
    return { operation: 'interpolate', ...common, b: melodyPassage(a, r.barB), steps: r.steps };
  }
  return { operation: 'vary', ...common, amount: r.amount, count: r.count };
}

/** The edit writing result `index` (its notes, as the model gave them) into bars `bar`, `bar + 1`. */
export function latentBarsEdit(
  a: Arrangement,
  generation: LatentGeneration,
  index: number,
  bar: number,
  notes: (g: LatentGeneration, bar: number) => ArrangementNote[],
): EditOp {
  checkBar(a, bar, 'target');
  const g = { ...generation, index };
  return { op: 'latentBars', bar, notes: notes(g, bar), generation: g };
}
