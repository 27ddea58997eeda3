/**
 * The royalty and split form: royalty rate (percent of a sale, ERC-2981) and the payees who share it (percent each,
 * SplitMain's 1e6 = 100%), with an optional controller (a label that may change the split later). Validated with zod;
 * every problem comes back as a `{ field, message }` a form can show next to its input.
 */
import { getAddress, isAddress, type Address } from 'viem';
import { z } from 'zod';
import { MAX_SPLIT_RECIPIENTS, normalizeSplit, type NormalizedSplit } from '../contracts/splits';
import { MAX_ROYALTY_BPS, SPLIT_PERCENTAGE_SCALE } from '../contracts/voucher';
import { shortHex } from '../format/short-hex';

export { MAX_SPLIT_RECIPIENTS };
/** Highest royalty rate in percent (TrackCollection's MAX_ROYALTY_BPS). */
export const MAX_ROYALTY_PERCENT = MAX_ROYALTY_BPS / 100;

/** A percentage typed by a person: up to 4 decimals (SplitMain's share unit is 0.0001%). */
const percentText = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, 'Enter a percentage such as 50 or 12.5 (at most 4 decimals)');

export const payeeInputSchema = z.object({ address: z.string().trim(), percent: z.string() });
export type PayeeInput = z.infer<typeof payeeInputSchema>;

export const splitFormSchema = z.object({
  royaltyPercent: z.string(),
  payees: z.array(payeeInputSchema),
  /** Empty: nobody may change the split (immutable). */
  controller: z.string().trim(),
});
export type SplitForm = z.infer<typeof splitFormSchema>;

export type FieldError = { field: string; message: string };

export type ValidSplit = {
  royaltyBps: number;
  /** Sorted, with shares in SplitMain units; one payee means no split contract (the payee receives the royalty). */
  split: NormalizedSplit;
  controller: Address | null;
};

export type SplitValidation = { ok: true; value: ValidSplit } | { ok: false; errors: FieldError[] };

/** Percent text -> SplitMain share units (exact: 4 decimals = 1e-4 % = 1 unit). */
export function percentToShares(text: string): number {
  const [whole = '0', frac = ''] = text.trim().split('.');
  return Number(whole) * 10_000 + Number(frac.padEnd(4, '0'));
}

/** Share units -> percent text without trailing zeros ("12.5"). */
export function sharesToPercent(shares: number): string {
  const whole = Math.floor(shares / 10_000);
  const frac = (shares % 10_000).toString().padStart(4, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/** Validates the form; `ok` with the contract-ready values, or every problem found. */
export function validateSplit(input: SplitForm): SplitValidation {
  const form = splitFormSchema.parse(input);
  const errors: FieldError[] = [];

  let royaltyBps = 0;
  const royalty = percentText.safeParse(form.royaltyPercent);
  if (!royalty.success) errors.push({ field: 'royaltyPercent', message: `Royalty: ${royalty.error.issues[0]?.message ?? 'invalid'}` });
  else {
    royaltyBps = Math.round(percentToShares(royalty.data) / 100);
    if (percentToShares(royalty.data) % 100 !== 0) errors.push({ field: 'royaltyPercent', message: 'Royalty: at most 2 decimals (basis points)' });
    else if (royaltyBps > MAX_ROYALTY_BPS) errors.push({ field: 'royaltyPercent', message: `Royalty: at most ${MAX_ROYALTY_PERCENT}%` });
  }

  if (form.payees.length === 0) errors.push({ field: 'payees', message: 'Add at least one payee' });
  if (form.payees.length > MAX_SPLIT_RECIPIENTS) errors.push({ field: 'payees', message: `A split has at most ${MAX_SPLIT_RECIPIENTS} payees (${form.payees.length} given)` });

  const seen = new Map<string, number>();
  let sum = 0;
  let sharesValid = true;
  const recipients: { account: Address; share: number }[] = [];
  form.payees.forEach((p, i) => {
    const label = `Payee ${i + 1}`;
    const addressText = p.address.trim();
    let account: Address | null = null;
    if (!isAddress(addressText, { strict: false })) errors.push({ field: `payees.${i}.address`, message: `${label}: "${shortHex(addressText) || '(empty)'}" is not a valid address (0x and 40 hex digits)` });
    else {
      account = getAddress(addressText);
      const first = seen.get(account.toLowerCase());
      if (first !== undefined) errors.push({ field: `payees.${i}.address`, message: `${label}: ${shortHex(account)} is already payee ${first + 1}; list each payee once` });
      else seen.set(account.toLowerCase(), i);
    }
    const pct = percentText.safeParse(p.percent);
    if (!pct.success) {
      sharesValid = false;
      errors.push({ field: `payees.${i}.percent`, message: `${label}: ${pct.error.issues[0]?.message ?? 'invalid share'}` });
    } else {
      const shares = percentToShares(pct.data);
      if (shares === 0) {
        sharesValid = false;
        errors.push({ field: `payees.${i}.percent`, message: `${label}: a share must be more than 0%` });
      }
      sum += shares;
      if (account) recipients.push({ account, share: shares });
    }
  });
  if (sharesValid && form.payees.length > 0 && sum !== SPLIT_PERCENTAGE_SCALE) {
    errors.push({ field: 'payees', message: `Shares add up to ${sharesToPercent(sum)}%; they must add up to exactly 100%` });
  }

  let controller: Address | null = null;
  if (form.controller !== '') {
    if (!isAddress(form.controller, { strict: false })) errors.push({ field: 'controller', message: `Label (controller): "${shortHex(form.controller)}" is not a valid address` });
    else controller = getAddress(form.controller);
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { royaltyBps, split: normalizeSplit(recipients), controller } };
}

/** Whether the royalty goes through a SplitMain split (more than one payee, or a controller who may change it later). */
export function needsSplitContract(v: ValidSplit): boolean {
  return v.split.accounts.length > 1 || v.controller !== null;
}
