/** Node (tfjs cpu): the generation API against a deterministic fixture checkpoint in Magenta's format. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMusicRnnFromFolder, type MusicRnnInstance } from '../models/node-loader';
import { generateMelody } from '../sampling/generate';
import { SHIPPED_MODELS } from '../models/registry';
import { melodyEventsFromNotes } from '../notes/melody';
import { applyEdits } from '../edit-log/apply';
import { arrangementSchema, track } from '../arrangement/types';
import { inScale } from '../arrangement/theory';
import { writeFixtureCheckpoint } from '../../../test/studio/fixture-checkpoint';
import { TRUSTING_MEMORY } from '../../../test/studio/trusting-memory';
import {
  compose,
  ComposeCancelledError,
  ComposeRequestError,
  defaultComposeRequest,
  regenerateBar,
  sampleMelodyEvents,
} from './index';

let dir: string;
let model: MusicRnnInstance;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-compose-'));
  model = await loadMusicRnnFromFolder(await writeFixtureCheckpoint(dir));
});
afterAll(async () => {
  model?.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('compose (Node, tfjs cpu)', () => {
  const primer = {
    notes: [
      { pitch: 67, quantizedStartStep: 0, quantizedEndStep: 4 },
      { pitch: 71, quantizedStartStep: 4, quantizedEndStep: 8 },
    ],
    totalQuantizedSteps: 8,
    quantizationInfo: { stepsPerQuarter: 4 },
  };
  const primerEvents = Array.from(melodyEventsFromNotes(primer.notes, 8));
  it('samples exactly what generateMelody samples for the same seed, with tfjs and with the JS engine', async () => {
    const ref = await generateMelody({ model, seed: 99, temperature: 1, steps: 96, primer });
    const viaTf = await sampleMelodyEvents({
      model,
      seed: 99,
      temperature: 1,
      steps: 96,
      primerEvents,
      yieldEvery: 5,
      engine: 'tfjs',
    });
    const viaJs = await sampleMelodyEvents({
      model,
      seed: 99,
      temperature: 1,
      steps: 96,
      primerEvents,
      yieldEvery: 5,
      engine: 'js',
    });
    expect(viaTf.events).toEqual(ref.events);
    expect(viaTf.backend).toBe('cpu');
    expect(viaJs.events).toEqual(ref.events);
    expect(viaJs.backend).toBe('cpu-js');
  });
  it.each(SHIPPED_MODELS.map((m) => [m.id, m] as const))(
    'the JS engine equals generateMelody on shipped %s',
    async (_id, entry) => {
      const shipped = await loadMusicRnnFromFolder(path.join(process.cwd(), 'public', entry.urlPath));
      try {
        const chordProgression = entry.chordEncoder ? ['G', 'C', 'D7', 'G'] : undefined;
        for (const temperature of [1, 0.5]) {
          const ref = await generateMelody({
            model: shipped,
            seed: 7,
            temperature,
            steps: 128,
            primer,
            chordProgression,
          });
          const viaJs = await sampleMelodyEvents({
            model: shipped,
            seed: 7,
            temperature,
            steps: 128,
            primerEvents,
            engine: 'js',
            chordProgression,
          });
          expect(viaJs.events).toEqual(ref.events);
        }
      } finally {
        shipped.dispose();
      }
    },
  );
  it('is seeded: same request, same notes; another seed, other notes', async () => {
    const req = defaultComposeRequest({ bars: 4, seed: 7 });
    const a = await compose(model, req);
    const b = await compose(model, req);
    const c = await compose(model, { ...req, seed: 8 });
    expect(a.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b.digest).toBe(a.digest);
    expect(c.digest).not.toBe(a.digest);
    expect(a.backend).toBe('cpu-js');
    expect(a.tfjsVersion).toBe('2.8.6');
    expect(arrangementSchema.parse(a.arrangement)).toEqual(a.arrangement);
    expect(a.progression).toEqual(['C', 'G', 'Am', 'F']);
    expect(a.melody[0]).toEqual({ pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4, velocity: 100 });
    for (const n of a.melody) {
      expect(inScale(n.pitch, 'C', 'major')).toBe(true);
      expect(n.quantizedEndStep).toBeLessThanOrEqual(64);
    }
  });
  it('with a tune memory (sampler 3): seeded, the same in both engines, and a trusted memory restates the piece', async () => {
    const memory = TRUSTING_MEMORY;
    const req = defaultComposeRequest({ bars: 8, seed: 11, snapToScale: false, memory });
    const js = await compose(model, req);
    const tfjs = await compose(model, req, { engine: 'tfjs' });
    expect(tfjs.digest).toBe(js.digest);
    expect((await compose(model, req)).digest).toBe(js.digest);
    const plain = await compose(model, { ...req, memory: undefined });
    expect(plain.digest).not.toBe(js.digest);
    // how many notes continue a pitch pair heard earlier in the piece with the same pitch
    const restated = (notes: readonly { pitch: number }[]) => {
      const seen = new Set<string>();
      let n = 0;
      for (let i = 2; i < notes.length; i++) {
        const key = notes
          .slice(i - 2, i + 1)
          .map((x) => x.pitch)
          .join(',');
        if (seen.has(key)) n++;
        seen.add(key);
      }
      return n;
    };
    let remembered = 0;
    let alone = 0;
    for (let seed = 1; seed <= 4; seed++) {
      remembered += restated((await compose(model, { ...req, seed })).melody);
      alone += restated((await compose(model, { ...req, seed, memory: undefined })).melody);
    }
    expect(remembered).toBeGreaterThan(alone + 20);
    await expect(compose(model, { ...req, memory: { orders: [4], weights: [[1, 0]] } })).rejects.toThrow(
      ComposeRequestError,
    );
  });
  it('honours key, primer melody and a suggested progression', async () => {
    const req = defaultComposeRequest({
      bars: 2,
      key: 'D',
      scale: 'minor',
      seed: 3,
      primer: {
        type: 'melody',
        notes: [
          { pitch: 62, quantizedStartStep: 0, quantizedEndStep: 2 },
          { pitch: 65, quantizedStartStep: 2, quantizedEndStep: 8 },
        ],
        totalSteps: 8,
      },
    });
    const r = await compose(model, req);
    expect(r.progressionSource).toMatch(/^suggested:/);
    expect(r.progression[0]).toBe('Dm');
    expect(r.melody.slice(0, 2).map((n) => n.pitch)).toEqual([62, 65]);
    for (const n of r.melody) expect(inScale(n.pitch, 'D', 'minor')).toBe(true);
  });
  it('reports progress and can be cancelled', async () => {
    const fractions: number[] = [];
    await compose(model, defaultComposeRequest({ bars: 4 }), {
      yieldEvery: 8,
      onProgress: (p) => fractions.push(p.fraction),
    });
    expect(fractions.length).toBeGreaterThan(4);
    expect(fractions.at(-1)).toBe(1);
    const ctl = new AbortController();
    const run = compose(model, defaultComposeRequest({ bars: 8 }), {
      yieldEvery: 4,
      signal: ctl.signal,
      onProgress: () => ctl.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(ComposeCancelledError);
  });
  it.each(SHIPPED_MODELS.filter((m) => m.chordEncoder).map((m) => [m.id, m] as const))(
    'composes over the progression with chord-conditioned %s',
    async (_id, entry) => {
      const improv = await loadMusicRnnFromFolder(path.join(process.cwd(), 'public', entry.urlPath));
      try {
        const req = defaultComposeRequest({
          bars: 4,
          seed: 5,
          key: 'G',
          primer: { type: 'chords', progression: ['G', 'Em', 'C', 'D7'] },
        });
        const a = await compose(improv, req);
        const b = await compose(improv, req, { engine: 'tfjs' });
        expect(b.digest).toBe(a.digest);
        expect(a.arrangement.progression).toEqual(['G', 'Em', 'C', 'D7']);
        expect(a.melody.length).toBeGreaterThan(0);
      } finally {
        improv.dispose();
      }
    },
  );
  it('rejects bad requests', async () => {
    await expect(compose(model, { ...defaultComposeRequest(), bars: 0 })).rejects.toBeInstanceOf(ComposeRequestError);
    await expect(
      compose(model, defaultComposeRequest({ primer: { type: 'melody', notes: [], totalSteps: 200 }, bars: 4 })),
    ).rejects.toBeInstanceOf(ComposeRequestError);
  });
  it('regenerates one bar as a replayable edit, deterministic per seed', async () => {
    const r = await compose(model, defaultComposeRequest({ bars: 4, seed: 11 }));
    const op = await regenerateBar({
      model,
      modelId: 'fixture',
      arrangement: r.arrangement,
      bar: 2,
      seed: 5,
      temperature: 1,
      snapToScale: true,
    });
    const again = await regenerateBar({
      model,
      modelId: 'fixture',
      arrangement: r.arrangement,
      bar: 2,
      seed: 5,
      temperature: 1,
      snapToScale: true,
    });
    expect(again).toEqual(op);
    for (const n of op.notes) {
      expect(n.quantizedStartStep).toBeGreaterThanOrEqual(32);
      expect(n.quantizedEndStep).toBeLessThanOrEqual(48);
    }
    const edited = applyEdits(r.arrangement, [op]);
    const outside = (notes: typeof op.notes) =>
      notes.filter((n) => n.quantizedStartStep < 32 || n.quantizedStartStep >= 48);
    expect(outside(track(edited, 'melody').notes).filter((n) => n.quantizedStartStep >= 48)).toEqual(
      outside(track(r.arrangement, 'melody').notes).filter((n) => n.quantizedStartStep >= 48),
    );
    const first = await regenerateBar({
      model,
      modelId: 'fixture',
      arrangement: r.arrangement,
      bar: 0,
      seed: 5,
      temperature: 1,
      snapToScale: true,
    });
    expect(first.notes[0]).toEqual({ pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4, velocity: 100 });
  });
  it('regenerates a 12-step bar of a 6/8 piece', async () => {
    const r = await compose(model, defaultComposeRequest({ bars: 4, seed: 11, meter: '6/8' }));
    for (const bar of [0, 2]) {
      const op = await regenerateBar({
        model,
        modelId: 'fixture',
        arrangement: r.arrangement,
        bar,
        seed: 5,
        temperature: 1,
        snapToScale: true,
      });
      expect(op.notes.length).toBeGreaterThan(0);
      for (const n of op.notes) {
        expect(n.quantizedStartStep).toBeGreaterThanOrEqual(bar * 12);
        expect(n.quantizedEndStep).toBeLessThanOrEqual(bar * 12 + 12);
      }
      expect(applyEdits(r.arrangement, [op]).meter).toBe('6/8');
    }
  });
});
