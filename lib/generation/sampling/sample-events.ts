import * as tf from '@tensorflow/tfjs';
import { lstmStackStep, type MusicRnnInternals } from './musicrnn-internals';
import { sampleCategorical, sampleCategoricalMasked, type Sfc32 } from './prng';
import { MELODY_NOTE_OFF } from '../notes/melody';
import { mixtureDistribution, PieceMemory, sampleFromDistribution, type TuneMemoryMixture } from './tune-memory';

/**
 * One model step: takes the input vector (the step controls, step-controls.ts, then the one-hot event) and returns the output logits when
 * asked (only steps that sample need them). Implementations: Magenta's own tfjs cells (`tfjsEventStepper`) and the
 * studio's plain-JS mirror of tfjs-cpu arithmetic (lib/generation/compose/fast-lstm.ts).
 */
export type EventStepper = {
  readonly inputSize: number;
  step(input: Float32Array, wantLogits: boolean): ArrayLike<number> | null;
  dispose(): void;
};

/** Steps the loaded MusicRNN's own LSTM cells and output layer with tfjs, keeping the state between calls. */
export function tfjsEventStepper(m: MusicRnnInternals): EventStepper {
  let c: tf.Tensor2D[] = m.hiddenSizes.map((h) => tf.zeros([1, h]) as tf.Tensor2D);
  let h: tf.Tensor2D[] = m.hiddenSizes.map((hs) => tf.zeros([1, hs]) as tf.Tensor2D);
  const inputSize = m.controlDepth + m.vocabulary;
  return {
    inputSize,
    step(input, wantLogits) {
      // tf.tidy keeps what the scope returns (the new states and the logits) and frees the rest.
      const { nc, nh, logits } = tf.tidy(() => {
        const s = lstmStackStep(m.lstmCells, tf.tensor2d(input, [1, inputSize]), c, h);
        return {
          nc: s.c,
          nh: s.h,
          logits: wantLogits ? s.top.matMul(m.fcWeights).add(m.fcBiases).as1D() : tf.zeros([0]),
        };
      }) as { nc: tf.Tensor2D[]; nh: tf.Tensor2D[]; logits: tf.Tensor1D };
      for (const t of [...c, ...h]) t.dispose();
      c = [...nc];
      h = [...nh];
      if (!wantLogits) {
        logits.dispose();
        return null;
      }
      const values = logits.dataSync();
      logits.dispose();
      return values;
    },
    dispose() {
      for (const t of [...c, ...h]) t.dispose();
    },
  };
}

/**
 * What one generated step does instead of plain sampling (sampler version 2's form plan, lib/generation/compose/
 * form-plan.ts): `copy` takes the event of the earlier step `from` (at the first step of a copied run, a hold is
 * replaced by what sounds at `from`: the note-on of the note sounding there, or a note-off in silence); `hold` is
 * event 0; `mask` samples among the `allowed` events only. Copy and hold steps run the model but draw no uniform.
 */
export type StepDirective =
  { kind: 'copy'; from: number; runStart: boolean } | { kind: 'hold' } | { kind: 'mask'; allowed: readonly number[] };

/** The event that sounds at step `at` of `events`: the latest note-on not yet ended, or note-off (1) in silence. */
export function soundingEvent(events: readonly number[], at: number): number {
  for (let k = at; k >= 0; k--) {
    const e = events[k] ?? 0;
    if (e >= 2) return e;
    if (e === 1) return 1;
  }
  return 1;
}

/** The event a copy directive gives, from the events so far (primer and generated, by absolute step). */
export function copiedEvent(events: readonly number[], d: { from: number; runStart: boolean }): number {
  const e = events[d.from] ?? 0;
  return d.runStart && e === 0 ? soundingEvent(events, d.from) : e;
}

