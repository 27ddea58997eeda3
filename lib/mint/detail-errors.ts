import { parseUnits } from 'viem';
import type { Currency } from '../format/amount';
import { creditFieldErrors } from './credits';
import type { MintDetails } from './draft';
import { validateSplit, type FieldError } from './split';

/**
 * Every problem with the mint form's details, each as `{ field, message }` for the input it belongs to. A voucher
 * price is read in the chain's native `currency` (its decimals: 18 for ETH, 6 for a USDC-like token), or in the
 * `stablecoin` when the draft is priced in it (an error if the platform has none).
 */
export function detailErrors(d: MintDetails, native: Currency, stablecoin?: Currency | null): FieldError[] {
  const errors: FieldError[] = [];
  if (!d.title.trim()) errors.push({ field: 'title', message: 'Give the track a title' });
  const currency = d.priceIn === 'stablecoin' && stablecoin ? stablecoin : native;
  if (d.mode === 'voucher' && d.priceIn === 'stablecoin' && !stablecoin)
    errors.push({ field: 'price', message: `This platform has no stablecoin: price the voucher in ${native.symbol}` });
  else if (d.mode === 'voucher') {
    const text = d.price.trim();
    const decimals = /^\d+(?:\.(\d+))?$/.exec(text)?.[1]?.length ?? 0;
    if (!/^\d+(\.\d+)?$/.test(text))
      errors.push({ field: 'price', message: 'Enter the voucher price as a number, e.g. 0.01' });
    else if (decimals > currency.decimals)
      errors.push({
        field: 'price',
        message: `A ${currency.symbol} price has at most ${currency.decimals} decimals`,
      });
    else if (parseUnits(text, currency.decimals) <= 0n)
      errors.push({ field: 'price', message: 'The voucher price must be more than 0' });
  }
  const split = validateSplit(d.split);
  if (!split.ok) errors.push(...split.errors);
  errors.push(...creditFieldErrors(d));
  return errors;
}
