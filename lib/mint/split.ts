/**
 * The royalty and split form: royalty rate (percent of a sale, ERC-2981) and the payees who share it (percent each,
 * lib/splits), with an optional controller (a label that may change the split later). Validated with zod;
 * every problem comes back as a `{ field, message }` a form can show next to its input.
 */
import { getAddress, isAddress, type Address } from 'viem';
import { z } from 'zod';
import { MAX_ROYALTY_BPS } from '../contracts/voucher';
import { shortHex } from '../format/short-hex';
import {
  PERCENT_TEXT_MESSAGE,
  percentToShares,
  validatePayees,
  type FieldError,
  type NormalizedSplit,
} from '../splits';

export type { FieldError };
/** Highest royalty rate in percent (TrackCollection's MAX_ROYALTY_BPS). */
export const MAX_ROYALTY_PERCENT = MAX_ROYALTY_BPS / 100;

export const payeeInputSchema = z.object({ address: z.string().trim(), percent: z.string() });
export type PayeeInput = z.infer<typeof payeeInputSchema>;

export const splitFormSchema = z.object({
  royaltyPercent: z.string(),
  payees: z.array(payeeInputSchema),
  /** Empty: nobody may change the split (immutable). */
  controller: z.string().trim(),
});
export type SplitForm = z.infer<typeof splitFormSchema>;

export type ValidSplit = {
  royaltyBps: number;
  /** Sorted, with shares in SplitMain units; one payee means no split contract (the payee receives the royalty). */
  split: NormalizedSplit;
  controller: Address | null;
};

export type SplitValidation = { ok: true; value: ValidSplit } | { ok: false; errors: FieldError[] };

/** Validates the form; `ok` with the contract-ready values, or every problem found. */
export function validateSplit(input: SplitForm): SplitValidation {
  const form = splitFormSchema.parse(input);
  const errors: FieldError[] = [];

  let royaltyBps = 0;
  const royaltyShares = percentToShares(form.royaltyPercent);
  if (royaltyShares === null) errors.push({ field: 'royaltyPercent', message: `Royalty: ${PERCENT_TEXT_MESSAGE}` });
  else {
    royaltyBps = royaltyShares / 100;
    if (royaltyShares % 100 !== 0)
      errors.push({ field: 'royaltyPercent', message: 'Royalty: at most 2 decimals (basis points)' });
    else if (royaltyBps > MAX_ROYALTY_BPS)
      errors.push({ field: 'royaltyPercent', message: `Royalty: at most ${MAX_ROYALTY_PERCENT}%` });
  }

  const payees = validatePayees(form.payees);
  if (!payees.ok) errors.push(...payees.errors);

  let controller: Address | null = null;
  if (form.controller !== '') {
    if (!isAddress(form.controller, { strict: false }))
      errors.push({
        field: 'controller',
        message: `Label (controller): "${shortHex(form.controller)}" is not a valid address`,
      });
    else controller = getAddress(form.controller);
  }

  if (errors.length > 0 || !payees.ok) return { ok: false, errors };
  return { ok: true, value: { royaltyBps, split: payees.split, controller } };
}

/** Whether the royalty goes through a SplitMain split (more than one payee, or a controller who may change it later). */
export function needsSplitContract(v: ValidSplit): boolean {
  return v.split.accounts.length > 1 || v.controller !== null;
}
