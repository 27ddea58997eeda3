/**
 * Held-out negative log-likelihood of a loaded Magenta `MusicRNN`, computed with its own tfjs weights (the shipped
 * checkpoint), batched over pieces. Same inputs as MusicRNN.sampleRnn: step t feeds concat(controls of step t + 1
 * (chord encoding, then meter encoding for a meter-aware model), one-hot(event t)) and the logits predict event
 * t + 1. Log-softmax is taken in float64.
 */
import * as tf from '@tensorflow/tfjs';
import { lstmStackStep, musicRnnInternals, type MusicRnnInternals } from '../sampling/musicrnn-internals';
import { logSoftmax } from '../sampling/prng';
import { mixtureProbability, PieceMemory, type Recalled, type TuneMemoryMixture } from '../sampling/tune-memory';
import { fastMusicRnn, logits, step, zeroState } from '../compose/fast-lstm';
import { writeMeterEncoding, type MeterStep } from '../notes/meter-encoding';

export type NllPiece = {
  events: readonly number[];
  chords?: readonly string[];
  /** Each step's meter (lib/generation/eval/corpus.ts); none: the bars are unknown (a meter-aware model reads zeros). */
  meterSteps?: readonly MeterStep[];
};
export type NllResult = { nll: number; steps: number; backend: string; seconds: number };

/** The chord encoder's vector per chord symbol, encoded once each (empty for a model without chords). */
function chordVectors(m: MusicRnnInternals): (symbol: string) => Float32Array {
  const cache = new Map<string, Float32Array>();
  return (symbol) => {
    let v = cache.get(symbol);
    if (!v) {
      const t = m.chordEncoder?.encode(symbol);
      v = t ? Float32Array.from(t.dataSync()) : new Float32Array(0);
      t?.dispose();
      cache.set(symbol, v);
    }
    return v;
  };
}

/**
 * Writes the controls step `t` of `p` feeds a model (chord encoding, then meter encoding: step-controls.ts's layout)
 * into `input` at `offset`.
 */
function writeControls(
  m: MusicRnnInternals,
  chordVector: (symbol: string) => Float32Array,
  p: NllPiece,
  t: number,
  input: Float32Array,
  offset: number,
): void {
  const chordDepth = m.chordEncoder?.depth ?? 0;
  if (chordDepth) {
    const sym = p.chords?.[t];
    if (sym === undefined) throw new Error('a chord model needs chords for every step');
    input.set(chordVector(sym), offset);
  }
  if (m.meterAware) writeMeterEncoding(p.meterSteps?.[t] ?? null, input, offset + chordDepth);
}

export async function musicRnnNll(model: unknown, pieces: readonly NllPiece[], batchSize = 64): Promise<NllResult> {
  const started = performance.now();
  const m = musicRnnInternals(model);
  const V = m.vocabulary;
  const D = m.controlDepth;
  const chordVector = chordVectors(m);
  const order = pieces
    .map((p, i) => ({ p, i }))
    .filter((x) => x.p.events.length >= 2)
    .sort((a, b) => b.p.events.length - a.p.events.length);
  let total = 0;
  let steps = 0;
  for (let b = 0; b < order.length; b += batchSize) {
    const batch = order.slice(b, b + batchSize).map((x) => x.p);
    const B = batch.length;
    const maxLen = batch[0]?.events.length ?? 0;
    let c: tf.Tensor2D[] = m.hiddenSizes.map((h) => tf.zeros([B, h]) as tf.Tensor2D);
    let h: tf.Tensor2D[] = m.hiddenSizes.map((hs) => tf.zeros([B, hs]) as tf.Tensor2D);
    for (let t = 0; t < maxLen - 1; t++) {
      const input = new Float32Array(B * (D + V));
      batch.forEach((p, r) => {
        if (t + 1 >= p.events.length) return;
        writeControls(m, chordVector, p, t + 1, input, r * (D + V));
        input[r * (D + V) + D + (p.events[t] ?? 0)] = 1;
      });
      const [nc, nh, logits] = tf.tidy(() => {
        const s = lstmStackStep(m.lstmCells, tf.tensor2d(input, [B, D + V]), c, h);
        return [s.c, s.h, s.top.matMul(m.fcWeights).add(m.fcBiases)] as const;
      });
      for (const x of [...c, ...h]) x.dispose();
      c = [...nc];
      h = [...nh];
      const values = logits.dataSync();
      logits.dispose();
      batch.forEach((p, r) => {
        if (t + 1 >= p.events.length) return;
        let max = -Infinity;
        for (let k = 0; k < V; k++) max = Math.max(max, values[r * V + k] ?? -Infinity);
        let sum = 0;
        for (let k = 0; k < V; k++) sum += Math.exp((values[r * V + k] ?? 0) - max);
        const target = p.events[t + 1] ?? 0;
        total += max + Math.log(sum) - (values[r * V + target] ?? 0);
        steps++;
      });
    }
    for (const x of [...c, ...h]) x.dispose();
  }
  return { nll: total / steps, steps, backend: tf.getBackend(), seconds: (performance.now() - started) / 1000 };
}

