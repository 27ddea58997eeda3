/**
 * The controls a MusicRNN reads at every step, before the one-hot event: the chord encoding (chord-conditioned
 * models) and then the meter encoding (meter-aware models, lib/generation/notes/meter-encoding.ts). One home for
 * that layout, shared by the samplers (compose, generateMelody) so the studio, replay and the trainer agree.
 */
import type { Meter } from '../arrangement/meter';
import { studioMeterSteps, writeMeterEncoding, type MeterStep } from '../notes/meter-encoding';
import * as tf from '@tensorflow/tfjs';
import type { ChordEncoderLike, MusicRnnInternals } from './musicrnn-internals';

/**
 * Same mapping as Magenta's `ChordEncoder.encodeProgression` (chord k of n covers steps with floor(step * n / total)
 * = k), but each symbol is encoded on its own and read as float32: Magenta's version stacks the encodings, which
 * throws when a progression mixes 'N.C.' (int32 one-hot) with chords (float32) in @magenta/music 1.23.1.
 */
export function encodeProgression(
  encoder: ChordEncoderLike,
  chords: readonly string[],
  totalSteps: number,
): Float32Array {
  const depth = encoder.depth;
  const cache = new Map<string, Float32Array>();
  const encoded = chords.map((symbol) => {
    let v = cache.get(symbol);
    if (!v) {
      v = Float32Array.from(tf.tidy(() => encoder.encode(symbol).toFloat()).dataSync());
      cache.set(symbol, v);
    }
    return v;
  });
  const out = new Float32Array(totalSteps * depth);
  for (let step = 0; step < totalSteps; step++) {
    const v = encoded[Math.floor((step * encoded.length) / totalSteps)];
    if (v) out.set(v, step * depth);
  }
  return out;
}

export type StepControls = { controls: Float32Array | undefined; controlDepth: number };

/**
 * Controls for `totalSteps` steps (primer included): chords spread as Magenta spreads them, and the meter of a studio
 * piece whose bar 1 begins at step 0 (`meter` absent: 4/4), or each step's own (`meterSteps`: a corpus piece that
 * begins with a pickup). A model with neither chords nor meter gets no controls.
 */
export function stepControls(
  m: MusicRnnInternals,
  p: {
    chordProgression?: readonly string[] | undefined;
    meter?: Meter | undefined;
    meterSteps?: readonly MeterStep[] | undefined;
    totalSteps: number;
  },
): StepControls {
  const chordDepth = m.chordEncoder?.depth ?? 0;
  const chords =
    m.chordEncoder && p.chordProgression
      ? encodeProgression(m.chordEncoder, p.chordProgression, p.totalSteps)
      : undefined;
  if (!m.meterAware) return { controls: chords, controlDepth: chordDepth };
  const D = m.controlDepth;
  const controls = new Float32Array(p.totalSteps * D);
  const meterSteps = p.meterSteps ?? studioMeterSteps(p.meter, p.totalSteps);
  for (let t = 0; t < p.totalSteps; t++) {
    if (chords) controls.set(chords.subarray(t * chordDepth, (t + 1) * chordDepth), t * D);
    writeMeterEncoding(meterSteps[t] ?? null, controls, t * D + chordDepth);
  }
  return { controls, controlDepth: D };
}