export type SampleEventsLoopParams = {
  stepper: EventStepper;
  /** Melody events of the primer (at least one): fed to the model, not sampled. */
  primerEvents: readonly number[];
  steps: number;
  /** Chord controls for every step (`controlDepth` floats each), or none. */
  controls?: Float32Array;
  controlDepth: number;
  temperature: number;
  rng: Sfc32;
  /** Per generated step (index 0 = the first step after the primer): what to do instead of sampling; none: sample. */
  directives?: ReadonlyArray<StepDirective | undefined>;
  /**
   * Sampler version 3's tune memory (tune-memory.ts): each drawn step samples from the model mixed with what the
   * piece so far (primer included, copied and held steps too) says comes next; none: the model alone.
   */
  memory?: TuneMemoryMixture;
  /**
   * Sampler version 4's onset weight (SPEC.md 7.15): each drawn step multiplies the model's weight of every note-on
   * event (2 and up) by it, before the tune memory's mix and before a mask; none: every weight as the model gives it.
   */
  onsetWeight?: number;
  /** Called before each model step with the step index and the events sampled so far (progress, cancel, yield). */
  beforeStep?: (index: number, sampled: number) => void | Promise<void>;
};

/**
 * Sampler version 4's per-event weights over a melody vocabulary of `size` events: 1 for no event (0) and note-off
 * (1), `onsetWeight` for every note-on. Why: a chord model sampled in the studio's set-up writes fewer notes a bar than
 * the corpus (scripts/models/fit-onset-weight.ts); a temperature above 1 widens every choice, this moves mass from
 * holding to starting a note and nothing else.
 */
export function onsetWeights(size: number, onsetWeight: number): Float64Array {
  if (!(onsetWeight > 0) || !Number.isFinite(onsetWeight)) throw new RangeError(`bad onset weight ${onsetWeight}`);
  const w = new Float64Array(size).fill(onsetWeight);
  w.fill(1, 0, Math.min(size, MELODY_NOTE_OFF + 1));
  return w;
}

/**
 * Feeds the primer, then samples `steps` events, each from softmax(logits / temperature) with the seeded PRNG in
 * float64. The input of step i carries the chord of step i + 1 and the event just played, as Magenta's MusicRNN does.
 */
export async function sampleEventsLoop(p: SampleEventsLoopParams): Promise<number[]> {
  const length = p.primerEvents.length;
  const total = length + p.steps;
  const input = new Float32Array(p.stepper.inputSize);
  const sampled: number[] = [];
  // every event by absolute step (primer, then generated): what copy directives read
  const all: number[] = p.directives ? [...p.primerEvents] : [];
  const memory = p.memory ? new PieceMemory(p.memory.orders) : undefined;
  for (const e of memory ? p.primerEvents : []) memory?.push(e);
  let current = p.primerEvents[0] ?? 0;
  let eventWeights: Float64Array | undefined;
  for (let i = 0; i < total - 1; i++) {
    await p.beforeStep?.(i, sampled.length);
    input.fill(0);
    if (p.controls) input.set(p.controls.subarray((i + 1) * p.controlDepth, (i + 2) * p.controlDepth), 0);
    input[p.controlDepth + current] = 1;
    const generated = i >= length - 1;
    const directive = generated ? p.directives?.[i + 1 - length] : undefined;
    const wantLogits = generated && (directive === undefined || directive.kind === 'mask');
    const logits = p.stepper.step(input, wantLogits);
    if (logits && p.onsetWeight !== undefined) eventWeights ??= onsetWeights(logits.length, p.onsetWeight);
    if (generated) {
      if (directive?.kind === 'copy') current = copiedEvent(all, directive);
      else if (directive?.kind === 'hold') current = 0;
      else if (!logits) throw new RangeError('the model step gave no logits');
      else if (memory && p.memory)
        current = sampleFromDistribution(
          mixtureDistribution(logits, p.temperature, memory.recall(), p.memory, eventWeights),
          p.temperature,
          p.rng,
          directive?.kind === 'mask' ? directive.allowed : undefined,
        );
      else if (directive?.kind === 'mask')
        current = sampleCategoricalMasked(logits, p.temperature, p.rng, directive.allowed, eventWeights);
      else current = sampleCategorical(logits, p.temperature, p.rng, eventWeights);
      sampled.push(current);
      if (p.directives) all.push(current);
      memory?.push(current);
    } else {
      current = p.primerEvents[i + 1] ?? 0;
    }
  }
  return sampled;
}
