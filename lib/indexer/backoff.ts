/** How long to wait between retries: doubling from `initialMs` up to `maxMs`. */
export type BackoffOptions = { initialMs: number; maxMs: number };

/**
 * Exponential back-off for a loop that must never give up (the indexer, the supervisor's restarts): each failure
 * doubles the wait up to a ceiling, a success starts again from the first delay.
 */
export class Backoff {
  private failures = 0;

  constructor(private readonly options: BackoffOptions) {
    if (!(options.initialMs > 0) || options.maxMs < options.initialMs)
      throw new RangeError(`bad back-off ${options.initialMs}..${options.maxMs} ms`);
  }

  /** Failures since the last success. */
  get attempts(): number {
    return this.failures;
  }

  /** Records one more failure and returns the wait before the next try. */
  next(): number {
    const delay = Math.min(this.options.maxMs, this.options.initialMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    return delay;
  }

  reset(): void {
    this.failures = 0;
  }
}

/** Waits `ms`, or less if `signal` aborts; removes its abort listener either way (loops sleep on every poll). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
