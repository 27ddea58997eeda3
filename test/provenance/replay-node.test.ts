/**
 * The default Node replay (lib/provenance/replay-node.ts) with a real Magenta MusicRNN: a tiny random checkpoint
 * (1 LSTM layer of 8 units, Magenta's variable names and weights_manifest format) written to a temp public/ folder
 * and registered by its folder CID, as the shipped models are.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointCid } from '../../lib/generation/models/checkpoint-files';
import type { ShippedModel } from '../../lib/generation/models/registry';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import { pinTrack } from '../../lib/ipfs/track-folder';
import { ReplayError } from '../../lib/provenance/errors';
import { buildManifest } from '../../lib/provenance/manifest';
import { createNodeReplay, type NodeReplay } from '../../lib/provenance/replay-node';
import { verifyTrack } from '../../lib/provenance/verify-track';
import { CHAIN_ID, COLLECTION, makeMidi, makeWav, makeTrack, manifestParams } from './fixtures';

const H = 8;
const VOCAB = 38; // MelodyConverter 48..83
let dir: string;
let publicDir: string;
let model: ShippedModel;
let replay: NodeReplay;

async function writeCheckpoint(folder: string, seed: number): Promise<void> {
  await mkdir(folder, { recursive: true });
  let s = seed;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32 - 0.5) * 0.8;
  };
  const weights = [
    { name: 'rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel', shape: [VOCAB + H, 4 * H] },
    { name: 'rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias', shape: [4 * H] },
    { name: 'fully_connected/weights', shape: [H, VOCAB] },
    { name: 'fully_connected/biases', shape: [VOCAB] },
  ];
  const total = weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  const data = new Float32Array(total).map(() => rand());
  await writeFile(path.join(folder, 'config.json'), JSON.stringify({ type: 'MusicRNN', dataConverter: { type: 'MelodyConverter', args: { minPitch: 48, maxPitch: 83 } } }));
  await writeFile(path.join(folder, 'weights_manifest.json'), JSON.stringify([{ paths: ['group1-shard1of1'], weights: weights.map((w) => ({ ...w, dtype: 'float32' })) }]));
  await writeFile(path.join(folder, 'group1-shard1of1'), new Uint8Array(data.buffer));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-replay-'));
  publicDir = path.join(dir, 'public');
  await writeCheckpoint(path.join(publicDir, 'models', 'tiny'), 7);
  model = {
    source: 'shipped', id: 'test/tiny-melody', task: 'melody', family: 'MusicRNN', urlPath: '/models/tiny', weightsCid: await checkpointCid(path.join(publicDir, 'models', 'tiny')),
    files: [], minPitch: 48, maxPitch: 83, architecture: '1x8 LSTM (random)', license: 'CC0-1.0', trainingData: 'none', card: '',
  };
  replay = createNodeReplay({ models: [model], publicDir });
});
afterAll(async () => {
  replay?.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function manifestFor(over: { seed?: number; weightsCid?: string; sampler?: string } = {}) {
  const p = await manifestParams('0x70997970C51812dc3A010C7d01b50e0d17dc79C8', makeWav(), makeMidi());
  return buildManifest({
    ...p,
    model: { ...p.model, id: model.id, weightsCid: over.weightsCid ?? model.weightsCid },
    generation: { ...p.generation, chordProgression: [], seed: over.seed ?? p.generation.seed, sampler: over.sampler ?? p.generation.sampler },
  });
}

describe('default Node replay', () => {
  it('replays the same seed to the same NoteSequence digest, another seed to another', async () => {
    const a = await replay(await manifestFor());
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await replay(await manifestFor())).toBe(a);
    expect(await replay(await manifestFor({ seed: 999 }))).not.toBe(a);
  }, 120_000);

  it('refuses weights it does not ship, weights whose files changed, and other samplers', async () => {
    await expect(replay(await manifestFor({ weightsCid: 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi' }))).rejects.toThrow(/no shipped model/);
    await expect(replay(await manifestFor({ sampler: 'magenta.multinomial' }))).rejects.toBeInstanceOf(ReplayError);
    const otherPublic = path.join(dir, 'public-tampered');
    await writeCheckpoint(path.join(otherPublic, 'models', 'tiny'), 8); // same names, other weights
    const tampered = createNodeReplay({ models: [model], publicDir: otherPublic });
    await expect(tampered(await manifestFor())).rejects.toThrow(/has CID .* not /);
    tampered.dispose();
  }, 120_000);

  it('plugs into verifyTrack: a pinned track replays to its recorded digest', async () => {
    const storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
    try {
      const creator = privateKeyToAccount('0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a');
      const track = await makeTrack(creator, CHAIN_ID, COLLECTION, {
        replay,
        adjust: (p) => ({ ...p, model: { ...p.model, id: model.id, weightsCid: model.weightsCid }, generation: { ...p.generation, chordProgression: [] } }),
      });
      const pinned = await pinTrack(storage, track);
      const r = await verifyTrack({ cid: pinned.cid, storage, replay });
      expect(r.checks.find((c) => c.name === 'replay')).toMatchObject({ pass: true });
      expect(r.checks.filter((c) => !c.pass).map((c) => c.name)).toEqual(['chain']);
    } finally {
      await storage.close();
    }
  }, 120_000);
});
