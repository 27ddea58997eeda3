/**
 * The MusicVAE's maths in plain TypeScript (float64 over the float32 weights), the same as training/train_vae.py:
 *   encode:  bidirectional LSTM over one-hot events; mu = W_mu [h_fw(last step), h_bw(first step)] + b (posterior mean)
 *   decode:  [h0, c0] = tanh(W_init z + b); at step t the input is [one-hot(event t-1) (zeros at t = 0), z];
 *            LSTM -> logits = W_out h + b; the event is sampled with sfc32 (sampleCategorical; temperature 0 = argmax).
 * LSTM (PyTorch): gates = W_ih x + W_hh h + b split i, f, g, o; c' = sig(f) c + sig(i) tanh(g); h' = sig(o) tanh(c').
 * Only Math.exp and Math.tanh besides + and *, summed in index order, so Node and Chromium (both V8) agree exactly.
 * lib/generation/models/vae/vae.test.ts checks the logits against PyTorch's (training fixture) within 1e-4.
 */
import { sampleCategorical, type Sfc32 } from '../../sampling/prng';
import type { Linear, Lstm, Matrix, VaeWeights } from './weights';
import { BaseError } from '../../../errors/base';

export class VaeInputError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'VaeInputError';
  }
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** out = M x (+ into out), x given as a dense vector or as the sum of dense + one-hot parts. */
function matVec(m: Matrix, x: ArrayLike<number>, out: Float64Array): void {
  for (let r = 0; r < m.rows; r++) {
    let s = 0;
    const base = r * m.cols;
    for (let c = 0; c < m.cols; c++) s += (m.data[base + c] ?? 0) * (x[c] ?? 0);
    out[r] = (out[r] ?? 0) + s;
  }
}

function linear(l: Linear, x: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(l.b);
  matVec(l.w, x, out);
  return out;
}

type State = { h: Float64Array; c: Float64Array };

function lstmStep(l: Lstm, x: ArrayLike<number>, s: State): State {
  const H = l.hidden;
  const g = Float64Array.from(l.b);
  matVec(l.wIh, x, g);
  matVec(l.wHh, s.h, g);
  const h = new Float64Array(H);
  const c = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    const i = sigmoid(g[j] ?? 0);
    const f = sigmoid(g[H + j] ?? 0);
    const gg = Math.tanh(g[2 * H + j] ?? 0);
    const o = sigmoid(g[3 * H + j] ?? 0);
    const cj = f * (s.c[j] ?? 0) + i * gg;
    c[j] = cj;
    h[j] = o * Math.tanh(cj);
  }
  return { h, c };
}

function oneHot(vocab: number, e: number): Float64Array {
  const v = new Float64Array(vocab);
  if (e >= 0) v[e] = 1;
  return v;
}

function checkEvents(w: VaeWeights, events: ArrayLike<number>): void {
  const steps = w.config.dataConverter.args.numSteps;
  if (events.length !== steps) throw new VaeInputError(`the VAE encodes ${steps} steps, got ${events.length}`);
  for (let i = 0; i < events.length; i++) {
    const e = events[i] ?? -1;
    if (!Number.isInteger(e) || e < 0 || e >= w.vocab)
      throw new VaeInputError(`event ${e} at step ${i} is outside 0..${w.vocab - 1}`);
  }
}

/** The posterior mean of a window of melody events. */
export function encodeEvents(w: VaeWeights, events: ArrayLike<number>): Float64Array {
  checkEvents(w, events);
  const zero = (H: number): State => ({ h: new Float64Array(H), c: new Float64Array(H) });
  let fw = zero(w.encFw.hidden);
  for (let t = 0; t < events.length; t++) fw = lstmStep(w.encFw, oneHot(w.vocab, events[t] ?? 0), fw);
  let bw = zero(w.encBw.hidden);
  for (let t = events.length - 1; t >= 0; t--) bw = lstmStep(w.encBw, oneHot(w.vocab, events[t] ?? 0), bw);
  const hcat = new Float64Array(fw.h.length + bw.h.length);
  hcat.set(fw.h, 0);
  hcat.set(bw.h, fw.h.length);
  return linear(w.mu, hcat);
}

function initialState(w: VaeWeights, z: ArrayLike<number>): State {
  if (z.length !== w.config.zSize) throw new VaeInputError(`z has ${z.length} dimensions, the VAE ${w.config.zSize}`);
  const hc = linear(w.init, z).map(Math.tanh);
  const D = w.dec.hidden;
  return { h: hc.slice(0, D), c: hc.slice(D, 2 * D) };
}

function decoderInput(w: VaeWeights, prev: number, z: ArrayLike<number>): Float64Array {
  const x = new Float64Array(w.vocab + z.length);
  if (prev >= 0) x[prev] = 1;
  for (let i = 0; i < z.length; i++) x[w.vocab + i] = z[i] ?? 0;
  return x;
}

/** Teacher-forced logits [steps][vocab] of `events` given z (what the trainer's fixture records). */
export function decoderLogits(w: VaeWeights, z: ArrayLike<number>, events: ArrayLike<number>): Float64Array[] {
  checkEvents(w, events);
  let s = initialState(w, z);
  const out: Float64Array[] = [];
  for (let t = 0; t < events.length; t++) {
    s = lstmStep(w.dec, decoderInput(w, t === 0 ? -1 : (events[t - 1] ?? 0), z), s);
    out.push(linear(w.out, s.h));
  }
  return out;
}

/** Decodes z to a window of events, sampling each step with `rng` at `temperature` (0: argmax, no draws). */
export function decodeEvents(w: VaeWeights, z: ArrayLike<number>, temperature: number, rng: Sfc32): number[] {
  let s = initialState(w, z);
  const events: number[] = [];
  let prev = -1;
  for (let t = 0; t < w.config.dataConverter.args.numSteps; t++) {
    s = lstmStep(w.dec, decoderInput(w, prev, z), s);
    prev = sampleCategorical(linear(w.out, s.h), temperature, rng);
    events.push(prev);
  }
  return events;
}
