import { describe, expect, it } from 'vitest';
import { KneserNeyNgram, NgramError, contextAt } from './ngram';

const V = 5;
const repetitive = Array.from({ length: 20 }, () => ({ events: [2, 0, 3, 0, 4, 0, 2, 0, 3, 0, 4, 0] }));

describe('KneserNeyNgram', () => {
  it('distributions sum to 1 for seen and unseen contexts, every order', () => {
    for (let n = 1; n <= 5; n++) {
      const lm = new KneserNeyNgram(n, V).train(repetitive);
      for (const ctx of [[], [2], [0, 3], [4, 4, 4, 4], [1, 1, 1, 1]]) {
        const c = ctx.slice(ctx.length - (n - 1));
        while (c.length < n - 1) c.unshift(-1);
        const d = lm.distribution(c);
        expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
        for (const p of d) expect(p).toBeGreaterThan(0);
      }
    }
  });
  it('a unigram gives the smoothed frequencies', () => {
    const lm = new KneserNeyNgram(1, V).train([{ events: [0, 0, 0, 1] }]);
    // 3 predicted steps: 0, 0, 1 -> counts {0: 2, 1: 1}; n1 = 1, n2 = 1 -> D = 1/3.
    const d = 1 / 3;
    expect(lm.probability([], 0)).toBeCloseTo((2 - d) / 3 + ((d * 2) / 3) * (1 / V), 12);
    expect(lm.probability([], 4)).toBeCloseTo(((d * 2) / 3) * (1 / V), 12);
  });
  it('longer contexts predict a deterministic pattern better', () => {
    const nll = [1, 2, 3].map((n) => new KneserNeyNgram(n, V).train(repetitive).nllPerStep(repetitive).nll);
    expect(nll[1]!).toBeLessThan(nll[0]!);
    expect(nll[2]!).toBeLessThan(nll[1]!);
    expect(nll[2]!).toBeLessThan(0.2);
  });
  it('the chord-aware variant uses the chord of the predicted step', () => {
    // The event after 0 is 2 under chord 0 and 3 under chord 1.
    const seqs = Array.from({ length: 30 }, (_, i) => ({ events: [0, i % 2 ? 3 : 2], chordTokens: [0, i % 2] }));
    const lm = new KneserNeyNgram(2, V, true).train(seqs);
    expect(lm.probability(contextAt({ events: [0, 0], chordTokens: [0, 0] }, 1, 1, true), 2)).toBeGreaterThan(0.8);
    expect(lm.probability(contextAt({ events: [0, 0], chordTokens: [0, 1] }, 1, 1, true), 3)).toBeGreaterThan(0.8);
    const plain = new KneserNeyNgram(2, V).train(seqs);
    expect(lm.nllPerStep(seqs).nll).toBeLessThan(plain.nllPerStep(seqs).nll);
  });
  it('rejects bad use', () => {
    expect(() => new KneserNeyNgram(0, V)).toThrow(NgramError);
    expect(() => new KneserNeyNgram(2, V).probability([0], 0)).toThrow(NgramError);
    expect(() => contextAt({ events: [0, 1] }, 1, 1, true)).toThrow(NgramError);
  });
});
