/**
 * A deterministic MusicRNN checkpoint in Magenta's format (config.json + weights_manifest.json + one shard), with
 * weights drawn from sfc32 (seed fixed), so the studio's tests and bench have a model to load while no trained
 * checkpoint is shipped in public/models/. Same layout as a real melody checkpoint: 2 LSTM layers, vocabulary 38
 * (pitches 48..83), `rnn/multi_rnn_cell/cell_N/basic_lstm_cell/{kernel,bias}`, `fully_connected/{weights,biases}`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Sfc32 } from '../../lib/generation/sampling/prng';

export const FIXTURE_MODEL_ID = 'studio-fixture-2x128';
export const FIXTURE_URL_PATH = `/models/${FIXTURE_MODEL_ID}`;

export function fixtureCheckpointFiles(
  hidden: readonly number[] = [128, 128],
  seed = 20_261_124,
): Map<string, Uint8Array> {
  const vocab = 38;
  const rng = new Sfc32(seed);
  const weights: Array<{ name: string; shape: number[]; values: Float32Array }> = [];
  const uniform = (n: number, scale: number): Float32Array =>
    Float32Array.from({ length: n }, () => (rng.nextFloat() * 2 - 1) * scale);
  let input = vocab;
  hidden.forEach((h, l) => {
    weights.push({
      name: `rnn/multi_rnn_cell/cell_${l}/basic_lstm_cell/kernel`,
      shape: [input + h, 4 * h],
      values: uniform((input + h) * 4 * h, 1.2 / Math.sqrt(h)),
    });
    weights.push({
      name: `rnn/multi_rnn_cell/cell_${l}/basic_lstm_cell/bias`,
      shape: [4 * h],
      values: uniform(4 * h, 0.1),
    });
    input = h;
  });
  weights.push({
    name: 'fully_connected/weights',
    shape: [input, vocab],
    values: uniform(input * vocab, 3 / Math.sqrt(input)),
  });
  // favour holding (event 0) a little, as trained melody models do, so the melody is not a wall of sixteenths
  const bias = uniform(vocab, 0.5);
  bias[0] = 1.5;
  weights.push({ name: 'fully_connected/biases', shape: [vocab], values: bias });
  const total = weights.reduce((s, w) => s + w.values.length, 0);
  const shard = new Float32Array(total);
  let at = 0;
  for (const w of weights) {
    shard.set(w.values, at);
    at += w.values.length;
  }
  const enc = new TextEncoder();
  return new Map([
    [
      'config.json',
      enc.encode(
        JSON.stringify({
          type: 'MusicRNN',
          dataConverter: { type: 'MelodyConverter', args: { minPitch: 48, maxPitch: 83 } },
        }),
      ),
    ],
    [
      'weights_manifest.json',
      enc.encode(
        JSON.stringify([
          {
            paths: ['group1-shard1of1'],
            weights: weights.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' })),
          },
        ]),
      ),
    ],
    ['group1-shard1of1', new Uint8Array(shard.buffer)],
  ]);
}

export async function writeFixtureCheckpoint(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of fixtureCheckpointFiles()) await writeFile(join(dir, name), bytes);
  return dir;
}
