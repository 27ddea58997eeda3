import { parseEther } from 'viem';
import { creditFieldErrors } from './credits';
import type { MintDetails } from './draft';
import { validateSplit, type FieldError } from './split';

/** Every problem with the mint form's details, each as `{ field, message }` for the input it belongs to. */
export function detailErrors(d: MintDetails): FieldError[] {
  const errors: FieldError[] = [];
  if (!d.title.trim()) errors.push({ field: 'title', message: 'Give the track a title' });
  if (d.mode === 'voucher') {
    let price: bigint | null = null;
    try {
      price = parseEther(d.price.trim());
    } catch {
      price = null;
    }
    if (price === null || !/^\d+(\.\d+)?$/.test(d.price.trim()))
      errors.push({ field: 'price', message: 'Enter the voucher price as a number, e.g. 0.01' });
    else if (price <= 0n) errors.push({ field: 'price', message: 'The voucher price must be more than 0' });
  }
  const split = validateSplit(d.split);
  if (!split.ok) errors.push(...split.errors);
  errors.push(...creditFieldErrors(d));
  return errors;
}
