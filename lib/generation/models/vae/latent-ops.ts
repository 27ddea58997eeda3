/**
 * Magenta Studio's Interpolate and Generate over Motif's 2-bar MusicVAE, as pure functions of the weights, the
 * passages and a seed (sfc32, lib/generation/sampling/prng.ts), so Node and Chromium give the same notes and a
 * verifier re-runs a recorded `latentBars` edit (lib/generation/edit-log/schema.ts) exactly.
 *
 * - A passage is 2 bars of melody notes relative to its first step; it is encoded with Magenta's melody events
 *   (pitches outside the model's range are moved by octaves into it) to its posterior mean.
 * - interpolate(a, b, steps): z_i = slerp(mu_a, mu_b, i / (steps - 1)), i = 0..steps-1, each decoded in turn.
 * - vary(a, amount, count): z_i = mu_a + amount * n_i with n_i standard normal (Box-Muller over the same sfc32).
 * - One sfc32 stream, seeded once, serves the noise and then the decoding of each result in order.
 */
import { Sfc32 } from '../../sampling/prng';
import { melodyEventsFromNotes, notesFromMelodyEvents, type QuantizedNote } from '../../notes/melody';
import { STEPS_PER_BAR, type ArrangementNote } from '../../arrangement/types';
import type { LatentGeneration } from '../../edit-log/schema';
import { decodeEvents, encodeEvents } from './vae';
import type { VaeWeights } from './weights';

export type PassageNote = QuantizedNote;

/** The passage's notes clipped to its window, pitches moved by octaves into the model's range. */
export function passageEvents(w: VaeWeights, notes: readonly PassageNote[]): Int32Array {
  const { minPitch, maxPitch, numSteps } = w.config.dataConverter.args;
  const fitted = notes
    .filter((n) => n.quantizedStartStep < numSteps && n.quantizedEndStep > n.quantizedStartStep)
    .map((n) => {
      let pitch = n.pitch;
      while (pitch < minPitch) pitch += 12;
      while (pitch > maxPitch) pitch -= 12;
      return { ...n, pitch, quantizedEndStep: Math.min(n.quantizedEndStep, numSteps) };
    });
  return melodyEventsFromNotes(fitted, numSteps, { minPitch, maxPitch });
}

/** The posterior mean of a passage. */
export function encodePassage(w: VaeWeights, notes: readonly PassageNote[]): Float64Array {
  return encodeEvents(w, passageEvents(w, notes));
}

/** Decodes z to passage notes. */
export function decodePassage(w: VaeWeights, z: ArrayLike<number>, temperature: number, rng: Sfc32): PassageNote[] {
  const { minPitch, maxPitch } = w.config.dataConverter.args;
  return notesFromMelodyEvents(decodeEvents(w, z, temperature, rng), { minPitch, maxPitch });
}

/** Spherical interpolation (linear when the two are (anti)parallel or zero), as Magenta's MusicVAE.interpolate. */
export function slerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float64Array {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  const cos = na > 0 && nb > 0 ? Math.min(1, Math.max(-1, dot / Math.sqrt(na * nb))) : 1;
  const omega = Math.acos(cos);
  const so = Math.sin(omega);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    out[i] = so < 1e-9 ? (1 - t) * x + t * y : (Math.sin((1 - t) * omega) / so) * x + (Math.sin(t * omega) / so) * y;
  }
  return out;
}

/** A standard normal draw (Box-Muller, the cosine branch; two uniforms per draw). */
function normal(rng: Sfc32): number {
  const u1 = 1 - rng.nextFloat(); // (0, 1]
  const u2 = rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

export type LatentOptions = { seed: number; temperature: number };

/** `steps` passages blending a into b (the first decodes a's mean, the last b's). */
export function interpolate(
  w: VaeWeights,
  a: readonly PassageNote[],
  b: readonly PassageNote[],
  steps: number,
  opts: LatentOptions,
): PassageNote[][] {
  const za = encodePassage(w, a);
  const zb = encodePassage(w, b);
  const rng = new Sfc32(opts.seed);
  return Array.from({ length: steps }, (_, i) =>
    decodePassage(w, slerp(za, zb, steps === 1 ? 0 : i / (steps - 1)), opts.temperature, rng),
  );
}

/** `count` variations of a: its mean plus `amount` times standard normal noise, drawn first, in order. */
export function vary(
  w: VaeWeights,
  a: readonly PassageNote[],
  amount: number,
  count: number,
  opts: LatentOptions,
): PassageNote[][] {
  const za = encodePassage(w, a);
  const rng = new Sfc32(opts.seed);
  const zs = Array.from({ length: count }, () => za.map((v) => v + amount * normal(rng)));
  return zs.map((z) => decodePassage(w, z, opts.temperature, rng));
}

/** Every result of a recorded operation, in order. */
export function runLatentGeneration(w: VaeWeights, g: LatentGeneration): PassageNote[][] {
  const opts = { seed: g.seed, temperature: g.temperature };
  return g.operation === 'interpolate'
    ? interpolate(w, g.a, g.b, g.steps, opts)
    : vary(w, g.a, g.amount, g.count, opts);
}

/** The arrangement notes a `latentBars` op at `bar` inserts for result `g.index`. */
export function latentBarsNotes(w: VaeWeights, g: LatentGeneration, bar: number): ArrangementNote[] {
  const passage = runLatentGeneration(w, g)[g.index] ?? [];
  const offset = bar * STEPS_PER_BAR;
  return passage.map((n) => ({
    pitch: n.pitch,
    quantizedStartStep: n.quantizedStartStep + offset,
    quantizedEndStep: n.quantizedEndStep + offset,
    velocity: g.velocity,
  }));
}
