import { formatUnits } from 'viem';
import { shortHex } from './short-hex';

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

/** An ERC-20 prices may be in (issue #20): the chain's configured stablecoin. */
export type TokenCurrency = Currency & { address: `0x${string}` };

/**
 * The currency of an amount priced in the ERC-20 at `address`, or in the native currency when `address` is null:
 * a token amount is never shown as the native currency. A token Motif does not know is named by its address and
 * shown in its smallest units (its decimals are unknown).
 */
export function currencyOf(
  address: string | null | undefined,
  native: Currency,
  tokens: readonly TokenCurrency[],
): Currency {
  if (!address) return native;
  const token = tokens.find((t) => t.address.toLowerCase() === address.toLowerCase());
  return token
    ? { symbol: token.symbol, decimals: token.decimals }
    : { symbol: `units of ${shortHex(address)}`, decimals: 0 };
}
