import { describe, expect, it } from 'vitest';
import { memoizeFor } from './health-cache';

describe('memoizeFor (the one-second health cache)', () => {
  it('runs the check once per window, shares a run in flight with every caller, and runs again after the window', async () => {
    let clock = 0;
    let runs = 0;
    const check = memoizeFor(
      1_000,
      async () => ++runs,
      () => clock,
    );
    expect(await Promise.all(Array.from({ length: 50 }, () => check()))).toEqual(Array(50).fill(1));
    clock = 999;
    expect(await check()).toBe(1);
    clock = 1_000;
    expect(await check()).toBe(2);
    expect(runs).toBe(2);
  });

  it('does not keep a failed run: the next call checks again', async () => {
    let clock = 0;
    let runs = 0;
    const check = memoizeFor(
      1_000,
      async () => {
        runs++;
        if (runs === 1) throw new Error('database down');
        return runs;
      },
      () => clock,
    );
    await expect(check()).rejects.toThrow('database down');
    clock = 1;
    expect(await check()).toBe(2);
    expect(runs).toBe(2);
  });
});
