import { formatAmount, type Currency } from '../format/amount';

export type TokenInfo = { decimals: number; symbol: string };

/** The asset key the earnings statements use for the chain's native token (anything else is an ERC-20 address). */
export const NATIVE_ASSET = 'ETH';

/** What an earnings asset is called for people: the chain's currency symbol, or the ERC-20's symbol or address. */
export function assetName(asset: string, native: Currency, token?: TokenInfo): string {
  return asset === NATIVE_ASSET ? native.symbol : token ? token.symbol : `ERC-20 ${asset}`;
}

/**
 * An earnings amount for people: the native asset in the chain's currency, an ERC-20 in its own decimals and symbol
 * (read from the token), or in base units with the token's address while its decimals are unknown.
 */
export function formatAssetAmount(
  baseUnits: string | bigint,
  asset: string,
  native: Currency,
  token?: TokenInfo,
): string {
  const value = BigInt(baseUnits);
  if (asset === NATIVE_ASSET) return formatAmount(value, native);
  if (token) return formatAmount(value, token);
  return `${value} base units of ${asset.slice(0, 8)}…`;
}
