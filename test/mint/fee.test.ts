import { describe, expect, it } from 'vitest';
import { canAfford, estimateFee, formatNative } from '../../lib/mint/fee';

describe('fee estimation', () => {
  it('is gas x fee per gas per transaction, the split creation included when new', () => {
    const f = estimateFee(
      [
        { label: 'Mint', gas: 200_000n },
        { label: 'Create split', gas: 150_000n },
      ],
      2_000_000_000n,
    );
    expect(f.lines.map((l) => l.wei)).toEqual([400_000_000_000_000n, 300_000_000_000_000n]);
    expect(f.totalWei).toBe(700_000_000_000_000n);
    expect(formatNative(f.totalWei, 'ETH')).toBe('0.0007 ETH');
    expect(canAfford(699_999_999_999_999n, f)).toBe(false);
    expect(canAfford(700_000_000_000_000n, f)).toBe(true);
    expect(() => estimateFee([{ label: 'Mint', gas: 0n }], 1n)).toThrow(/positive/);
  });
  it('formats small and large amounts readably', () => {
    expect(formatNative(1n, 'ETH')).toBe('0.000000000000000001 ETH'); // never rounded to zero
    expect(formatNative(1_234_567_890_000_000_000n, 'ETH')).toBe('1.234567 ETH');
    expect(formatNative(0n, 'ETH')).toBe('0 ETH');
    expect(formatNative(123_456_000_000n, 'ETH')).toBe('0.000000123 ETH');
  });
});
