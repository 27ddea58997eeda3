import { describe, expect, it } from 'vitest';
import { amountLabel, currencyOf, formatAmount, formatApproxAmount } from './amount';

const DEGEN = { symbol: 'DEGEN', decimals: 18 };
const SIX = { symbol: 'TOK6', decimals: 6 };

describe('formatAmount', () => {
  it('shows every digit in the currency, whatever its decimals', () => {
    expect(formatAmount(1_500_000_000_000_000_000n, DEGEN)).toBe('1.5 DEGEN');
    expect(formatAmount('1234567', SIX)).toBe('1.234567 TOK6');
    expect(formatAmount(1n, DEGEN)).toBe('0.000000000000000001 DEGEN');
    expect(formatAmount(0n, { symbol: 'XAI', decimals: 0 })).toBe('0 XAI');
  });
});

describe('formatApproxAmount', () => {
  it('rounds estimates to 6 decimals, keeps tiny amounts visible and never shows a positive amount as 0', () => {
    expect(formatApproxAmount(1_234_567_891_234_567_891n, DEGEN)).toBe('1.234567 DEGEN');
    expect(formatApproxAmount(123_456_789n, DEGEN)).toBe('0.000000000123 DEGEN');
    expect(formatApproxAmount(2_000_000_000_000_000_000n, DEGEN)).toBe('2 DEGEN');
    expect(formatApproxAmount(1_000_000_000_000_000_001n, DEGEN)).toBe('1 DEGEN');
    expect(formatApproxAmount(1n, { symbol: 'APE', decimals: 30 })).toBe(`0.${'0'.repeat(29)}1 APE`);
  });

  it('labels amount fields with the currency', () => {
    expect(amountLabel('Price', DEGEN)).toBe('Price (DEGEN)');
  });
});

describe('currencyOf', () => {
  const USD = { address: '0x00000000000000000000000000000000000000C6', symbol: 'tUSD', decimals: 6 } as const;
  it('shows a token price in the token, never in the native currency (issue #20)', () => {
    expect(formatAmount(12_500_000n, currencyOf(USD.address.toLowerCase(), DEGEN, [USD]))).toBe('12.5 tUSD');
    expect(formatAmount(12_500_000n, currencyOf(null, DEGEN, [USD]))).toBe('0.0000000000125 DEGEN');
    expect(formatAmount(5n, currencyOf('0x' + 'ab'.repeat(20), DEGEN, [USD]))).toBe('5 units of 0xabab…abab');
  });
});
