/**
 * Every shipped checkpoint loads in @magenta/music (Node build, tfjs cpu backend) and generates through our seeded
 * sampler, and, unless it reads the meter (Magenta has no meter controls), through Magenta's own continueSequence;
 * its logits match the PyTorch fixture written at export time (training/train.py) within 1e-5.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_MODELS } from '../../lib/generation/models/registry';
import { loadMusicRnnFromFolder, type MusicRnnInstance } from '../../lib/generation/models/node-loader';
import { musicRnnLogits } from '../../lib/generation/eval/neural-nll';
import { generateMelody, GenerationError } from '../../lib/generation/sampling';
import { notesDigest } from '../../lib/generation/notes';

type Fixture = {
  tolerance: number;
  cases: Array<{
    id: string;
    events: number[];
    logits: number[][];
    chordEncodings?: number[][];
    /** [meter class, step in bar] of the step each input predicts (meter-aware models). */
    meterSteps?: Array<[number, number]>;
  }>;
};

const primer = {
  notes: [
    { pitch: 67, quantizedStartStep: 0, quantizedEndStep: 4 },
    { pitch: 71, quantizedStartStep: 4, quantizedEndStep: 8 },
  ],
  totalQuantizedSteps: 8,
  quantizationInfo: { stepsPerQuarter: 4 },
};
const progression = ['G', 'D', 'Em', 'C'];

it('ships a melody and a chord-conditioned model, the meter-aware ones the defaults', () => {
  expect(new Set(SHIPPED_MODELS.map((m) => m.task))).toEqual(new Set(['chord-melody', 'melody']));
  for (const task of ['melody', 'chord-melody'] as const)
    expect(SHIPPED_MODELS.find((m) => m.task === task)?.meterEncoder).toBe('MotifMeterEncoder');
});

describe.each(SHIPPED_MODELS.map((m) => [m.id, m] as const))('%s', (_id, entry) => {
  const folder = join(process.cwd(), 'public', entry.urlPath);
  let model: MusicRnnInstance;
  beforeAll(async () => {
    model = await loadMusicRnnFromFolder(folder);
  });
  afterAll(() => model?.dispose());

  it('has a Magenta MusicRNN config and weights within budget (each shard < 4 MB, all <= 4 MB)', () => {
    const config = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8'));
    expect(config.type).toBe('MusicRNN');
    expect(config.dataConverter).toEqual({ type: 'MelodyConverter', args: { minPitch: 48, maxPitch: 83 } });
    expect(config.chordEncoder).toBe(entry.chordEncoder);
    expect(config.meterEncoder).toBe(entry.meterEncoder);
    let total = 0;
    for (const f of entry.files) {
      const size = statSync(join(folder, f.path)).size;
      expect(size).toBe(f.bytes);
      if (f.path.startsWith('group1-shard')) {
        expect(size).toBeLessThan(4_000_000);
        total += size;
      }
    }
    expect(total).toBeLessThanOrEqual(4_000_000);
    expect(existsSync(join(folder, 'MODEL_CARD.md'))).toBe(true);
  });

  it.runIf(!entry.meterEncoder)('generates through Magenta continueSequence (unseeded)', async () => {
    const ns = (await model.continueSequence(primer, 32, 1.0, entry.chordEncoder ? progression : undefined)) as {
      notes: unknown[];
      totalQuantizedSteps: number;
    };
    expect(ns.totalQuantizedSteps).toBe(32);
    expect(Array.isArray(ns.notes)).toBe(true);
  });

  it('matches the PyTorch logits of the export fixture within 1e-5', () => {
    const fixture = JSON.parse(
      readFileSync(join(process.cwd(), 'test', 'models', 'fixtures', `${entry.id}.logits.json`), 'utf8'),
    ) as Fixture;
    expect(fixture.cases.length).toBeGreaterThan(0);
    let maxDiff = 0;
    for (const c of fixture.cases) {
      if (entry.meterEncoder) expect(c.meterSteps?.length).toBe(c.events.length);
      const meterSteps = c.meterSteps?.map(([meterClass, position]) => ({ meterClass, position }));
      const logits = musicRnnLogits(model, c.events, c.chordEncodings, meterSteps);
      expect(logits.length).toBe(c.logits.length);
      logits.forEach((row, t) =>
        row.forEach((v, k) => (maxDiff = Math.max(maxDiff, Math.abs(v - (c.logits[t]?.[k] ?? NaN))))),
      );
    }
    expect(maxDiff).toBeLessThan(1e-5);
  });

  it('seeded generation: same seed, same notes; another seed, other notes', async () => {
    const chords = entry.chordEncoder ? progression : undefined;
    const a = await generateMelody({ model, seed: 11, temperature: 1, steps: 48, primer, chordProgression: chords });
    const b = await generateMelody({ model, seed: 11, temperature: 1, steps: 48, primer, chordProgression: chords });
    const c = await generateMelody({ model, seed: 12, temperature: 1, steps: 48, primer, chordProgression: chords });
    expect(a.backend).toBe('cpu');
    expect(a.events).toHaveLength(48);
    expect(a.sequence.notes.length).toBeGreaterThan(0);
    expect(await notesDigest(a.sequence.notes)).toBe(await notesDigest(b.sequence.notes));
    expect(a.events).not.toEqual(c.events);
    for (const n of a.sequence.notes) {
      expect(n.pitch).toBeGreaterThanOrEqual(48);
      expect(n.pitch).toBeLessThanOrEqual(83);
      expect(n.quantizedEndStep).toBeGreaterThan(n.quantizedStartStep);
    }
  });

  it.runIf(!entry.meterEncoder)(
    "at temperature 0 gives exactly Magenta's own continueSequence (argmax) notes",
    async () => {
      const chords = entry.chordEncoder ? progression : undefined;
      const theirs = (await model.continueSequence(primer, 48, 0, chords)) as {
        notes: Array<{ pitch: number; quantizedStartStep: number; quantizedEndStep: number }>;
      };
      const ours = await generateMelody({
        model,
        seed: 1,
        temperature: 0,
        steps: 48,
        primer,
        chordProgression: chords,
      });
      expect(await notesDigest(ours.sequence.notes)).toBe(await notesDigest(theirs.notes));
    },
  );

  it.runIf(Boolean(entry.chordEncoder))('accepts progressions mixing N.C. with chords', async () => {
    const r = await generateMelody({
      model,
      seed: 3,
      temperature: 1,
      steps: 32,
      primer,
      chordProgression: ['N.C.', 'G', 'D7', 'N.C.'],
    });
    expect(r.events).toHaveLength(32);
  });

  it.runIf(Boolean(entry.meterEncoder))('reads the meter: the same seed writes another melody in 3/4', async () => {
    const chords = entry.chordEncoder ? progression : undefined;
    const common = await generateMelody({
      model,
      seed: 5,
      temperature: 1,
      steps: 48,
      primer,
      chordProgression: chords,
    });
    const waltz = await generateMelody({
      model,
      seed: 5,
      temperature: 1,
      steps: 48,
      primer,
      chordProgression: chords,
      meter: '3/4',
    });
    expect(waltz.events).toHaveLength(48);
    expect(waltz.events).not.toEqual(common.events);
  });

  it('rejects a missing or unexpected chord progression', async () => {
    if (entry.chordEncoder) {
      await expect(generateMelody({ model, seed: 1, temperature: 1, steps: 4, primer })).rejects.toThrow(
        GenerationError,
      );
    } else {
      await expect(
        generateMelody({ model, seed: 1, temperature: 1, steps: 4, primer, chordProgression: ['C'] }),
      ).rejects.toThrow(GenerationError);
    }
  });
});
