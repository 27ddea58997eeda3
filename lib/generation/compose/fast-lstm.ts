/**
 * The MusicRNN step in plain JavaScript, bit-exact with tfjs' `cpu` backend (tfjs 2.8.6, the version Magenta 1.23.1
 * pins), without tfjs' per-op overhead (~30 tensor ops per step): about 3x faster for a 2x256 model.
 *
 * Exactness, op by op (node_modules/@tensorflow/tfjs-backend-cpu/dist/kernels):
 * - BatchMatMul: for each output, the shared dimension is walked in blocks of `backend.blockSize` = 48; each block's
 *   products are summed in a float64 `sum`, then `out += sum` into a Float32Array (rounded to float32 per block).
 *   We do the same with `Math.fround`. Zero inputs are multiplied too (as tfjs does), so no order changes.
 * - Add / Mul (broadcast bias, gates): computed in float64, stored float32 -> `Math.fround(a + b)`.
 * - Sigmoid: `1 / (1 + Math.exp(-x))`; Tanh: `Math.tanh(x)`; each stored float32.
 * - basicLSTMCell (tfjs-core ops/basic_lstm_cell.js): concat([data, h]) x kernel + bias, gates i, j, f, o;
 *   c' = sigmoid(i) * tanh(j) + c * sigmoid(forgetBias + f) with forgetBias = 1 (Magenta's `tf.scalar(1.0)`);
 *   h' = tanh(c') * sigmoid(o).
 * - Output layer: h x fully_connected/weights (blocked as above) + biases.
 * Node and Chromium both run V8, whose Math.exp/Math.tanh are the same fdlibm ports, so the float32 results match
 * there. compose.test.ts checks the events against `generateMelody` (tfjs) for the fixture and shipped checkpoints.
 * Hand-written on purpose (speed, with tfjs as its oracle), so it depends on exactly @tensorflow/tfjs 2.8.6, pinned
 * in package.json: a tfjs upgrade must pass compose.test.ts again.
 */
import type { EventStepper } from '../sampling/sample-events';
import { BaseError } from '../../errors/base';
const BLOCK = 48; // tfjs-backend-cpu MathBackendCPU.blockSize
const fr = Math.fround;

export class FastLstmUnsupportedError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'FastLstmUnsupportedError';
  }
}

type Layer = {
  inSize: number;
  hidden: number;
  /** kernel transposed: [4H][inSize + H], float32 values held as float64 */ kernelT: Float64Array;
  bias: Float32Array;
};

export type FastMusicRnn = {
  layers: Layer[];
  /** fully_connected/weights transposed: [vocab][H], float32 values held as float64. */
  fcT: Float64Array;
  fcB: Float32Array;
  vocab: number;
  /** Width of the first layer's input (controls + vocabulary). */
  inputSize: number;
};

type TensorLike = { shape: number[]; dataSync(): ArrayLike<number> };
const isTensor = (v: unknown): v is TensorLike =>
  typeof v === 'object' &&
  v !== null &&
  Array.isArray((v as TensorLike).shape) &&
  typeof (v as TensorLike).dataSync === 'function';

/** Transposed, as float64 copies of the float32 weights (exact; the matmul then converts nothing per load). */
function transpose(values: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = fr(values[r * cols + c] ?? 0);
  return out;
}

const cache = new WeakMap<object, FastMusicRnn>();

