import { formatUnits } from 'viem';

/** A currency as amounts are shown in it: the chain's native token (viem's `chain.nativeCurrency`) or an ERC-20. */
export type Currency = { symbol: string; decimals: number };

/**
 * The one place amounts become text. `formatAmount` is exact (prices, balances, payouts: every digit the chain holds);
 * `formatApproxAmount` rounds for estimates (fees), never down to zero.
 */
export function formatAmount(baseUnits: bigint | string, currency: Currency): string {
  return `${formatUnits(BigInt(baseUnits), currency.decimals)} ${currency.symbol}`;
}

/** e.g. `0.000123 DEGEN`: at most `digits` decimals (more for a tiny amount, 3 past its first non-zero digit). */
export function formatApproxAmount(baseUnits: bigint | string, currency: Currency, digits = 6): string {
  const [whole, frac = ''] = formatUnits(BigInt(baseUnits), currency.decimals).split('.');
  if (!frac) return `${whole} ${currency.symbol}`;
  const firstNonZero = frac.search(/[1-9]/);
  const keep = whole !== '0' ? digits : Math.max(digits, firstNonZero + 3);
  const trimmed = frac.slice(0, keep).replace(/0+$/, '');
  // below 1 the first non-zero digit is always kept, so a positive amount never reads as 0
  return `${trimmed ? `${whole}.${trimmed}` : whole} ${currency.symbol}`;
}

/** The label of a form field that takes an amount, e.g. `Price (DEGEN)`. */
export function amountLabel(what: string, currency: Currency): string {
  return `${what} (${currency.symbol})`;
}
