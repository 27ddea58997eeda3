/** One measured figure, as written to bench/results.json and BENCHMARKS.md. */
export type BenchFigure = {
  /** The name the issues give, e.g. `gas.mint.warm`. */
  name: string;
  value: number;
  unit: string;
  /** Human-readable goal, e.g. `<= 95000`. */
  goal: string;
  /** Optional reference or context shown beside the figure (e.g. the naive OpenZeppelin reference). */
  note?: string;
};

/** A bench module measures one area and returns its figures; `scripts/bench.ts` runs every module (and titles it). */
export type BenchModule = {
  run(): Promise<BenchFigure[]>;
  /**
   * Figures a run may leave unmeasured (e.g. one that needs an opt-in second run): such a figure keeps the value, note
   * and date of the last run that measured it. Every other figure of the module is replaced by each run.
   */
  optionalFigures?: readonly string[];
};

/** The middle value (the upper one of the two middles for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** `value` rounded to `digits` decimals. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
