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

/** Memory orders: one beat, half a bar, a bar, two bars and four bars of sixteenth steps. */
export const DEFAULT_MEMORY_ORDERS: readonly number[] = [1, 2, 4, 8, 16, 32, 64];

/** What the piece so far says follows its last k events, for each memory order. */
class PieceMemory {
  /** Per order: key of k events -> (next event -> count). */
  private readonly seen: Map<string, Map<number, number>>[];

  constructor(private readonly orders: readonly number[]) {
    this.seen = orders.map(() => new Map());
  }

  /** P_k(w) for each order, or undefined where these k events never occurred before t. */
  recall(events: readonly number[], t: number, w: number): (number | undefined)[] {
    return this.orders.map((k, i) => {
      if (t < k) return undefined;
      const next = this.seen[i]!.get(events.slice(t - k, t).join(','));
      if (!next) return undefined;
      let total = 0;
      for (const c of next.values()) total += c;
      return (next.get(w) ?? 0) / total;
    });
  }

  /** Remember that events[t] followed the events before it. */
  learn(events: readonly number[], t: number): void {
    const w = events[t]!;
    this.orders.forEach((k, i) => {
      if (t < k) return;
      const key = events.slice(t - k, t).join(',');
      const table = this.seen[i]!;
      let next = table.get(key);
      if (!next) table.set(key, (next = new Map()));
      next.set(w, (next.get(w) ?? 0) + 1);
    });
  }
}

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
      for (let t = 1; t < seq.events.length; t++) {
        const w = seq.events[t] ?? 0;
        const ctx = contextAt(seq, t, this.corpus.n - 1, this.corpus.withChord);
        yield { corpus: this.corpus.probability(ctx, w), memories: memory.recall(seq.events, t, w) };
        memory.learn(seq.events, t);
      }
    }
  }

  private mixture(s: StepComponents, weights: readonly number[]): { p: number; parts: number[] } {
    const parts = [weights[0]! * s.corpus, ...s.memories.map((m, i) => weights[i + 1]! * (m ?? s.corpus))];
    return { p: parts.reduce((a, b) => a + b, 0), parts };
  }

  /** Fits the mixture weights by EM on held-out sequences (the validation split); returns the last held-out NLL. */
  fit(validation: readonly NgramSequence[], iterations = 30): { nll: number; iterations: number } {
    const steps = [...this.steps(validation)];
    if (steps.length === 0) throw new NgramError('fit() needs at least one predicted step');
    let nll = Infinity;
    for (let it = 1; it <= iterations; it++) {
      const responsibility = new Array<number>(this.weights.length).fill(0);
      let total = 0;
      for (const s of steps) {
        const { p, parts } = this.mixture(s, this.weights);
        total -= Math.log(p);
        parts.forEach((x, j) => (responsibility[j]! += x / p));
      }
      const next = responsibility.map((r) => r / steps.length);
      const previous = nll;
      nll = total / steps.length;
      this.weights = next;
      if (previous - nll < 1e-7) return { nll, iterations: it };
    }
    return { nll, iterations };
  }

  /** P(events[t] | corpus context and the piece before t): the same mixture the fit and the NLL use. */
  probability(seq: NgramSequence, t: number): number {
    const memory = new PieceMemory(this.orders);
    for (let u = 1; u < t; u++) memory.learn(seq.events, u);
    const w = seq.events[t] ?? 0;
    const ctx = contextAt(seq, t, this.corpus.n - 1, this.corpus.withChord);
    return this.mixture(
      { corpus: this.corpus.probability(ctx, w), memories: memory.recall(seq.events, t, w) },
      this.weights,
    ).p;
  }

  /** Mean negative log-likelihood (nats) per predicted step (t >= 1), as KneserNeyNgram.nllPerStep counts them. */
  nllPerStep(sequences: readonly NgramSequence[]): { nll: number; steps: number } {
    let total = 0;
    let steps = 0;
    for (const s of this.steps(sequences)) {
      total -= Math.log(this.mixture(s, this.weights).p);
      steps++;
    }
    return { nll: total / steps, steps };
  }
}
