import { describe, expect, it } from 'vitest';
import { formatAssetAmount } from './format-amount';

describe('formatAssetAmount', () => {
  it('shows ETH in ether and an ERC-20 in its own decimals', () => {
    expect(formatAssetAmount('1500000000000000000', 'ETH')).toBe('1.5 ETH');
    expect(formatAssetAmount(10_358n, '0x1234567890123456789012345678901234567890', { decimals: 2, symbol: 'USDx' })).toBe('103.58 USDx');
  });

  it('falls back to base units while the token is unknown', () => {
    expect(formatAssetAmount('10358', '0x1234567890123456789012345678901234567890')).toBe('10358 base units of 0x123456…');
  });
});
