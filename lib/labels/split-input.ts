import { getAddress, isAddress, type Address } from 'viem';
import { z } from 'zod';

/** SplitMain's 100%: shares are integers out of 1 000 000 (so percentages have up to four decimals). */
export const SHARE_SCALE = 1_000_000;
export const MAX_PAYEES = 200;

export type SplitPayeeInput = { account: string; share: number };
export type ValidSplit = { accounts: Address[]; shares: number[] };

/** Percent text ("33.3333") -> share units (333 333), or null when it is not a number with at most four decimals. */
export function percentToShare(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,3}(\.\d{1,4})?$/.test(t)) return null;
  const [whole = '0', frac = ''] = t.split('.');
  return Number(whole) * 10_000 + Number(frac.padEnd(4, '0'));
}

export function shareToPercent(share: number | bigint): string {
  const n = Number(share);
  const whole = Math.floor(n / 10_000);
  const frac = String(n % 10_000).padStart(4, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/**
 * Checks payees the way SplitMain will (valid addresses, no duplicates, positive shares summing to 100%) and sorts
 * them ascending by address, as createSplit/updateSplit require. Every problem is reported, each with a clear message.
 */
export const splitPayeesSchema = z
  .array(z.object({ account: z.string().trim(), share: z.number().int('shares are whole units of 0.0001%') }).strict(), { error: 'payees must be a list' })
  .min(1, 'A split needs at least one payee')
  .max(MAX_PAYEES, `A split has at most ${MAX_PAYEES} payees`)
  .superRefine((payees, ctx) => {
    const seen = new Map<string, number>();
    let sum = 0;
    payees.forEach((p, i) => {
      if (!isAddress(p.account, { strict: false })) {
        ctx.addIssue({ code: 'custom', path: [i, 'account'], message: `Payee ${i + 1}: "${p.account}" is not a valid address` });
      } else {
        const key = p.account.toLowerCase();
        const first = seen.get(key);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'account'], message: `Payee ${i + 1} duplicates payee ${first + 1} (${getAddress(p.account)})` });
        else seen.set(key, i);
      }
      if (p.share <= 0) ctx.addIssue({ code: 'custom', path: [i, 'share'], message: `Payee ${i + 1}: a share must be more than 0%` });
      sum += p.share;
    });
    if (sum !== SHARE_SCALE) ctx.addIssue({ code: 'custom', path: [], message: `Shares sum to ${shareToPercent(sum)}%; they must sum to exactly 100%` });
  })
  .transform((payees): ValidSplit => {
    const sorted = payees.map((p) => ({ account: getAddress(p.account), share: p.share })).sort((a, b) => (BigInt(a.account) < BigInt(b.account) ? -1 : 1));
    return { accounts: sorted.map((p) => p.account), shares: sorted.map((p) => p.share) };
  });

/** The payees as a valid split, or the list of messages explaining what is wrong. */
export function validateSplit(payees: readonly SplitPayeeInput[]): { ok: true; split: ValidSplit } | { ok: false; errors: string[] } {
  const parsed = splitPayeesSchema.safeParse(payees);
  return parsed.success ? { ok: true, split: parsed.data } : { ok: false, errors: parsed.error.issues.map((i) => i.message) };
}
