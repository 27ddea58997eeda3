import { getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { percentToShare, shareToPercent, validateSplit } from '../../lib/labels/split-input';

describe('split editor input', () => {
  it('converts percentages with up to four decimals to SplitMain shares and back', () => {
    expect(percentToShare('33.3333')).toBe(333_333);
    expect(percentToShare('100')).toBe(1_000_000);
    expect(percentToShare('0.0001')).toBe(1);
    expect(percentToShare('1.23456')).toBeNull();
    expect(percentToShare('abc')).toBeNull();
    expect(shareToPercent(333_334)).toBe('33.3334');
    expect(shareToPercent(500_000)).toBe('50');
  });
  it('sorts valid payees ascending (as SplitMain requires) and explains invalid ones', () => {
    const b = '0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    const a = '0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const ok = validateSplit([{ account: b, share: 250_000 }, { account: a, share: 750_000 }]);
    expect(ok).toEqual({ ok: true, split: { accounts: [getAddress(a), getAddress(b)], shares: [750_000, 250_000] } });
    const bad = validateSplit([{ account: a, share: 500_000 }, { account: a.toUpperCase().replace('0X', '0x'), share: 400_000 }]);
    expect(bad).toEqual({ ok: false, errors: [`Payee 2 duplicates payee 1 (${getAddress(a)})`, 'Shares sum to 90%; they must sum to exactly 100%'] });
  });
});
