'use client';

import type { MintDetails } from '../../lib/mint/draft';
import type { FieldErrors } from './field-errors';

export type PublishModeProps = {
  details: MintDetails;
  change(f: (d: MintDetails) => MintDetails): void;
  errors: FieldErrors;
  disabled: boolean;
  symbol: string;
  /** The platform's stablecoin (issue #20): a voucher may be priced in it; null when there is none. */
  stablecoin: { symbol: string } | null;
};

/** Mint now, or sign a lazy-mint voucher with its price. */
export function PublishMode({ details: d, change, errors, disabled, symbol, stablecoin }: PublishModeProps) {
  const inStablecoin = d.priceIn === 'stablecoin' && stablecoin !== null;
  return (
    <fieldset disabled={disabled}>
      <legend>Publish as</legend>
      <label>
        <span>
          <input
            type="radio"
            name="mode"
            value="mint"
            checked={d.mode === 'mint'}
            onChange={() => change((x) => ({ ...x, mode: 'mint' }))}
          />{' '}
          Mint now (you pay the gas)
        </span>
      </label>
      <label>
        <span>
          <input
            type="radio"
            name="mode"
            value="voucher"
            checked={d.mode === 'voucher'}
            onChange={() => change((x) => ({ ...x, mode: 'voucher' }))}
          />{' '}
          Lazy-mint voucher (the buyer mints and pays)
        </span>
      </label>
      {d.mode === 'voucher' && stablecoin && (
        <label>
          Voucher currency{' '}
          <select
            name="priceIn"
            value={inStablecoin ? 'stablecoin' : 'native'}
            onChange={(e) =>
              change((x) => ({ ...x, priceIn: e.target.value === 'stablecoin' ? 'stablecoin' : 'native' }))
            }
          >
            <option value="native">{symbol}</option>
            <option value="stablecoin">{stablecoin.symbol}</option>
          </select>
        </label>
      )}
      {d.mode === 'voucher' && (
        <label>
          Voucher price ({inStablecoin ? stablecoin.symbol : symbol})
          <input
            name="price"
            inputMode="decimal"
            value={d.price}
            aria-invalid={!!errors.errorFor('price')}
            aria-describedby={errors.describedBy('price')}
            onChange={(e) => change((x) => ({ ...x, price: e.target.value }))}
          />
        </label>
      )}
      {errors.show('price')}
    </fieldset>
  );
}
