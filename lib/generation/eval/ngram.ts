/**
 * Interpolated Kneser-Ney n-gram models over melody events (the baselines of the model evaluation).
 *
 * A context is a list of integer tokens, oldest first; backing off drops the oldest token. Plain melody n-grams use
 * the previous n-1 events (padded with BOS = -1 at a piece's start). The chord-aware variant appends the chord of the
 * predicted step as the newest context token, so it backs off over melody history first and to the chord alone last.
 *
 *   highest order:  P(w|h) = max(c(h,w) - D, 0) / c(h) + D * N1+(h .) / c(h) * P(w|h')
 *   lower orders:   the same with continuation counts N1+(. h w) in place of c(h, w)
 *   below order 1:  uniform 1 / V
 * with one discount per order, D = n1 / (n1 + 2 n2) from that order's count-of-counts (Chen & Goodman 1998).
 */
import { BaseError } from '../../errors/base';
export const BOS = -1;
/** Chord tokens live above this offset so they never collide with events. */
export const CHORD_TOKEN_OFFSET = 1_000_000;

export type NgramSequence = { events: readonly number[]; chordTokens?: readonly number[] };

export class NgramError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'NgramError';
  }
}

type Table = Map<string, { counts: Map<number, number>; total: number; distinct: number }>;

function ctxKey(ctx: readonly number[], from: number): string {
  return ctx.slice(from).join(',');
}

/** Context tokens for predicting `events[t]` (t >= 1), oldest first. */
export function contextAt(seq: NgramSequence, t: number, historyLength: number, withChord: boolean): number[] {
  const ctx: number[] = [];
  for (let k = historyLength; k >= 1; k--) ctx.push(t - k >= 0 ? (seq.events[t - k] ?? BOS) : BOS);
  if (withChord) {
    const c = seq.chordTokens?.[t];
    if (c === undefined) throw new NgramError('chord-aware n-gram needs chordTokens for every step');
    ctx.push(CHORD_TOKEN_OFFSET + c);
  }
  return ctx;
}

export class KneserNeyNgram {
  /** Context length at the highest order (n - 1 events, + 1 with the chord). */
  readonly contextLength: number;
  private readonly tables: Table[] = [];
  private readonly discounts: number[] = [];

  constructor(
    readonly n: number,
    readonly vocabulary: number,
    readonly withChord = false,
  ) {
    if (!Number.isInteger(n) || n < 1) throw new NgramError(`n must be >= 1, got ${n}`);
    this.contextLength = n - 1 + (withChord ? 1 : 0);
  }

  /** Trains on every step t >= 1 of each sequence (the first event is given, as for the neural model). */
  train(sequences: readonly NgramSequence[]): this {
    const K = this.contextLength;
    // Level k holds contexts of length k (the newest k tokens of the full context).
    const raw: Array<Map<string, Map<number, number>>> = Array.from({ length: K + 1 }, () => new Map());
    // For continuation counts: distinct extended contexts per (level-k context, w).
    const cont: Array<Map<string, Map<number, Set<number>>>> = Array.from({ length: K + 1 }, () => new Map());
    for (const seq of sequences) {
      for (let t = 1; t < seq.events.length; t++) {
        const full = contextAt(seq, t, this.n - 1, this.withChord);
        const w = seq.events[t] ?? 0;
        for (let k = 0; k <= K; k++) {
          const key = ctxKey(full, K - k);
          const level = raw[k] as Map<string, Map<number, number>>;
          let m = level.get(key);
          if (!m) {
            m = new Map<number, number>();
            level.set(key, m);
          }
          m.set(w, (m.get(w) ?? 0) + 1);
          if (k < K) {
            const preceding = full[K - k - 1] ?? BOS;
            const contLevel = cont[k] as Map<string, Map<number, Set<number>>>;
            let cm = contLevel.get(key);
            if (!cm) {
              cm = new Map<number, Set<number>>();
              contLevel.set(key, cm);
            }
            let s = cm.get(w);
            if (!s) {
              s = new Set<number>();
              cm.set(w, s);
            }
            s.add(preceding);
          }
        }
      }
    }
    for (let k = 0; k <= K; k++) {
      const table: Table = new Map();
      let n1 = 0;
      let n2 = 0;
      const source = k === K ? raw[k] : undefined;
      const entries: Array<[string, Map<number, number>]> = [];
      if (source) for (const [key, m] of source) entries.push([key, m]);
      else
        for (const [key, cm] of cont[k] ?? new Map<string, Map<number, Set<number>>>())
          entries.push([key, new Map([...cm].map(([w, s]) => [w, s.size]))]);
      for (const [key, counts] of entries) {
        let total = 0;
        for (const c of counts.values()) {
          total += c;
          if (c === 1) n1++;
          else if (c === 2) n2++;
        }
        table.set(key, { counts, total, distinct: counts.size });
      }
      this.tables.push(table);
      const d = n1 + 2 * n2 > 0 ? n1 / (n1 + 2 * n2) : 0.5;
      this.discounts.push(Math.min(0.95, Math.max(0.05, d)));
    }
    return this;
  }

  /** P(w | context) with interpolation down to the uniform distribution; `context` has `contextLength` tokens. */
  probability(context: readonly number[], w: number): number {
    if (this.tables.length === 0) throw new NgramError('train() first');
    let p = 1 / this.vocabulary;
    for (let k = 0; k <= this.contextLength; k++) {
      const entry = this.tables[k]?.get(ctxKey(context, context.length - k));
      if (!entry || entry.total === 0) continue;
      const d = this.discounts[k] ?? 0.5;
      const c = entry.counts.get(w) ?? 0;
      p = Math.max(c - d, 0) / entry.total + ((d * entry.distinct) / entry.total) * p;
    }
    return p;
  }

  /** The full distribution over the vocabulary for one context (sums to 1). */
  distribution(context: readonly number[]): Float64Array {
    const out = new Float64Array(this.vocabulary);
    for (let w = 0; w < this.vocabulary; w++) out[w] = this.probability(context, w);
    return out;
  }

  /** Mean negative log-likelihood (nats) per predicted step (t >= 1) and the number of steps. */
  nllPerStep(sequences: readonly NgramSequence[]): { nll: number; steps: number } {
    let total = 0;
    let steps = 0;
    for (const seq of sequences) {
      for (let t = 1; t < seq.events.length; t++) {
        total -= Math.log(this.probability(contextAt(seq, t, this.n - 1, this.withChord), seq.events[t] ?? 0));
        steps++;
      }
    }
    return { nll: total / steps, steps };
  }
}
