import { describe, expect, it } from 'vitest';
import { backoffDelay, isTransientError, PermanentError, RetriesExhaustedError, withRetry } from './retry';

describe('retry with back-off', () => {
  it('doubles the delay up to the cap', () => {
    expect([1, 2, 3, 4, 10].map((a) => backoffDelay(a, { baseDelayMs: 100, maxDelayMs: 500, jitter: 0 }))).toEqual([100, 200, 400, 500, 500]);
    expect(backoffDelay(1, { baseDelayMs: 100, jitter: 0.5 }, () => 0)).toBe(50);
  });
  it('retries transient errors, not permanent ones', async () => {
    let n = 0;
    const slept: number[] = [];
    const value = await withRetry(
      async () => {
        if (++n < 3) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        return 'ok';
      },
      { baseDelayMs: 10, jitter: 0, sleep: async (ms) => void slept.push(ms) },
    );
    expect(value).toBe('ok');
    expect(slept).toEqual([10, 20]);
    await expect(withRetry(async () => { throw new PermanentError('bad'); }, { sleep: async () => undefined })).rejects.toBeInstanceOf(PermanentError);
    await expect(withRetry(async () => { throw Object.assign(new Error('x'), { response: { status: 503 } }); }, { attempts: 2, sleep: async () => undefined })).rejects.toBeInstanceOf(RetriesExhaustedError);
    expect(isTransientError(Object.assign(new Error('x'), { response: { status: 404 } }))).toBe(false);
    expect(isTransientError(Object.assign(new Error('x'), { status: 429 }))).toBe(true);
  });
  it('stops when aborted', async () => {
    const c = new AbortController();
    c.abort(new Error('stop'));
    await expect(withRetry(async () => 1, { signal: c.signal })).rejects.toThrow('stop');
  });
});
