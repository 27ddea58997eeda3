import { formatEther, formatUnits } from 'viem';

export type TokenInfo = { decimals: number; symbol: string };

/**
 * An earnings amount for people: ETH in ether, an ERC-20 in its own decimals and symbol (read from the token), or in
 * base units with the token's address while its decimals are unknown.
 */
export function formatAssetAmount(baseUnits: string | bigint, asset: string, token?: TokenInfo): string {
  const value = BigInt(baseUnits);
  if (asset === 'ETH') return `${formatEther(value)} ETH`;
  if (token) return `${formatUnits(value, token.decimals)} ${token.symbol}`;
  return `${value} base units of ${asset.slice(0, 8)}…`;
}
