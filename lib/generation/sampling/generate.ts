/**
 * Seeded, replayable melody generation with a loaded Magenta `MusicRNN` (melody or chord-conditioned).
 *
 * Same computation as `MusicRNN.continueSequence` (model.js `sampleRnn`): the primer's events are fed from a zero state,
 * step i's input is concat(chord encoding of step i + 1, one-hot(event i)) for chord models; the logits of the last
 * layer's output through `fully_connected` choose the next event. Only the sampling differs: logits are read with
 * `dataSync()` and sampled in float64 with our sfc32 PRNG (prng.ts) instead of `tf.multinomial`. tfjs' `cpu` backend
 * runs the same JavaScript kernels in Node and in Chromium, so identical seeds give identical notes there;
 * the backend name is recorded in the result because another backend (webgl) may round logits differently.
 */
import * as tf from '@tensorflow/tfjs';
import { melodyEventsFromNotes, notesFromMelodyEvents, type QuantizedNote } from '../notes/melody';
import { musicRnnInternals } from './musicrnn-internals';
import { stepControls } from './step-controls';
import type { Meter } from '../arrangement/meter';
import type { MeterStep } from '../notes/meter-encoding';
import { sampleEventsLoop, tfjsEventStepper } from './sample-events';
import { Sfc32, seedToUint32, type Seed } from './prng';
import { BaseError } from '../../errors/base';

/** The subset of Magenta's INoteSequence a primer needs (a quantized, monophonic sequence). */
export type PrimerSequence = {
  notes?: Array<{ pitch?: number | null; quantizedStartStep?: number | null; quantizedEndStep?: number | null }> | null;
  totalQuantizedSteps?: number | null;
  quantizationInfo?: { stepsPerQuarter?: number | null } | null;
};

/** A quantized NoteSequence (plain object, assignable to Magenta's INoteSequence). */
export type GeneratedSequence = {
  notes: Array<QuantizedNote & { velocity: number }>;
  totalQuantizedSteps: number;
  quantizationInfo: { stepsPerQuarter: number };
};

export type GenerateMelodyParams = {
  /** An initialised `MusicRNN` (`await model.initialize()`), from @magenta/music 1.23.1. */
  model: unknown;
  seed: Seed;
  /** > 0 samples from softmax(logits / temperature); 0 takes the most likely event. */
  temperature: number;
  /** Steps to generate after the primer (sixteenths at 4 steps per quarter). */
  steps: number;
  primer: PrimerSequence;
  /** Chord symbols for chord-conditioned models, spread evenly over primer + generated steps (as Magenta does). */
  chordProgression?: string[];
  /** The piece's meter, bar 1 beginning at the primer's first step (meter-aware models; absent: 4/4). */
  meter?: Meter;
  /** Instead of `meter`, each step's meter and bar position, primer included (a corpus piece that has a pickup). */
  meterSteps?: readonly MeterStep[];
  /** Velocity written on generated notes (default 100). */
  velocity?: number;
};

export type GenerateMelodyResult = {
  /** The continuation only (like Magenta's continueSequence): steps 0..steps-1 after the primer. */
  sequence: GeneratedSequence;
  /** The sampled melody events (Magenta's MelodyConverter encoding), one per generated step. */
  events: number[];
  seed: number;
  temperature: number;
  /** tfjs backend that computed the logits, e.g. "cpu". */
  backend: string;
};

export class GenerationError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'GenerationError';
  }
}

function primerNotes(primer: PrimerSequence): { notes: QuantizedNote[]; totalSteps: number; stepsPerQuarter: number } {
  const spq = primer.quantizationInfo?.stepsPerQuarter;
  if (typeof spq !== 'number' || spq <= 0)
    throw new GenerationError('primer must be a quantized NoteSequence (quantizationInfo.stepsPerQuarter)');
  const notes: QuantizedNote[] = [];
  for (const n of primer.notes ?? []) {
    if (
      typeof n.pitch !== 'number' ||
      typeof n.quantizedStartStep !== 'number' ||
      typeof n.quantizedEndStep !== 'number'
    ) {
      throw new GenerationError('primer notes must have pitch, quantizedStartStep and quantizedEndStep');
    }
    notes.push({ pitch: n.pitch, quantizedStartStep: n.quantizedStartStep, quantizedEndStep: n.quantizedEndStep });
  }
  const totalSteps = typeof primer.totalQuantizedSteps === 'number' ? primer.totalQuantizedSteps : 0;
  return { notes, totalSteps, stepsPerQuarter: spq };
}

/** Continues `primer` by `steps` sixteenths with the model's own weights, sampling with a seeded PRNG. */
export async function generateMelody(params: GenerateMelodyParams): Promise<GenerateMelodyResult> {
  const { steps, temperature } = params;
  if (!Number.isInteger(steps) || steps < 1)
    throw new GenerationError(`steps must be a positive integer, got ${steps}`);
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new GenerationError(`bad temperature ${temperature}`);
  const m = musicRnnInternals(params.model);
  if (m.chordEncoder && !params.chordProgression?.length)
    throw new GenerationError('this model needs a chord progression');
  if (!m.chordEncoder && params.chordProgression) throw new GenerationError('this model takes no chord progression');
  const range = { minPitch: m.minPitch, maxPitch: m.maxPitch };
  const { notes, totalSteps, stepsPerQuarter } = primerNotes(params.primer);
  const primerEvents = Array.from(melodyEventsFromNotes(notes, totalSteps, range));
  if (primerEvents.length === 0)
    throw new GenerationError('primer must have at least one step (totalQuantizedSteps >= 1)');
  const seed = seedToUint32(params.seed);
  const rng = new Sfc32(seed);
  const length = primerEvents.length;
  const total = length + steps;

  const { controls, controlDepth } = stepControls(m, {
    chordProgression: params.chordProgression,
    meter: params.meter,
    meterSteps: params.meterSteps,
    totalSteps: total,
  });

  const stepper = tfjsEventStepper(m);
  let generated: number[];
  try {
    generated = await sampleEventsLoop({ stepper, primerEvents, steps, controls, controlDepth, temperature, rng });
  } finally {
    stepper.dispose();
  }
  const velocity = params.velocity ?? 100;
  return {
    sequence: {
      notes: notesFromMelodyEvents(generated, range).map((n) => ({ ...n, velocity })),
      totalQuantizedSteps: steps,
      quantizationInfo: { stepsPerQuarter },
    },
    events: generated,
    seed,
    temperature,
    backend: tf.getBackend(),
  };
}