/**
 * Logits for one sequence, step by step (the fixture check against PyTorch). `chordEncodings` and `meterSteps` are
 * the controls of the step each input predicts (t + 1), as the trainer's fixture writes them.
 */
export function musicRnnLogits(
  model: unknown,
  events: readonly number[],
  chordEncodings?: ReadonlyArray<readonly number[]>,
  meterSteps?: ReadonlyArray<MeterStep>,
): number[][] {
  const m = musicRnnInternals(model);
  const V = m.vocabulary;
  const chordDepth = chordEncodings ? (chordEncodings[0]?.length ?? 0) : 0;
  const D = chordDepth + (m.meterAware ? m.controlDepth - (m.chordEncoder?.depth ?? 0) : 0);
  const out: number[][] = [];
  let c: tf.Tensor2D[] = m.hiddenSizes.map((h) => tf.zeros([1, h]) as tf.Tensor2D);
  let h: tf.Tensor2D[] = m.hiddenSizes.map((hs) => tf.zeros([1, hs]) as tf.Tensor2D);
  events.forEach((e, t) => {
    const input = new Float32Array(D + V);
    if (chordEncodings) input.set(chordEncodings[t] ?? [], 0);
    if (m.meterAware) writeMeterEncoding(meterSteps?.[t] ?? null, input, chordDepth);
    input[D + e] = 1;
    const [nc, nh, logits] = tf.tidy(() => {
      const s = lstmStackStep(m.lstmCells, tf.tensor2d(input, [1, D + V]), c, h);
      return [s.c, s.h, s.top.matMul(m.fcWeights).add(m.fcBiases)] as const;
    });
    for (const x of [...c, ...h]) x.dispose();
    c = [...nc];
    h = [...nh];
    out.push(Array.from(logits.dataSync()));
    logits.dispose();
  });
  for (const x of [...c, ...h]) x.dispose();
  return out;
}

/** One predicted step of a piece: the model's probability of the true event, and what the piece so far recalls. */
export type MemoryStep = { probability: number; recalled: (Recalled | undefined)[]; event: number };

/**
 * Every predicted step (t >= 1) of `pieces`, in order, through the plain-JS model (fast-lstm.ts: tfjs-cpu float32
 * arithmetic, the studio's `cpu-js` engine) at temperature 1, with the tune memory of `orders` over the piece so far:
 * what the tune-memory mixture's NLL and its fit need (sampler version 3, lib/generation/sampling/tune-memory.ts).
 * `recalled` is the memory's live state: read it before asking for the next step (the generator goes on counting).
 */
export function* memorySteps(
  model: unknown,
  pieces: readonly NllPiece[],
  orders: readonly number[],
): Generator<MemoryStep> {
  const m = musicRnnInternals(model);
  const fast = fastMusicRnn(model);
  const D = m.controlDepth;
  const chordVector = chordVectors(m);
  const input = new Float32Array(fast.inputSize);
  const out = new Float32Array(fast.vocab);
  for (const p of pieces) {
    if (p.events.length < 2) continue;
    const state = zeroState(fast);
    const memory = new PieceMemory(orders);
    memory.push(p.events[0] ?? 0);
    for (let t = 0; t + 1 < p.events.length; t++) {
      input.fill(0);
      writeControls(m, chordVector, p, t + 1, input, 0);
      input[D + (p.events[t] ?? 0)] = 1;
      step(fast, state, input);
      const logSoftmaxed = logSoftmax(logits(fast, state, out));
      const event = p.events[t + 1] ?? 0;
      yield { probability: Math.exp(logSoftmaxed[event] ?? -Infinity), recalled: memory.recall(), event };
      memory.push(event);
    }
  }
}

/** Mean NLL per step of the model alone and of the model with the tune memory `mixture`, over the same steps. */
export function tuneMemoryNll(
  model: unknown,
  pieces: readonly NllPiece[],
  mixture: TuneMemoryMixture,
): { modelNll: number; nll: number; steps: number } {
  let plain = 0;
  let mixed = 0;
  let steps = 0;
  for (const s of memorySteps(model, pieces, mixture.orders)) {
    plain -= Math.log(s.probability);
    mixed -= Math.log(mixtureProbability(s.probability, s.recalled, mixture, s.event));
    steps++;
  }
  return { modelNll: plain / steps, nll: mixed / steps, steps };
}
