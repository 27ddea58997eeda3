import { describe, expect, it } from 'vitest';
import { detailErrors } from './detail-errors';
import { defaultDetails } from './draft';

const CREATOR = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

describe('detailErrors', () => {
  it('accepts the defaults with a title', () => {
    expect(detailErrors({ ...defaultDetails(CREATOR), title: 'T' })).toEqual([]);
  });

  it('names each field at fault', () => {
    const errors = detailErrors({ ...defaultDetails(''), title: ' ', mode: 'voucher', price: '0' });
    expect(errors.map((e) => e.field)).toEqual(['title', 'price', 'payees.0.address']);
  });

  it('a voucher price must be a positive decimal number', () => {
    const at = (price: string) =>
      detailErrors({ ...defaultDetails(CREATOR), title: 'T', mode: 'voucher', price }).map((e) => e.message);
    expect(at('0.01')).toEqual([]);
    expect(at('abc')).toEqual(['Enter the voucher price as a number, e.g. 0.01']);
    expect(at('-1')).toEqual(['Enter the voucher price as a number, e.g. 0.01']);
    expect(at('0')).toEqual(['The voucher price must be more than 0']);
  });
});
