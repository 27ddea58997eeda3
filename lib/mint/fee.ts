/** The fee shown before any signature: gas estimate x fee per gas for each transaction, in the chain's native token. */
import { formatApproxAmount } from '../format/amount';

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

/** e.g. `0.000123 DEGEN`: lib/format/amount.ts's approximate form (the one place amounts become text). */
export function formatNative(wei: bigint, symbol: string, decimals = 18, digits = 6): string {
  return formatApproxAmount(wei, { symbol, decimals }, digits);
}

/** Whether `balance` covers the fee plus `value` sent with the transaction. */
export function canAfford(balance: bigint, fee: FeeEstimate, value = 0n): boolean {
  return balance >= fee.totalWei + value;
}
