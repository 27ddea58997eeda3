'use client';

import type { MintDetails } from '../../lib/mint/draft';
import type { PayeeInput } from '../../lib/mint/split';
import type { FieldErrors } from './field-errors';
import { useFocusAfterRemove } from '../_hooks/use-focus-after-remove';

export type SplitFieldsProps = {
  details: MintDetails;
  change(f: (d: MintDetails) => MintDetails): void;
  errors: FieldErrors;
  disabled: boolean;
};

/** Royalty rate, the payees who share it, and the optional controller (a label that may change the split later). */
export function SplitFields({ details: d, change, errors, disabled }: SplitFieldsProps) {
  const removal = useFocusAfterRemove<HTMLFieldSetElement>();
  const setPayee = (i: number, patch: Partial<PayeeInput>) =>
    change((x) => ({
      ...x,
      split: { ...x.split, payees: x.split.payees.map((q, j) => (j === i ? { ...q, ...patch } : q)) },
    }));
  return (
    <fieldset disabled={disabled} ref={removal.ref}>
      <legend>Royalty and split</legend>
      <label>
        Royalty on sales (%)
        <input
          name="royalty"
          inputMode="decimal"
          value={d.split.royaltyPercent}
          aria-invalid={!!errors.errorFor('royaltyPercent')}
          aria-describedby={errors.describedBy('royaltyPercent')}
          onChange={(e) => change((x) => ({ ...x, split: { ...x.split, royaltyPercent: e.target.value } }))}
        />
      </label>
      {errors.show('royaltyPercent')}
      {d.split.payees.map((p, i) => (
        <div className="payee" key={i} role="group" aria-label={`Payee ${i + 1}`}>
          <label>
            Payee {i + 1} address
            <input
              value={p.address}
              spellCheck={false}
              aria-invalid={!!errors.errorFor(`payees.${i}.address`)}
              aria-describedby={errors.describedBy(`payees.${i}.address`)}
              onChange={(e) => setPayee(i, { address: e.target.value })}
            />
          </label>
          <label>
            Payee {i + 1} share (%)
            <input
              inputMode="decimal"
              value={p.percent}
              aria-invalid={!!errors.errorFor(`payees.${i}.percent`)}
              aria-describedby={errors.describedBy(`payees.${i}.percent`)}
              onChange={(e) => setPayee(i, { percent: e.target.value })}
            />
          </label>
          <button
            type="button"
            className="secondary"
            disabled={d.split.payees.length <= 1}
            data-remove
            onClick={() => {
              removal.removing(i);
              change((x) => ({ ...x, split: { ...x.split, payees: x.split.payees.filter((_, j) => j !== i) } }));
            }}
          >
            Remove payee {i + 1}
          </button>
          {errors.show(`payees.${i}.address`)}
          {errors.show(`payees.${i}.percent`)}
        </div>
      ))}
      {errors.show('payees')}
      <button
        type="button"
        className="secondary"
        data-after-remove
        onClick={() =>
          change((x) => ({ ...x, split: { ...x.split, payees: [...x.split.payees, { address: '', percent: '' }] } }))
        }
      >
        Add payee
      </button>
      <label>
        Label address (controller, optional: may change the split later)
        <input
          name="controller"
          value={d.split.controller}
          spellCheck={false}
          aria-invalid={!!errors.errorFor('controller')}
          aria-describedby={errors.describedBy('controller')}
          onChange={(e) => change((x) => ({ ...x, split: { ...x.split, controller: e.target.value } }))}
        />
      </label>
      {errors.show('controller')}
    </fieldset>
  );
}
