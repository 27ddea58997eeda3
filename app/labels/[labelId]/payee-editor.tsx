'use client';

import { isAddress } from 'viem';
import { percentToShare, validateSplit, type ValidSplit } from '../../../lib/labels/split-input';

export type PayeeRow = { account: string; percent: string };

/** The payees as a valid split, or every reason it is not (nothing is sent until there are none). */
export function checkPayees(rows: readonly PayeeRow[]): { ok: true; split: ValidSplit } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const payees = rows.map((r, i) => {
    const share = percentToShare(r.percent);
    if (share === null) errors.push(`Payee ${i + 1}: share "${r.percent}" must be a percentage with at most four decimals`);
    return { account: r.account.trim(), share: share ?? 0 };
  });
  if (errors.length > 0) {
    payees.forEach((p, i) => { if (!isAddress(p.account, { strict: false })) errors.push(`Payee ${i + 1}: "${p.account}" is not a valid address`); });
    return { ok: false, errors };
  }
  return validateSplit(payees);
}

/** Rows of payee address + share (%), with add/remove; labelled inputs, keyboard reachable. */
export function PayeeEditor({ idPrefix, rows, onChange }: { idPrefix: string; rows: PayeeRow[]; onChange: (rows: PayeeRow[]) => void }) {
  const set = (i: number, patch: Partial<PayeeRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const total = rows.reduce((sum, r) => sum + (percentToShare(r.percent) ?? 0), 0) / 10_000;
  return (
    <fieldset>
      <legend>Payees and shares</legend>
      {rows.map((r, i) => (
        <div key={i}>
          <label htmlFor={`${idPrefix}-account-${i}`}>Payee {i + 1} address</label>{' '}
          <input id={`${idPrefix}-account-${i}`} value={r.account} onChange={(e) => set(i, { account: e.target.value })} size={44} spellCheck={false} autoComplete="off" />{' '}
          <label htmlFor={`${idPrefix}-share-${i}`}>Payee {i + 1} share (%)</label>{' '}
          <input id={`${idPrefix}-share-${i}`} value={r.percent} onChange={(e) => set(i, { percent: e.target.value })} size={9} inputMode="decimal" />{' '}
          <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))} disabled={rows.length <= 1} aria-label={`Remove payee ${i + 1}`}>Remove</button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, { account: '', percent: '' }])}>Add payee</button>{' '}
      <span aria-live="polite">Total: {Number.isFinite(total) ? total.toFixed(4).replace(/\.?0+$/, '') : '?'}%</span>
    </fieldset>
  );
}
