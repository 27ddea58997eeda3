/**
 * SplitMain's share scale (contracts/splits/SplitMain.sol): shares are integers out of 1 000 000 = 100%, so a
 * percentage has at most four decimals (1 share = 0.0001%).
 */
export const SPLIT_SHARE_SCALE = 1_000_000;
/** Most recipients SplitMain accepts in one split. */
export const MAX_SPLIT_RECIPIENTS = 200;

const PERCENT_TEXT = /^\d{1,3}(\.\d{1,4})?$/;
export const PERCENT_TEXT_MESSAGE = 'Enter a percentage such as 50 or 12.5 (at most 4 decimals)';

/** Percent text ("33.3333") -> share units (333 333), exactly; null when it is not a number with at most 4 decimals. */
export function percentToShares(text: string): number | null {
  const t = text.trim();
  if (!PERCENT_TEXT.test(t)) return null;
  const [whole = '0', frac = ''] = t.split('.');
  return Number(whole) * 10_000 + Number(frac.padEnd(4, '0'));
}

/** Share units -> percent text without trailing zeros ("12.5"). */
export function sharesToPercent(shares: number | bigint): string {
  const n = Number(shares);
  const whole = Math.floor(n / 10_000);
  const frac = String(n % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}
