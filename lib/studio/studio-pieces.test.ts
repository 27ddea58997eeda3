/** Node (tfjs cpu): the evaluations' studio pieces against the shipped checkpoints. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../generation/compose/compose';
import { chordToneCount, inKeyCount } from '../generation/eval/form-metrics';
import { loadMusicRnnFromFolder, type MusicRnnInstance } from '../generation/models/node-loader';
import { defaultModel, SHIPPED_MODELS } from '../generation/models/registry';
import { defaultComposeForm, defaultTemperatureOf, requestFromForm } from './compose-form';
import { harmonyShares, seedRange, studioPieces } from './studio-pieces';

const studioId = defaultModel('chord-melody').id;
const otherId = SHIPPED_MODELS.find((m) => m.task !== 'melody' && m.id !== studioId)!.id;
let studio: MusicRnnInstance;
let other: MusicRnnInstance;

const load = (id: string) =>
  loadMusicRnnFromFolder(path.join(process.cwd(), 'public', SHIPPED_MODELS.find((m) => m.id === id)!.urlPath));

beforeAll(async () => {
  [studio, other] = await Promise.all([load(studioId), load(otherId)]);
});

afterAll(() => {
  studio?.dispose();
  other?.dispose();
});

describe('studioPieces', () => {
  it("composes one piece per seed, in order, from the studio's form for the model, unsnapped", async () => {
    const pieces = await studioPieces({ model: studio, modelId: studioId, seeds: [7, 3], bars: 2 });
    expect(pieces.map((p) => p.seed)).toEqual([7, 3]);
    for (const piece of pieces) {
      const expected = requestFromForm({ ...defaultComposeForm(), bars: 2, snap: false, seed: piece.seed }, studioId);
      expect(piece.request).toEqual(expected);
      expect(piece.request.snapToScale).toBe(false);
      expect(piece.result.melody).toEqual((await compose(studio, expected, { engine: 'js' })).melody);
    }
    expect(pieces[0]!.result.melody).not.toEqual(pieces[1]!.result.melody);
  });

  it("starts another model at that model's own default temperature, as the studio does on a switch", async () => {
    const [piece] = await studioPieces({ model: other, modelId: otherId, seeds: [1], bars: 2 });
    expect(piece!.request.modelId).toBe(otherId);
    expect(piece!.request.temperature).toBe(defaultTemperatureOf(otherId));
  });

  it('sets the given form fields, then applies `adjust` to the request it composes', async () => {
    const [plain] = await studioPieces({
      model: studio,
      modelId: studioId,
      seeds: [5],
      bars: 2,
      form: { tuneMemory: false },
    });
    expect(plain!.request.memory).toBeUndefined();
    const memory = {
      orders: [4],
      weights: [
        [1, 0],
        [0.5, 0.5],
      ],
    };
    const [adjusted] = await studioPieces({
      model: studio,
      modelId: studioId,
      seeds: [5],
      bars: 2,
      form: { tuneMemory: false, temperature: 1.2 },
      adjust: (request) => ({ ...request, memory }),
    });
    expect(adjusted!.request).toEqual({ ...plain!.request, temperature: 1.2, memory });
    expect(adjusted!.result.request).toEqual(adjusted!.request);
  });

  it("gives the harmony shares over all the pieces, by the bars of each piece's meter (12 steps in 3/4)", async () => {
    const pieces = await studioPieces({
      model: studio,
      modelId: studioId,
      seeds: [2, 4],
      bars: 4,
      form: { meter: '3/4' },
    });
    const sum = (counts: [number, number][]) => counts.reduce((a, [x, n]) => [a[0] + x, a[1] + n], [0, 0]);
    const inKey = sum(pieces.map((p) => inKeyCount(p.result.melody, p.request.key, p.request.scale)));
    const chordTone = sum(pieces.map((p) => chordToneCount(p.result.melody, p.result.progression, 12)));
    expect(harmonyShares(pieces)).toEqual({ inKey: inKey[0]! / inKey[1]!, chordTone: chordTone[0]! / chordTone[1]! });
    // these pieces tell the two apart: counted in 16-step bars, their notes would sit on other chords
    const { melody, progression } = pieces[0]!.result;
    expect(chordToneCount(melody, progression, 16)).not.toEqual(chordToneCount(melody, progression, 12));
  });
});

describe('seedRange', () => {
  it('counts up from the first seed', () => {
    expect(seedRange(101, 3)).toEqual([101, 102, 103]);
    expect(seedRange(1, 0)).toEqual([]);
  });
});
