'use client';

import type { Currency } from '../../../lib/format/amount';

type Props = {
  native: Currency;
  token: Currency;
  inToken: boolean;
  onChange: (inToken: boolean) => void;
  /** A currency that cannot be chosen here (e.g. the viewer already has an offer in it). */
  disabled?: { native?: boolean; token?: boolean };
};

/** The currency of a price or an offer: the chain's native currency or its stablecoin (issue #20). */
export function CurrencySelect({ native, token, inToken, onChange, disabled }: Props) {
  return (
    <label>
      Currency{' '}
      <select
        name="currency"
        value={inToken ? 'token' : 'native'}
        onChange={(e) => onChange(e.target.value === 'token')}
      >
        <option value="native" disabled={disabled?.native}>
          {native.symbol}
        </option>
        <option value="token" disabled={disabled?.token}>
          {token.symbol}
        </option>
      </select>
    </label>
  );
}
