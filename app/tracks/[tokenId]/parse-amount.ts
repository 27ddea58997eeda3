import { parseUnits } from 'viem';

/** A positive amount typed in the chain's currency, in its base units (null: not a valid amount). */
export function parseAmount(text: string, decimals: number): bigint | null {
  const t = text.trim();
  if (!new RegExp(`^\\d+(\\.\\d{1,${Math.max(decimals, 1)}})?$`).test(t) || (decimals === 0 && t.includes('.')))
    return null;
  const v = parseUnits(t, decimals);
  return v > 0n ? v : null;
}
