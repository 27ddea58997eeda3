import { describe, expect, it } from 'vitest';
import { assetName, formatAssetAmount, NATIVE_ASSET } from './format-amount';

const DEGEN = { symbol: 'DEGEN', decimals: 18 };

describe('formatAssetAmount', () => {
  it("shows the native asset in the chain's currency and an ERC-20 in its own decimals", () => {
    expect(formatAssetAmount('1500000000000000000', NATIVE_ASSET, DEGEN)).toBe('1.5 DEGEN');
    expect(formatAssetAmount('1500000000000000000', NATIVE_ASSET, { symbol: 'ETH', decimals: 18 })).toBe('1.5 ETH');
    expect(
      formatAssetAmount(10_358n, '0x1234567890123456789012345678901234567890', DEGEN, { decimals: 2, symbol: 'USDx' }),
    ).toBe('103.58 USDx');
  });

  it('falls back to base units while the token is unknown', () => {
    expect(formatAssetAmount('10358', '0x1234567890123456789012345678901234567890', DEGEN)).toBe(
      '10358 base units of 0x123456…',
    );
  });

  it('names the native asset by the chain currency, never by the internal key', () => {
    expect(assetName(NATIVE_ASSET, DEGEN)).toBe('DEGEN');
    expect(assetName('0xabc', DEGEN)).toBe('ERC-20 0xabc');
  });
});
