import { describe, expect, it } from 'vitest';
import { isTransientError, PermanentError, RetriesExhaustedError, withRetry } from './retry';

describe('retry with back-off (p-retry)', () => {
  it('retries transient errors, not permanent ones', async () => {
    let n = 0;
    const retried: number[] = [];
    const value = await withRetry(
      async () => {
        if (++n < 3) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        return 'ok';
      },
      { baseDelayMs: 1, randomize: false, onRetry: ({ attempt }) => void retried.push(attempt) },
    );
    expect(value).toBe('ok');
    expect(retried).toEqual([1, 2]);
    let permanentAttempts = 0;
    const permanent = new PermanentError('bad');
    await expect(
      withRetry(
        async () => {
          permanentAttempts++;
          throw permanent;
        },
        { baseDelayMs: 1 },
      ),
    ).rejects.toBe(permanent);
    expect(permanentAttempts).toBe(1);
    expect(isTransientError(Object.assign(new Error('x'), { response: { status: 404 } }))).toBe(false);
    expect(isTransientError(Object.assign(new Error('x'), { status: 429 }))).toBe(true);
  });

  it('gives up after the attempts with every error, the last as cause', async () => {
    let n = 0;
    const error = await withRetry(
      async () => {
        throw Object.assign(new Error(`down ${++n}`), { response: { status: 503 } });
      },
      { attempts: 3, baseDelayMs: 1 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as RetriesExhaustedError).errors.map((e) => (e as Error).message)).toEqual([
      'down 1',
      'down 2',
      'down 3',
    ]);
    expect((error as RetriesExhaustedError).cause).toBe((error as RetriesExhaustedError).errors[2]);
  });

  it('passes on what was thrown, even a non-Error', async () => {
    await expect(
      withRetry(async () => {
        throw 'plain';
      }),
    ).rejects.toBe('plain');
  });

  it('stops when aborted, before an attempt and while waiting to retry', async () => {
    const c = new AbortController();
    c.abort(new Error('stop'));
    await expect(withRetry(async () => 1, { signal: c.signal })).rejects.toThrow('stop');
    const waiting = new AbortController();
    const run = withRetry(
      async () => {
        throw Object.assign(new Error('x'), { status: 503 });
      },
      { baseDelayMs: 60_000, signal: waiting.signal, onRetry: () => waiting.abort(new Error('stopped while waiting')) },
    );
    await expect(run).rejects.toThrow('stopped while waiting');
  });
});
