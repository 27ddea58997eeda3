/**
 * The tune-memory n-gram: the standard baseline for music prediction that remembers the piece being predicted.
 * Tunes repeat themselves (a 2-bar phrase comes back four bars later), which a corpus n-gram with one beat of context
 * cannot see; a cache over the piece so far can.
 *
 * For step t of a piece, each memory order k (the last k events) looks up every earlier place in this piece where
 * the same k events occurred and counts what followed them: P_k(w) = c_k(w) / c_k. The prediction is a mixture of
 * the corpus model and the memories,
 *
 *   P(w) = l_0 P_corpus(w | context) + sum_k l_k P'_k(w),  P'_k = P_k when the k events occurred before, else P_corpus
 *
 * (an order with nothing remembered hands its weight to the corpus model, so P is always a distribution). The weights
 * are fitted by expectation-maximisation on the validation split (mixture weights of fixed components: EM raises the
 * held-out likelihood at every step), then frozen for the test split.
 */
import { contextAt, NgramError, type KneserNeyNgram, type NgramSequence } from './ngram';
import { PieceMemory, type Recalled } from '../sampling/tune-memory';
import { fitMixtureWeights } from './mixture-em';

/** Memory orders: one beat, half a bar, a bar, two bars and four bars of sixteenth steps. */
export const DEFAULT_MEMORY_ORDERS: readonly number[] = [1, 2, 4, 8, 16, 32, 64];

/** Each order's probability of `w` (undefined where the order remembers nothing). */
const recallOf = (recalled: readonly (Recalled | undefined)[], w: number): (number | undefined)[] =>
  recalled.map((m) => (m ? (m.counts.get(w) ?? 0) / m.total : undefined));

/** One predicted step: the corpus model's probability of the true event, and each memory's (or undefined). */
type StepComponents = { corpus: number; memories: (number | undefined)[] };

export class TuneMemoryNgram {
  /** Mixture weights: [corpus, memory order 1, memory order 2, ...], summing to 1. */
  weights: number[];

  constructor(
    readonly corpus: KneserNeyNgram,
    readonly orders: readonly number[] = DEFAULT_MEMORY_ORDERS,
  ) {
    if (orders.length === 0 || orders.some((k) => !Number.isInteger(k) || k < 1))
      throw new NgramError('memory orders must be positive integers');
    this.weights = Array.from({ length: orders.length + 1 }, () => 1 / (orders.length + 1));
  }

  /** The components of every predicted step (t >= 1) of the sequences, in order. */
  private *steps(sequences: readonly NgramSequence[]): Generator<StepComponents> {
    for (const seq of sequences) {
      const memory = new PieceMemory(this.orders);
      memory.push(seq.events[0] ?? 0);
      for (let t = 1; t < seq.events.length; t++) {
        const w = seq.events[t] ?? 0;
        const ctx = contextAt(seq, t, this.corpus.n - 1, this.corpus.withChord);
        yield { corpus: this.corpus.probability(ctx, w), memories: recallOf(memory.recall(), w) };
        memory.push(w);
      }
    }
  }

  private mixture(s: StepComponents, weights: readonly number[]): number {
    return s.memories.reduce<number>((p, m, i) => p + weights[i + 1]! * (m ?? s.corpus), weights[0]! * s.corpus);
  }

  /** Fits the mixture weights by EM on held-out sequences (the validation split); returns the last held-out NLL. */
  fit(validation: readonly NgramSequence[], iterations = 30): { nll: number; iterations: number } {
    const steps = [...this.steps(validation)].map((s) => ({
      bucket: 0,
      components: [s.corpus, ...s.memories.map((m) => m ?? s.corpus)],
    }));
    const fit = fitMixtureWeights(steps, 1, this.weights.length, iterations);
    this.weights = fit.weights[0] ?? this.weights;
    return { nll: fit.nll, iterations: fit.iterations };
  }

  /** P(events[t] | corpus context and the piece before t): the same mixture the fit and the NLL use. */
  probability(seq: NgramSequence, t: number): number {
    const memory = new PieceMemory(this.orders);
    for (let u = 0; u < t; u++) memory.push(seq.events[u] ?? 0);
    const w = seq.events[t] ?? 0;
    const ctx = contextAt(seq, t, this.corpus.n - 1, this.corpus.withChord);
    return this.mixture(
      { corpus: this.corpus.probability(ctx, w), memories: recallOf(memory.recall(), w) },
      this.weights,
    );
  }

  /** Mean negative log-likelihood (nats) per predicted step (t >= 1), as KneserNeyNgram.nllPerStep counts them. */
  nllPerStep(sequences: readonly NgramSequence[]): { nll: number; steps: number } {
    let total = 0;
    let steps = 0;
    for (const s of this.steps(sequences)) {
      total -= Math.log(this.mixture(s, this.weights));
      steps++;
    }
    return { nll: total / steps, steps };
  }
}