/** Reads the weights of an initialised MusicRNN (Magenta keeps them in `rawVars`); cached per model. */
export function fastMusicRnn(model: unknown): FastMusicRnn {
  if (typeof model !== 'object' || model === null) throw new FastLstmUnsupportedError('not a model');
  const hit = cache.get(model);
  if (hit) return hit;
  const vars = (model as { rawVars?: unknown }).rawVars;
  if (typeof vars !== 'object' || vars === null) throw new FastLstmUnsupportedError('MusicRNN.rawVars missing');
  const v = vars as Record<string, unknown>;
  if (Object.keys(v).some((k) => k.includes('attention')))
    throw new FastLstmUnsupportedError('attention checkpoints are not supported');
  const layers: Layer[] = [];
  for (let l = 0; ; l++) {
    const kernel = v[`rnn/multi_rnn_cell/cell_${l}/basic_lstm_cell/kernel`];
    const bias = v[`rnn/multi_rnn_cell/cell_${l}/basic_lstm_cell/bias`];
    if (kernel === undefined) break;
    if (!isTensor(kernel) || !isTensor(bias) || kernel.shape.length !== 2)
      throw new FastLstmUnsupportedError(`cell ${l} is malformed`);
    const [rows = 0, cols = 0] = kernel.shape;
    const hidden = cols / 4;
    layers.push({
      inSize: rows - hidden,
      hidden,
      kernelT: transpose(kernel.dataSync(), rows, cols),
      bias: Float32Array.from(bias.dataSync()),
    });
  }
  const w = v['fully_connected/weights'];
  const b = v['fully_connected/biases'];
  if (layers.length === 0 || !isTensor(w) || !isTensor(b))
    throw new FastLstmUnsupportedError('MusicRNN weights missing');
  const [hRows = 0, vocab = 0] = w.shape;
  for (let l = 1; l < layers.length; l++)
    if (layers[l]?.inSize !== layers[l - 1]?.hidden) throw new FastLstmUnsupportedError('layer sizes do not chain');
  if (hRows !== layers[layers.length - 1]?.hidden) throw new FastLstmUnsupportedError('output layer does not fit');
  const fast: FastMusicRnn = {
    layers,
    fcT: transpose(w.dataSync(), hRows, vocab),
    fcB: Float32Array.from(b.dataSync()),
    vocab,
    inputSize: layers[0]?.inSize ?? 0,
  };
  cache.set(model, fast);
  return fast;
}

/**
 * out[j] = fround(blocked float32 matmul of `x` (length K) with row j of `wT` ([N][K])). Eight rows at a time share
 * each x[k] load (about 2.5x faster than one row at a time); every row still sums its own products in the same order,
 * so the result is the same bits. `x` and `wT` are float64 holding float32 values (exact): nothing converts per load.
 */
function matVec(x: Float64Array, wT: Float64Array, K: number, N: number, out: Float32Array): void {
  let j = 0;
  for (; j + 8 <= N; j += 8) {
    const b0 = j * K;
    const b1 = b0 + K;
    const b2 = b1 + K;
    const b3 = b2 + K;
    const b4 = b3 + K;
    const b5 = b4 + K;
    const b6 = b5 + K;
    const b7 = b6 + K;
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    let r3 = 0;
    let r4 = 0;
    let r5 = 0;
    let r6 = 0;
    let r7 = 0;
    for (let k0 = 0; k0 < K; k0 += BLOCK) {
      const kEnd = k0 + BLOCK < K ? k0 + BLOCK : K;
      let s0 = 0.0;
      let s1 = 0.0;
      let s2 = 0.0;
      let s3 = 0.0;
      let s4 = 0.0;
      let s5 = 0.0;
      let s6 = 0.0;
      let s7 = 0.0;
      for (let k = k0; k < kEnd; k++) {
        const xk = x[k] as number;
        s0 += xk * (wT[b0 + k] as number);
        s1 += xk * (wT[b1 + k] as number);
        s2 += xk * (wT[b2 + k] as number);
        s3 += xk * (wT[b3 + k] as number);
        s4 += xk * (wT[b4 + k] as number);
        s5 += xk * (wT[b5 + k] as number);
        s6 += xk * (wT[b6 + k] as number);
        s7 += xk * (wT[b7 + k] as number);
      }
      r0 = fr(r0 + s0);
      r1 = fr(r1 + s1);
      r2 = fr(r2 + s2);
      r3 = fr(r3 + s3);
      r4 = fr(r4 + s4);
      r5 = fr(r5 + s5);
      r6 = fr(r6 + s6);
      r7 = fr(r7 + s7);
    }
    out[j] = r0;
    out[j + 1] = r1;
    out[j + 2] = r2;
    out[j + 3] = r3;
    out[j + 4] = r4;
    out[j + 5] = r5;
    out[j + 6] = r6;
    out[j + 7] = r7;
  }
  for (; j < N; j++) {
    const base = j * K;
    let res = 0;
    for (let k0 = 0; k0 < K; k0 += BLOCK) {
      const kEnd = k0 + BLOCK < K ? k0 + BLOCK : K;
      let sum = 0.0;
      for (let k = k0; k < kEnd; k++) sum += (x[k] as number) * (wT[base + k] as number);
      res = fr(res + sum);
    }
    out[j] = res;
  }
}

