'use client';

import { PHASE_MODES, type PhaseMode } from '../../../lib/editions/schedule';
import type { PhaseDraft } from '../../../lib/editions/wizard-draft';
import type { Currency } from '../../../lib/format/amount';

export const MODE_LABEL: Record<PhaseMode, string> = {
  public: 'Public',
  allowlist: 'Presale (allowlist CSV)',
  signature: 'Signature-gated (you approve each mint)',
};

/** One phase's fields: kind, price and its currency, times, caps, and the allowlist CSV for a presale. */
export function PhaseEditor({
  index,
  draft,
  ids,
  native,
  stablecoin,
  canRemove,
  update,
  readCsv,
  remove,
}: {
  index: number;
  draft: PhaseDraft;
  ids: string;
  native: Currency;
  stablecoin: Currency | null;
  canRemove: boolean;
  update: (patch: Partial<PhaseDraft>) => void;
  readCsv: (file: File | undefined) => void;
  remove: () => void;
}) {
  const i = index;
  const p = draft;
  const symbol = p.currency === 'stablecoin' && stablecoin ? stablecoin.symbol : native.symbol;
  const field = (name: string) => `${ids}-${name}-${i}`;
  return (
    <fieldset data-testid={`phase-${i}`}>
      <legend>Phase {i + 1}</legend>
      <label htmlFor={field('mode')}>Kind</label>
      <select
        id={field('mode')}
        value={p.mode}
        onChange={(e) => update({ mode: PHASE_MODES.find((m) => m === e.target.value) ?? 'public' })}
      >
        {PHASE_MODES.map((m) => (
          <option key={m} value={m}>
            {MODE_LABEL[m]}
          </option>
        ))}
      </select>
      {stablecoin && (
        <>
          <label htmlFor={field('currency')}>Priced in</label>
          <select
            id={field('currency')}
            value={p.currency}
            onChange={(e) => update({ currency: e.target.value === 'stablecoin' ? 'stablecoin' : 'native' })}
          >
            <option value="native">{native.symbol}</option>
            <option value="stablecoin">{stablecoin.symbol}</option>
          </select>
        </>
      )}
      <label htmlFor={field('price')}>Price per copy ({symbol})</label>
      <input
        id={field('price')}
        inputMode="decimal"
        value={p.price}
        onChange={(e) => update({ price: e.target.value })}
      />
      <label htmlFor={field('start')}>Starts</label>
      <input
        id={field('start')}
        type="datetime-local"
        value={p.start}
        onChange={(e) => update({ start: e.target.value })}
      />
      <label htmlFor={field('end')}>Ends</label>
      <input id={field('end')} type="datetime-local" value={p.end} onChange={(e) => update({ end: e.target.value })} />
      <label htmlFor={field('wallet')}>Most copies per wallet (0 = no limit)</label>
      <input
        id={field('wallet')}
        inputMode="numeric"
        value={p.walletCap}
        onChange={(e) => update({ walletCap: e.target.value })}
      />
      <label htmlFor={field('cap')}>Most copies in this phase (0 = no limit)</label>
      <input
        id={field('cap')}
        inputMode="numeric"
        value={p.phaseCap}
        onChange={(e) => update({ phaseCap: e.target.value })}
      />
      {p.mode === 'allowlist' && (
        <>
          <label htmlFor={field('csv')}>Allowlist (CSV, one address per line)</label>
          <input
            id={field('csv')}
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(e) => readCsv(e.target.files?.[0])}
          />
          <p role="status" data-testid={`phase-${i}-allowlist`}>
            {p.addresses.length > 0
              ? `${p.addresses.length} addresses from ${p.fileName}`
              : p.fileName
                ? `${p.fileName}: not usable, see below`
                : 'No list yet.'}
          </p>
        </>
      )}
      {canRemove && (
        <button type="button" onClick={remove}>
          Remove phase {i + 1}
        </button>
      )}
    </fieldset>
  );
}
