import { getAddress, isAddress, type Address } from 'viem';
import { z } from 'zod';
import { shortHex } from '../format/short-hex';
import { MAX_SPLIT_RECIPIENTS, SPLIT_SHARE_SCALE, sharesToPercent } from './shares';

/** A split as SplitMain takes it: accounts ascending and unique, shares summing to SPLIT_SHARE_SCALE. */
export type NormalizedSplit = { accounts: Address[]; shares: number[] };

/**
 * The one split schema: a list of `{ account, share }` (share in SplitMain units) checked as SplitMain will check it
 * (valid, unique accounts; positive whole shares summing to 100%; at most MAX_SPLIT_RECIPIENTS), every problem
 * reported with its path, and sorted as createSplit/updateSplit require.
 */
export const splitRecipientsSchema = z
  .array(z.object({ account: z.string().trim(), share: z.number() }).strict(), { error: 'payees must be a list' })
  .superRefine((payees, ctx) => {
    if (payees.length === 0) ctx.addIssue({ code: 'custom', path: [], message: 'Add at least one payee' });
    if (payees.length > MAX_SPLIT_RECIPIENTS)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `A split has at most ${MAX_SPLIT_RECIPIENTS} payees (${payees.length} given)`,
      });
    const seen = new Map<string, number>();
    let sum = 0;
    let sharesValid = true;
    payees.forEach((p, i) => {
      const label = `Payee ${i + 1}`;
      if (!isAddress(p.account, { strict: false })) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'account'],
          message: `${label}: "${shortHex(p.account) || '(empty)'}" is not a valid address (0x and 40 hex digits)`,
        });
      } else {
        const first = seen.get(p.account.toLowerCase());
        if (first !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [i, 'account'],
            message: `${label}: ${shortHex(getAddress(p.account))} is already payee ${first + 1}; list each payee once`,
          });
        else seen.set(p.account.toLowerCase(), i);
      }
      if (!Number.isInteger(p.share)) {
        sharesValid = false;
        ctx.addIssue({ code: 'custom', path: [i, 'share'], message: `${label}: shares are whole units of 0.0001%` });
      } else if (p.share <= 0) {
        sharesValid = false;
        ctx.addIssue({ code: 'custom', path: [i, 'share'], message: `${label}: a share must be more than 0%` });
      }
      sum += p.share;
    });
    if (sharesValid && payees.length > 0 && sum !== SPLIT_SHARE_SCALE) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `Shares add up to ${sharesToPercent(sum)}%; they must add up to exactly 100%`,
      });
    }
  })
  .transform((payees): NormalizedSplit => {
    const sorted = payees
      .map((p) => ({ account: getAddress(p.account), share: p.share }))
      .sort((a, b) => (BigInt(a.account) < BigInt(b.account) ? -1 : 1));
    return { accounts: sorted.map((p) => p.account), shares: sorted.map((p) => p.share) };
  });

export type SplitRecipientInput = z.input<typeof splitRecipientsSchema>[number];
