import { describe, expect, it } from 'vitest';
import { detailErrors } from './detail-errors';
import { defaultDetails } from './draft';

const CREATOR = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const ETH = { symbol: 'ETH', decimals: 18 };
const USDC = { symbol: 'USDC', decimals: 6 };

describe('detailErrors', () => {
  it('accepts the defaults with a title', () => {
    expect(detailErrors({ ...defaultDetails(CREATOR), title: 'T' }, ETH)).toEqual([]);
  });

  it('names each field at fault', () => {
    const errors = detailErrors({ ...defaultDetails(''), title: ' ', mode: 'voucher', price: '0' }, ETH);
    expect(errors.map((e) => e.field)).toEqual(['title', 'price', 'payees.0.address']);
  });

  it('a voucher price must be a positive decimal number', () => {
    const at = (price: string) =>
      detailErrors({ ...defaultDetails(CREATOR), title: 'T', mode: 'voucher', price }, ETH).map((e) => e.message);
    expect(at('0.01')).toEqual([]);
    expect(at('abc')).toEqual(['Enter the voucher price as a number, e.g. 0.01']);
    expect(at('-1')).toEqual(['Enter the voucher price as a number, e.g. 0.01']);
    expect(at('0')).toEqual(['The voucher price must be more than 0']);
  });

  it("reads the price in the chain's currency decimals: a 6-decimals token takes 6 decimals at most", () => {
    const at = (price: string) =>
      detailErrors({ ...defaultDetails(CREATOR), title: 'T', mode: 'voucher', price }, USDC).map((e) => e.message);
    expect(at('0.000001')).toEqual([]);
    expect(at('12.5')).toEqual([]);
    expect(at('0.0000001')).toEqual(['A USDC price has at most 6 decimals']);
    expect(at('0.000000')).toEqual(['The voucher price must be more than 0']);
    expect(detailErrors({ ...defaultDetails(CREATOR), title: 'T', mode: 'voucher', price: '0.0000001' }, ETH)).toEqual(
      [],
    );
  });

  it('reads a price in the stablecoin in its decimals, and refuses it where the platform has no stablecoin (issue #20)', () => {
    const d = { ...defaultDetails(CREATOR), title: 'T', mode: 'voucher' as const, priceIn: 'stablecoin' as const };
    const at = (price: string, stablecoin: typeof USDC | null) =>
      detailErrors({ ...d, price }, ETH, stablecoin).map((e) => e.message);
    expect(at('12.5', USDC)).toEqual([]);
    expect(at('0.0000001', USDC)).toEqual(['A USDC price has at most 6 decimals']);
    expect(at('12.5', null)).toEqual(['This platform has no stablecoin: price the voucher in ETH']);
  });
});
