import { describe, expect, it } from 'vitest';
import { KneserNeyNgram, NgramError } from './ngram';
import { TuneMemoryNgram } from './tune-memory';

const V = 8;
// The corpus: tunes that wander; the held-out tunes: a phrase the corpus never saw, stated twice.
const corpus = Array.from({ length: 30 }, (_, i) => ({
  events: Array.from({ length: 32 }, (_, t) => (t * (i + 3) + i) % V),
}));
const phrase = (seed: number) => Array.from({ length: 16 }, (_, t) => (t * t + seed * 5) % V);
const repeating = (seed: number) => ({ events: [...phrase(seed), ...phrase(seed), ...phrase(seed)] });
const validation = [1, 2, 3].map(repeating);
const test = [4, 5, 6].map(repeating);

function fitted(): TuneMemoryNgram {
  const model = new TuneMemoryNgram(new KneserNeyNgram(3, V).train(corpus), [1, 2, 4, 8]);
  model.fit(validation);
  return model;
}

describe('TuneMemoryNgram', () => {
  it('each prediction is a distribution over the vocabulary', () => {
    const model = fitted();
    const seq = test[0]!;
    for (const t of [1, 5, 17, 40]) {
      let sum = 0;
      for (let w = 0; w < V; w++) {
        const events = [...seq.events];
        events[t] = w;
        sum += model.probability({ events }, t);
      }
      expect(sum).toBeCloseTo(1, 10);
    }
    expect(model.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('remembers the piece: a restated phrase is predicted far better than by the corpus n-gram alone', () => {
    const model = fitted();
    const corpusOnly = model.corpus.nllPerStep(test).nll;
    const withMemory = model.nllPerStep(test).nll;
    expect(withMemory).toBeLessThan(corpusOnly * 0.6);
    // and the memory, not the corpus, carries the weight the validation split asked for
    expect(model.weights[0]!).toBeLessThan(0.5);
  });

  it('EM never raises the validation NLL, and a model fitted longer fits it at least as well', () => {
    const kn = new KneserNeyNgram(3, V).train(corpus);
    const nlls = [1, 2, 4, 8, 16].map(
      (iterations) => new TuneMemoryNgram(kn, [1, 2, 4, 8]).fit(validation, iterations).nll,
    );
    for (let i = 1; i < nlls.length; i++) expect(nlls[i]!).toBeLessThanOrEqual(nlls[i - 1]! + 1e-12);
  });

  it('sees only the past: what comes after step t does not change its probability', () => {
    const model = fitted();
    const seq = test[1]!;
    const t = 20;
    const altered = { events: [...seq.events.slice(0, t + 1), ...seq.events.slice(t + 1).map((e) => (e + 1) % V)] };
    expect(model.probability(altered, t)).toBe(model.probability(seq, t));
  });

  it('refuses memory orders that are not positive integers, and a fit with nothing to predict', () => {
    const kn = new KneserNeyNgram(2, V).train(corpus);
    expect(() => new TuneMemoryNgram(kn, [])).toThrow(NgramError);
    expect(() => new TuneMemoryNgram(kn, [0])).toThrow(NgramError);
    expect(() => new TuneMemoryNgram(kn, [1]).fit([{ events: [3] }])).toThrow(NgramError);
  });
});
