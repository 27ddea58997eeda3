/**
 * Blend / Vary as edits: the `latentBars` op a request gives, replayed with applyEdits, re-run by the verifier's
 * check (checkLatentEdits with the shipped MusicVAE), and refused when its notes or inputs were changed.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { arrange } from '../generation/arrangement/arrange';
import { STEPS_PER_BAR } from '../generation/arrangement/types';
import { applyEdits } from '../generation/edit-log/apply';
import { parseEditLog, serializeEditLog, type EditOp } from '../generation/edit-log/schema';
import { getShippedLatentModel } from '../generation/models/registry';
import { NODE_ADAPTERS } from '../generation/models/node-adapters';
import type { LatentOps } from '../generation/models/adapter';
import { checkLatentEdits, LatentEditMismatchError } from '../generation/models/vae/check-latent-edits';
import { summarizeEdits } from '../provenance/disclosure';
import { blendGeneration, BlendInputError, latentBarsEdit, melodyPassage } from './blend';

const entry = getShippedLatentModel('motif-vae-2bar-v1');
let latent: LatentOps;
beforeAll(async () => {
  const model = await NODE_ADAPTERS.MusicVAE.loadFolder(join(process.cwd(), 'public', entry.urlPath));
  if (!model.latent) throw new Error('not a latent model');
  latent = model.latent;
});

const note = (pitch: number, start: number, end: number, velocity = 90) => ({
  pitch,
  quantizedStartStep: start,
  quantizedEndStep: end,
  velocity,
});
const base = arrange({
  melody: [
    note(60, 0, 4),
    note(62, 4, 8),
    note(64, 8, 16),
    note(67, 16, 24),
    note(65, 24, 32),
    note(72, 32, 40, 80),
    note(71, 40, 44, 80),
    note(69, 44, 48, 80),
    note(67, 48, 64, 80),
  ],
  progression: ['C', 'G', 'Am', 'F'],
  bars: 4,
  tempo: 120,
  key: 'C',
  scale: 'major',
  style: 'rock',
});
const load = () => Promise.resolve(latent);

describe('Blend and Vary as latentBars edits', () => {
  it('cuts 2-bar passages relative to their start and refuses bars past the end', () => {
    expect(melodyPassage(base, 2)).toEqual([
      { pitch: 72, quantizedStartStep: 0, quantizedEndStep: 8 },
      { pitch: 71, quantizedStartStep: 8, quantizedEndStep: 12 },
      { pitch: 69, quantizedStartStep: 12, quantizedEndStep: 16 },
      { pitch: 67, quantizedStartStep: 16, quantizedEndStep: 32 },
    ]);
    expect(() => melodyPassage(base, 3)).toThrow(BlendInputError);
  });

  it('refuses a piece in 3/4 or 6/8 (the VAE learned two 4/4 bars), and so does the edit log', () => {
    const waltz = { ...base, meter: '3/4' as const };
    expect(() => melodyPassage(waltz, 0)).toThrow(/4\/4 pieces .* in 3\/4/);
    const op: EditOp = {
      op: 'latentBars',
      bar: 0,
      notes: [note(60, 0, 4)],
      generation: blendGeneration(base, entry, {
        operation: 'vary',
        barA: 0,
        amount: 0.5,
        count: 1,
        seed: 1,
        temperature: 0,
      }),
    };
    expect(applyEdits(base, [op]).tracks[0]?.notes.length).toBeGreaterThan(0);
    expect(() => applyEdits(waltz, [op])).toThrow(/blends 4\/4 bars; this piece is in 3\/4/);
  });

  it('an interpolation result applies into two bars, survives the JSON log, and re-runs to the same notes', async () => {
    const g = blendGeneration(base, entry, {
      operation: 'interpolate',
      barA: 0,
      barB: 2,
      steps: 4,
      seed: 11,
      temperature: 0,
    });
    expect(g).toMatchObject({ modelId: entry.id, weightsCid: entry.weightsCid, seed: 11, velocity: 90 });
    const op = latentBarsEdit(base, g, 2, 1, (x, bar) => latent.latentBarsNotes(x, bar));
    if (op.op !== 'latentBars') throw new Error('expected latentBars');
    const results = latent.interpolate(g.a, g.operation === 'interpolate' ? g.b : [], 4, {
      seed: 11,
      temperature: 0,
    });
    expect(op.notes.map((n) => n.quantizedStartStep - STEPS_PER_BAR)).toEqual(
      results[2]?.map((n) => n.quantizedStartStep),
    );
    const log = parseEditLog(serializeEditLog([op]));
    const after = applyEdits(base, log.ops);
    const melody = after.tracks.find((t) => t.id === 'melody')?.notes ?? [];
    const inBars = melody.filter((n) => n.quantizedStartStep >= 16 && n.quantizedStartStep < 48);
    expect(inBars).toEqual(op.notes);
    expect(melody.filter((n) => n.quantizedStartStep < 16)).toHaveLength(3);
    expect(await checkLatentEdits(log.ops, load)).toBe(1);
    expect(summarizeEdits(log.ops)).toMatchObject({ total: 1, latentBars: 1, regenerateBar: 0 });
    expect(summarizeEdits([])).not.toHaveProperty('latentBars');
  });

  it('a variation re-runs; changed notes, seed or result index are refused', async () => {
    const g = blendGeneration(base, entry, {
      operation: 'vary',
      barA: 2,
      amount: 0.8,
      count: 3,
      seed: 5,
      temperature: 0.5,
    });
    const op = latentBarsEdit(base, g, 1, 2, (x, bar) => latent.latentBarsNotes(x, bar));
    if (op.op !== 'latentBars') throw new Error('expected latentBars');
    expect(await checkLatentEdits([op], load)).toBe(1);
    const tampered: EditOp[] = [
      { ...op, notes: op.notes.map((n, i) => (i === 0 ? { ...n, pitch: n.pitch + 1 } : n)) },
      { ...op, generation: { ...op.generation, seed: 6 } },
      { ...op, generation: { ...op.generation, index: 3 } },
    ];
    for (const t of tampered) await expect(checkLatentEdits([t], load)).rejects.toBeInstanceOf(LatentEditMismatchError);
    expect(() => applyEdits(base, [{ ...op, bar: 3 }])).toThrow(/run past the end/);
  });
});
