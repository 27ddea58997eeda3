import { splitRecipientsSchema, type NormalizedSplit } from './schema';
import { percentToShares, PERCENT_TEXT_MESSAGE } from './shares';

/** A problem next to the input it belongs to: `payees`, `payees.<i>.address` or `payees.<i>.percent`. */
export type FieldError = { field: string; message: string };

/** A payee as a form holds it: address and percentage as typed. */
export type PayeeRow = { address: string; percent: string };

export type PayeesValidation = { ok: true; split: NormalizedSplit } | { ok: false; errors: FieldError[] };

/** Payees typed in a form (mint form, label split editor) as a split SplitMain accepts, or every problem, by field. */
export function validatePayees(rows: readonly PayeeRow[]): PayeesValidation {
  const errors: FieldError[] = [];
  const recipients = rows.map((r, i) => {
    const share = percentToShares(r.percent);
    if (share === null)
      errors.push({ field: `payees.${i}.percent`, message: `Payee ${i + 1}: ${PERCENT_TEXT_MESSAGE}` });
    // an unreadable share stands in as 1 unit: its own message is above, and the sum is not checked (see below)
    return { account: r.address.trim(), share: share ?? 1 };
  });
  const unreadable = errors.length;
  const parsed = splitRecipientsSchema.safeParse(recipients);
  if (parsed.success && errors.length === 0) return { ok: true, split: parsed.data };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const [i, key] = issue.path;
    if (typeof i !== 'number') {
      // with an unreadable share the sum means nothing
      if (unreadable === 0 || issue.code !== 'custom' || !issue.message.startsWith('Shares add up'))
        errors.push({ field: 'payees', message: issue.message });
    } else errors.push({ field: `payees.${i}.${key === 'share' ? 'percent' : 'address'}`, message: issue.message });
  }
  return { ok: false, errors: errors.sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field)) };
}

/** Row problems in row order (address before share), list-wide ones last, as the form shows them. */
function fieldOrder(field: string): number {
  const m = /^payees\.(\d+)\.(address|percent)$/.exec(field);
  return m ? Number(m[1]) * 2 + (m[2] === 'percent' ? 1 : 0) : Number.MAX_SAFE_INTEGER;
}
