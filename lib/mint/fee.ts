/** The fee shown before any signature: gas estimate x fee per gas for each transaction, in the chain's native token. */
import { formatUnits } from 'viem';

export type FeeLine = { label: string; gas: bigint };
export type FeeEstimate = { lines: Array<FeeLine & { wei: bigint }>; feePerGas: bigint; totalWei: bigint };

/**
 * `feePerGas`: EIP-1559 maxFeePerGas (the most a transaction may cost), or the legacy gasPrice. A split creation
 * line is included by the caller only when the split is new.
 */
export function estimateFee(lines: readonly FeeLine[], feePerGas: bigint): FeeEstimate {
  if (feePerGas < 0n) throw new Error('fee per gas must not be negative');
  const priced = lines.map((l) => {
    if (l.gas <= 0n) throw new Error(`gas estimate for ${l.label} must be positive`);
    return { ...l, wei: l.gas * feePerGas };
  });
  return { lines: priced, feePerGas, totalWei: priced.reduce((s, l) => s + l.wei, 0n) };
}

/** e.g. `0.000123 ETH` (at most `digits` significant decimals, never rounded down to zero). */
export function formatNative(wei: bigint, symbol: string, decimals = 18, digits = 6): string {
  const full = formatUnits(wei, decimals);
  const [whole, frac = ''] = full.split('.');
  if (!frac) return `${whole} ${symbol}`;
  const firstNonZero = frac.search(/[1-9]/);
  const keep = whole !== '0' ? digits : Math.max(digits, firstNonZero + 3);
  const trimmed = frac.slice(0, keep).replace(/0+$/, '');
  return `${trimmed ? `${whole}.${trimmed}` : whole === '0' && wei > 0n ? `<0.${'0'.repeat(keep - 1)}1` : whole} ${symbol}`;
}

/** Whether `balance` covers the fee plus `value` sent with the transaction. */
export function canAfford(balance: bigint, fee: FeeEstimate, value = 0n): boolean {
  return balance >= fee.totalWei + value;
}
