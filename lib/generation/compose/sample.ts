/**
 * Seeded melody sampling with progress and cancel. The computation is exactly `generateMelody`'s
 * (lib/generation/sampling/generate.ts: same tfjs ops in the same order, same sfc32 stream, same float64 categorical
 * sampling), so both give identical events for the same inputs; this version yields to the event loop every
 * `yieldEvery` steps so a worker can report progress and honour a cancel. lib/generation/compose/compose.node.test.ts
 * checks the equality.
 */
import * as tf from '@tensorflow/tfjs';
import { lstmStackStep, musicRnnInternals } from '../sampling/musicrnn-internals';
import { Sfc32, sampleCategorical, seedToUint32 } from '../sampling/prng';
import { fastMusicRnn, logits as fastLogits, step as fastStep, zeroState } from './fast-lstm';

/**
 * `tfjs`: the model's own tfjs ops (backend as set, normally "cpu"). `js`: fast-lstm.ts, the same float32 arithmetic
 * as tfjs' cpu kernels in plain JS (recorded as backend "cpu-js"; identical events, about 3x faster).
 */
export type SampleEngine = 'tfjs' | 'js';

export class ComposeCancelledError extends Error {
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
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Steps between yields to the event loop (default 32). */
  yieldEvery?: number;
  /** Default `js` when tfjs runs on its cpu backend (the exact equivalent), else `tfjs`. */
  engine?: SampleEngine;
};

export type SampledEvents = { events: number[]; backend: string; minPitch: number; maxPitch: number; chordConditioned: boolean };

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
  const rng = new Sfc32(seedToUint32(p.seed));
  const length = p.primerEvents.length;
  const total = length + p.steps;
  const yieldEvery = p.yieldEvery ?? 32;
  const controls: Float32Array | undefined = m.chordEncoder && p.chordProgression
    ? (tf.tidy(() => (m.chordEncoder as NonNullable<typeof m.chordEncoder>).encodeProgression([...(p.chordProgression ?? [])], total).toFloat()).dataSync() as Float32Array)
    : undefined;
  const controlDepth = m.chordEncoder?.depth ?? 0;
  const engine = p.engine ?? (tf.getBackend() === 'cpu' ? 'js' : 'tfjs');
  if (engine === 'js') {
    const fast = fastMusicRnn(p.model);
    const state = zeroState(fast);
    const input = new Float32Array(fast.inputSize);
    const out = new Float32Array(fast.vocab);
    const generated: number[] = [];
    let current = p.primerEvents[0] ?? 0;
    for (let i = 0; i < total - 1; i++) {
      if (i % yieldEvery === yieldEvery - 1) {
        p.onProgress?.(generated.length, p.steps);
        await nextTask();
      }
      if (p.signal?.aborted) throw new ComposeCancelledError();
      input.fill(0);
      if (controls) input.set(controls.subarray((i + 1) * controlDepth, (i + 2) * controlDepth), 0);
      input[controlDepth + current] = 1;
      fastStep(fast, state, input);
      if (i >= length - 1) {
        current = sampleCategorical(fastLogits(fast, state, out), p.temperature, rng);
        generated.push(current);
      } else {
        current = p.primerEvents[i + 1] ?? 0;
      }
    }
    p.onProgress?.(generated.length, p.steps);
    return { events: generated, backend: 'cpu-js', minPitch: m.minPitch, maxPitch: m.maxPitch, chordConditioned: m.chordEncoder !== undefined };
  }
  let c: tf.Tensor2D[] = m.hiddenSizes.map((h) => tf.zeros([1, h]) as tf.Tensor2D);
  let h: tf.Tensor2D[] = m.hiddenSizes.map((hs) => tf.zeros([1, hs]) as tf.Tensor2D);
  const generated: number[] = [];
  let current = p.primerEvents[0] ?? 0;
  try {
    for (let i = 0; i < total - 1; i++) {
      if (i % yieldEvery === yieldEvery - 1) {
        p.onProgress?.(generated.length, p.steps);
        await nextTask();
      }
      if (p.signal?.aborted) throw new ComposeCancelledError();
      const input = new Float32Array(controlDepth + m.vocabulary);
      if (controls) input.set(controls.subarray((i + 1) * controlDepth, (i + 2) * controlDepth), 0);
      input[controlDepth + current] = 1;
      const [nc, nh, logits] = tf.tidy(() => {
        const s = lstmStackStep(m.lstmCells, tf.tensor2d(input, [1, input.length]), c, h);
        const out = i >= length - 1 ? s.top.matMul(m.fcWeights).add(m.fcBiases).as1D() : tf.zeros([1]);
        return [s.c, s.h, out] as const;
      });
      for (const t of [...c, ...h]) t.dispose();
      c = [...nc];
      h = [...nh];
      const values = logits.dataSync();
      logits.dispose();
      if (i >= length - 1) {
        current = sampleCategorical(values, p.temperature, rng);
        generated.push(current);
      } else {
        current = p.primerEvents[i + 1] ?? 0;
      }
    }
  } finally {
    for (const t of [...c, ...h]) t.dispose();
  }
  p.onProgress?.(generated.length, p.steps);
  return { events: generated, backend: tf.getBackend(), minPitch: m.minPitch, maxPitch: m.maxPitch, chordConditioned: m.chordEncoder !== undefined };
}
