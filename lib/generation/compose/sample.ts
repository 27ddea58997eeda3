/**
 * Seeded melody sampling with progress and cancel. The computation is exactly `generateMelody`'s
 * (lib/generation/sampling/generate.ts: same tfjs ops in the same order, same sfc32 stream, same float64 categorical
 * sampling), so both give identical events for the same inputs; this version yields to the event loop every
 * `yieldEvery` steps so a worker can report progress and honour a cancel. lib/generation/compose/compose.test.ts
 * checks the equality.
 */
import * as tf from '@tensorflow/tfjs';
import { stepControls } from '../sampling/step-controls';
import type { Meter } from '../arrangement/meter';
import { musicRnnInternals } from '../sampling/musicrnn-internals';
import { Sfc32, seedToUint32 } from '../sampling/prng';
import { sampleEventsLoop, tfjsEventStepper, type EventStepper, type StepDirective } from '../sampling/sample-events';
import { fastEventStepper } from './fast-lstm';
import type { TuneMemoryMixture } from '../sampling/tune-memory';
import { BaseError } from '../../errors/base';

/**
 * `tfjs`: the model's own tfjs ops (backend as set, normally "cpu"). `js`: fast-lstm.ts, the same float32 arithmetic
 * as tfjs' cpu kernels in plain JS (recorded as backend "cpu-js"; identical events, about 3x faster).
 */
export type SampleEngine = 'tfjs' | 'js';

export class ComposeCancelledError extends BaseError {
  constructor() {
    super('generation cancelled');
    this.name = 'ComposeCancelledError';
  }
}

export type SampleEventsParams = {
  model: unknown;
  seed: number;
  temperature: number;
  /** Melody events of the primer (at least one). */
  primerEvents: readonly number[];
  steps: number;
  chordProgression?: readonly string[];
  /** The piece's meter, bar 1 beginning at the primer's first step (meter-aware models; absent: 4/4). */
  meter?: Meter;
  /** Sampler version 2's form plan as per-step directives (form-plan.ts `formDirectives`); none: plain sampling. */
  directives?: ReadonlyArray<StepDirective | undefined>;
  /** Sampler version 3's tune memory (lib/generation/sampling/tune-memory.ts); none: the model alone. */
  memory?: TuneMemoryMixture;
  /** Sampler version 4's onset weight (sample-events.ts `onsetWeights`); none: the model's own weights. */
  onsetWeight?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Steps between yields to the event loop (default 32). */
  yieldEvery?: number;
  /** Default `js` when tfjs runs on its cpu backend (the exact equivalent), else `tfjs`. */
  engine?: SampleEngine;
};

export type SampledEvents = {
  events: number[];
  backend: string;
  minPitch: number;
  maxPitch: number;
  chordConditioned: boolean;
};

/** The tfjs version whose cpu kernels define the arithmetic (fast-lstm.ts mirrors them). */
export const TFJS_VERSION: string = tf.version.tfjs;

/** Yields to the event loop without timer clamping (browsers clamp nested setTimeout to 4 ms). */
const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof setImmediate === 'function') {
      setImmediate(resolve);
      return;
    }
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });

export async function sampleMelodyEvents(p: SampleEventsParams): Promise<SampledEvents> {
  const m = musicRnnInternals(p.model);
  const total = p.primerEvents.length + p.steps;
  const yieldEvery = p.yieldEvery ?? 32;
  const { controls, controlDepth } = stepControls(m, {
    chordProgression: p.chordProgression,
    meter: p.meter,
    totalSteps: total,
  });
  const engine = p.engine ?? (tf.getBackend() === 'cpu' ? 'js' : 'tfjs');
  const stepper: EventStepper = engine === 'js' ? fastEventStepper(p.model) : tfjsEventStepper(m);
  let events: number[];
  try {
    events = await sampleEventsLoop({
      stepper,
      primerEvents: p.primerEvents,
      steps: p.steps,
      controls,
      controlDepth,
      temperature: p.temperature,
      rng: new Sfc32(seedToUint32(p.seed)),
      ...(p.directives ? { directives: p.directives } : {}),
      ...(p.memory ? { memory: p.memory } : {}),
      ...(p.onsetWeight !== undefined ? { onsetWeight: p.onsetWeight } : {}),
      beforeStep: async (i, sampled) => {
        if (i % yieldEvery === yieldEvery - 1) {
          p.onProgress?.(sampled, p.steps);
          await nextTask();
        }
        if (p.signal?.aborted) throw new ComposeCancelledError();
      },
    });
  } finally {
    stepper.dispose();
  }
  p.onProgress?.(events.length, p.steps);
  return {
    events,
    backend: engine === 'js' ? 'cpu-js' : tf.getBackend(),
    minPitch: m.minPitch,
    maxPitch: m.maxPitch,
    chordConditioned: m.chordEncoder !== undefined,
  };
}
