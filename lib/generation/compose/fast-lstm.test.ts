/**
 * The plain-JS MusicRNN step against tfjs' cpu kernels, logit by logit: the replay (verify.ms) depends on these being
 * the same float32 bits, whatever the matmul's loop order (rows are computed several at a time for speed).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMusicRnnFromFolder, type MusicRnnInstance } from '../models/node-loader';
import { SHIPPED_MODELS } from '../models/registry';
import { musicRnnInternals } from '../sampling/musicrnn-internals';
import { tfjsEventStepper } from '../sampling/sample-events';
import { Sfc32 } from '../sampling/prng';
import { fastEventStepper } from './fast-lstm';

const models: MusicRnnInstance[] = [];
beforeAll(async () => {
  for (const m of SHIPPED_MODELS)
    models.push(await loadMusicRnnFromFolder(path.join(process.cwd(), 'public', m.urlPath)));
});
afterAll(() => {
  for (const m of models) m.dispose();
});

describe('fastEventStepper', () => {
  it.each(SHIPPED_MODELS.map((m, i) => [m.id, i] as const))(
    'gives tfjs cpu logits bit for bit on %s (40 steps of one-hot events and chord controls)',
    (_id, i) => {
      const model = models[i]!;
      const tf = tfjsEventStepper(musicRnnInternals(model));
      const js = fastEventStepper(model);
      expect(js.inputSize).toBe(tf.inputSize);
      const rng = new Sfc32(20261203);
      const input = new Float32Array(js.inputSize);
      let compared = 0;
      for (let step = 0; step < 40; step++) {
        input.fill(0);
        // a few controls on (the improv model's chord encoding), then one event
        for (let k = 0; k < js.inputSize - 38; k++) if (rng.nextFloat() < 0.1) input[k] = 1;
        input[js.inputSize - 38 + Math.floor(rng.nextFloat() * 38)] = 1;
        const a = Array.from(tf.step(input, true) ?? []);
        const b = Array.from(js.step(input, true) ?? []);
        expect(b.length).toBe(38);
        expect(b.map((v, k) => Object.is(v, a[k]))).toEqual(b.map(() => true));
        compared += b.length;
      }
      expect(compared).toBe(40 * 38);
      tf.dispose();
      js.dispose();
    },
  );
});
