import { describe, expect, it } from 'vitest';
import { Backoff, sleep } from './backoff';

describe('Backoff', () => {
  it('doubles each wait up to the ceiling and starts again after a success', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1_000 });
    expect([1, 2, 3, 4, 5, 6].map(() => backoff.next())).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(backoff.attempts).toBe(6);
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(100);
  });

  it('refuses a schedule that cannot wait', () => {
    expect(() => new Backoff({ initialMs: 0, maxMs: 10 })).toThrow(RangeError);
    expect(() => new Backoff({ initialMs: 10, maxMs: 5 })).toThrow(RangeError);
  });

  it('sleep ends early when its signal aborts', async () => {
    const abort = new AbortController();
    const started = performance.now();
    setTimeout(() => abort.abort(), 20);
    await sleep(5_000, abort.signal);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
