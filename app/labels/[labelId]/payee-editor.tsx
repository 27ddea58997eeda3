'use client';

import { percentToShares, SPLIT_SHARE_SCALE, validatePayees, type NormalizedSplit } from '../../../lib/splits';

export type PayeeRow = { account: string; percent: string };

/** The payees as a valid split, or every reason it is not (nothing is sent until there are none). */
export function checkPayees(
  rows: readonly PayeeRow[],
): { ok: true; split: NormalizedSplit } | { ok: false; errors: string[] } {
  const v = validatePayees(rows.map((r) => ({ address: r.account, percent: r.percent })));
  return v.ok ? v : { ok: false, errors: v.errors.map((e) => e.message) };
}

/** Rows of payee address + share (%), with add/remove; labelled inputs, keyboard reachable. */
export function PayeeEditor({
  idPrefix,
  rows,
  onChange,
}: {
  idPrefix: string;
  rows: PayeeRow[];
  onChange: (rows: PayeeRow[]) => void;
}) {
  const set = (i: number, patch: Partial<PayeeRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const total = rows.reduce((sum, r) => sum + (percentToShares(r.percent) ?? 0), 0) / (SPLIT_SHARE_SCALE / 100);
  return (
    <fieldset>
      <legend>Payees and shares</legend>
      {rows.map((r, i) => (
        <div key={i}>
          <label htmlFor={`${idPrefix}-account-${i}`}>Payee {i + 1} address</label>{' '}
          <input
            id={`${idPrefix}-account-${i}`}
            value={r.account}
            onChange={(e) => set(i, { account: e.target.value })}
            size={44}
            spellCheck={false}
            autoComplete="off"
          />{' '}
          <label htmlFor={`${idPrefix}-share-${i}`}>Payee {i + 1} share (%)</label>{' '}
          <input
            id={`${idPrefix}-share-${i}`}
            value={r.percent}
            onChange={(e) => set(i, { percent: e.target.value })}
            size={9}
            inputMode="decimal"
          />{' '}
          <button
            type="button"
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
            disabled={rows.length <= 1}
            aria-label={`Remove payee ${i + 1}`}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, { account: '', percent: '' }])}>
        Add payee
      </button>{' '}
      <span aria-live="polite">Total: {Number.isFinite(total) ? total.toFixed(4).replace(/\.?0+$/, '') : '?'}%</span>
    </fieldset>
  );
}
