import { describe, expect, it } from 'vitest';
import { percentToShares, sharesToPercent, SPLIT_SHARE_SCALE } from './shares';

describe('percent <-> SplitMain shares', () => {
  it('converts percentages with up to four decimals exactly, and back', () => {
    expect(percentToShares('33.3333')).toBe(333_333);
    expect(percentToShares('100')).toBe(SPLIT_SHARE_SCALE);
    expect(percentToShares(' 0.0001 ')).toBe(1);
    expect(sharesToPercent(333_334)).toBe('33.3334');
    expect(sharesToPercent(500_000n)).toBe('50');
    for (const s of [1, 125_000, 999_999, SPLIT_SHARE_SCALE]) expect(percentToShares(sharesToPercent(s))).toBe(s);
  });

  it('refuses what is not a percentage with at most four decimals', () => {
    for (const t of ['1.23456', 'abc', '', '-5', '1e2', '1000', '12.']) expect(percentToShares(t)).toBeNull();
  });
});