const sigmoid = (x: number): number => fr(1 / (1 + Math.exp(-x)));

/** `combined` ([input, h] per layer) and `last` (the top layer's h) are float64 copies of float32 values: exact. */
export type FastState = {
  c: Float32Array[];
  h: Float32Array[];
  combined: Float64Array[];
  gates: Float32Array[];
  last: Float64Array;
};

export function zeroState(m: FastMusicRnn): FastState {
  return {
    c: m.layers.map((l) => new Float32Array(l.hidden)),
    h: m.layers.map((l) => new Float32Array(l.hidden)),
    combined: m.layers.map((l) => new Float64Array(l.inSize + l.hidden)),
    gates: m.layers.map((l) => new Float32Array(4 * l.hidden)),
    last: new Float64Array(m.layers[m.layers.length - 1]?.hidden ?? 0),
  };
}

/** One step through every layer with input `x` (length inputSize); updates `s` in place. */
export function step(m: FastMusicRnn, s: FastState, x: Float32Array): void {
  let input = x;
  m.layers.forEach((layer, l) => {
    const H = layer.hidden;
    const K = layer.inSize + H;
    const comb = s.combined[l] as Float64Array;
    const gates = s.gates[l] as Float32Array;
    const c = s.c[l] as Float32Array;
    const h = s.h[l] as Float32Array;
    comb.set(input, 0);
    comb.set(h, layer.inSize);
    matVec(comb, layer.kernelT, K, 4 * H, gates);
    const bias = layer.bias;
    for (let u = 0; u < H; u++) {
      const gi = fr((gates[u] as number) + (bias[u] as number));
      const gj = fr((gates[H + u] as number) + (bias[H + u] as number));
      const gf = fr((gates[2 * H + u] as number) + (bias[2 * H + u] as number));
      const go = fr((gates[3 * H + u] as number) + (bias[3 * H + u] as number));
      const a = fr(sigmoid(gi) * fr(Math.tanh(gj)));
      const b = fr((c[u] as number) * sigmoid(fr(1 + gf)));
      const nc = fr(a + b);
      c[u] = nc;
      h[u] = fr(fr(Math.tanh(nc)) * sigmoid(go));
    }
    input = h;
  });
}

/** Logits of the last layer's output (float32, like tfjs' dataSync()). */
export function logits(m: FastMusicRnn, s: FastState, out: Float32Array = new Float32Array(m.vocab)): Float32Array {
  s.last.set(s.h[s.h.length - 1] as Float32Array);
  matVec(s.last, m.fcT, s.last.length, m.vocab, out);
  for (let v = 0; v < m.vocab; v++) out[v] = fr((out[v] as number) + (m.fcB[v] as number));
  return out;
}

/** The plain-JS model as an EventStepper for the shared sampling loop (lib/generation/sampling/sample-events.ts). */
export function fastEventStepper(model: unknown): EventStepper {
  const m = fastMusicRnn(model);
  const state = zeroState(m);
  const out = new Float32Array(m.vocab);
  return {
    inputSize: m.inputSize,
    step(input, wantLogits) {
      step(m, state, input);
      return wantLogits ? logits(m, state, out) : null;
    },
    dispose() {},
  };
}
