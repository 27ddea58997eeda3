/**
 * Reading a Motif MusicVAE checkpoint (training/train_vae.py `export`): config.json, weights_manifest.json (one group,
 * TF.js layout) and its shard of little-endian float32 tensors in manifest order. Tensors keep PyTorch's layout:
 * an LSTM has `w_ih` [4H, in], `w_hh` [4H, H] and `b` = b_ih + b_hh [4H], gates in the order i, f, g, o; a linear
 * layer has `w` [out, in] and `b` [out]. Pure: the caller fetches or reads the bytes.
 */
import { z } from 'zod';
import { BaseError } from '../../../errors/base';
import { MUSIC_VAE_FAMILY } from './family';

export class VaeCheckpointError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'VaeCheckpointError';
  }
}

export const vaeConfigSchema = z.object({
  type: z.literal(MUSIC_VAE_FAMILY),
  dataConverter: z.object({
    type: z.literal('MelodyConverter'),
    args: z.object({ minPitch: z.number().int(), maxPitch: z.number().int(), numSteps: z.number().int().min(1) }),
  }),
  encoder: z.object({ type: z.literal('BidirectionalLSTM'), hidden: z.number().int().min(1) }),
  decoder: z.object({
    type: z.literal('LSTM'),
    hidden: z.number().int().min(1),
    conditioning: z.literal('initial-state+input'),
  }),
  zSize: z.number().int().min(1),
});
export type VaeConfig = z.infer<typeof vaeConfigSchema>;

export const weightsManifestSchema = z
  .array(
    z.object({
      paths: z.array(z.string().min(1)).min(1),
      weights: z.array(
        z.object({ name: z.string(), shape: z.array(z.number().int().min(1)), dtype: z.literal('float32') }),
      ),
    }),
  )
  .length(1);

/** A matrix [rows][cols] of float32 values held as float64. */
export type Matrix = { rows: number; cols: number; data: Float64Array };
export type Lstm = { hidden: number; wIh: Matrix; wHh: Matrix; b: Float64Array };
export type Linear = { w: Matrix; b: Float64Array };

export type VaeWeights = {
  config: VaeConfig;
  vocab: number;
  encFw: Lstm;
  encBw: Lstm;
  mu: Linear;
  init: Linear;
  dec: Lstm;
  out: Linear;
};

/** Parses the checkpoint: `shards` are the manifest's paths' bytes, in order. */
export function parseVaeCheckpoint(config: unknown, manifest: unknown, shards: readonly Uint8Array[]): VaeWeights {
  const c = vaeConfigSchema.safeParse(config);
  if (!c.success) throw new VaeCheckpointError(`config.json is not a MusicVAE config: ${c.error.message}`);
  const m = weightsManifestSchema.safeParse(manifest);
  if (!m.success) throw new VaeCheckpointError(`weights_manifest.json is invalid: ${m.error.message}`);
  const total = shards.reduce((s, b) => s + b.byteLength, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const s of shards) {
    bytes.set(s, at);
    at += s.byteLength;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tensors = new Map<string, { shape: number[]; data: Float64Array }>();
  let off = 0;
  for (const w of m.data[0]?.weights ?? []) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    if (off + 4 * n > total) throw new VaeCheckpointError(`the shards end inside ${w.name}`);
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) data[i] = view.getFloat32(off + 4 * i, true);
    off += 4 * n;
    tensors.set(w.name, { shape: w.shape, data });
  }
  if (off !== total) throw new VaeCheckpointError(`the shards hold ${total} bytes, the manifest names ${off}`);
  const tensor = (name: string, shape: number[]): Float64Array => {
    const t = tensors.get(name);
    if (!t || t.shape.join('x') !== shape.join('x'))
      throw new VaeCheckpointError(
        `${name}: expected shape [${shape.join(', ')}], found ${t ? t.shape.join('x') : 'none'}`,
      );
    return t.data;
  };
  const matrix = (name: string, rows: number, cols: number): Matrix => ({
    rows,
    cols,
    data: tensor(name, [rows, cols]),
  });
  const { minPitch, maxPitch } = c.data.dataConverter.args;
  const vocab = maxPitch - minPitch + 3;
  const E = c.data.encoder.hidden;
  const D = c.data.decoder.hidden;
  const Z = c.data.zSize;
  const lstm = (prefix: string, inSize: number, H: number): Lstm => ({
    hidden: H,
    wIh: matrix(`${prefix}/w_ih`, 4 * H, inSize),
    wHh: matrix(`${prefix}/w_hh`, 4 * H, H),
    b: tensor(`${prefix}/b`, [4 * H]),
  });
  const linear = (prefix: string, out: number, inSize: number): Linear => ({
    w: matrix(`${prefix}/w`, out, inSize),
    b: tensor(`${prefix}/b`, [out]),
  });
  return {
    config: c.data,
    vocab,
    encFw: lstm('encoder/fw', vocab, E),
    encBw: lstm('encoder/bw', vocab, E),
    mu: linear('encoder/mu', Z, 2 * E),
    init: linear('decoder/init', 2 * D, Z),
    dec: lstm('decoder/lstm', vocab + Z, D),
    out: linear('decoder/out', vocab, D),
  };
}
