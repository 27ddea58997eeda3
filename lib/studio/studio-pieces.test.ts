/** Node (tfjs cpu): the evaluations' studio pieces against the shipped checkpoints. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../generation/compose/compose';
import { chordToneCount, inKeyCount } from '../generation/eval/form-metrics';
import { loadMusicRnnFromFolder, type MusicRnnInstance } from '../generation/models/node-loader';
import { defaultModel, SHIPPED_MODELS } from '../generation/models/registry';
import { defaultComposeForm, defaultTemperatureOf, requestFromForm } from './compose-form';
import { harmonyCounts, seedRange, studioPieces, type StudioPiece } from './studio-pieces';

const studioId = defaultModel('chord-melody').id;
const otherId = SHIPPED_MODELS.find((m) => m.task !== 'melody' && m.id !== studioId)!.id;
let studio: MusicRnnInstance;
let other: MusicRnnInstance;

const load = (id: string) =>
  loadMusicRnnFromFolder(path.join(process.cwd(), 'public', SHIPPED_MODELS.find((m) => m.id === id)!.urlPath));

async function all(pieces: AsyncIterable<StudioPiece>): Promise<StudioPiece[]> {
  const out: StudioPiece[] = [];
  for await (const piece of pieces) out.push(piece);
  return out;
}

beforeAll(async () => {
  [studio, other] = await Promise.all([load(studioId), load(otherId)]);
});

afterAll(() => {
  studio?.dispose();
  other?.dispose();
});

describe('studioPieces', () => {
  it("composes one piece per seed, in order, from the studio's form for the model, unsnapped", async () => {
    const pieces = await all(studioPieces({ model: studio, modelId: studioId, seeds: [7, 3], bars: 2 }));
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
    const [piece] = await all(studioPieces({ model: other, modelId: otherId, seeds: [1], bars: 2 }));
    expect(piece!.request.modelId).toBe(otherId);
    expect(piece!.request.temperature).toBe(defaultTemperatureOf(otherId));
  });

  it('sets the given form fields, then applies `adjust` to the request it composes', async () => {
    const [plain] = await all(
      studioPieces({ model: studio, modelId: studioId, seeds: [5], bars: 2, form: { tuneMemory: false } }),
    );
    expect(plain!.request.memory).toBeUndefined();
    const memory = {
      orders: [4],
      weights: [
        [1, 0],
        [0.5, 0.5],
      ],
    };
    const [adjusted] = await all(
      studioPieces({
        model: studio,
        modelId: studioId,
        seeds: [5],
        bars: 2,
        form: { tuneMemory: false, temperature: 1.2 },
        adjust: (request) => ({ ...request, memory }),
      }),
    );
    expect(adjusted!.request).toEqual({ ...plain!.request, temperature: 1.2, memory });
    expect(adjusted!.result.request).toEqual(adjusted!.request);
  });

  it('counts harmony by the bars of the piece meter (12 steps in 3/4)', async () => {
    const [piece] = await all(
      studioPieces({ model: studio, modelId: studioId, seeds: [2], bars: 4, form: { meter: '3/4' } }),
    );
    const { melody, progression } = piece!.result;
    expect(harmonyCounts(piece!)).toEqual({
      inKey: inKeyCount(melody, piece!.request.key, piece!.request.scale),
      chordTone: chordToneCount(melody, progression, 12),
    });
    // this piece tells the two apart: counted in 16-step bars, its notes would sit on other chords
    expect(chordToneCount(melody, progression, 16)).not.toEqual(chordToneCount(melody, progression, 12));
  });
});

describe('seedRange', () => {
  it('counts up from the first seed', () => {
    expect(seedRange(101, 3)).toEqual([101, 102, 103]);
    expect(seedRange(1, 0)).toEqual([]);
  });
});
