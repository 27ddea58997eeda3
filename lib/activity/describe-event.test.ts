import { getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { accountsInEvent, actorOfEvent, describeEvent } from './describe-event';

const DEGEN = { symbol: 'DEGEN', decimals: 18 };
const seller = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const buyer = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc';

describe('describeEvent', () => {
  it('names people by display name where they have one, else by short address, and amounts in the chain currency', () => {
    const names = new Map([[getAddress(seller), 'Ada']]);
    const args = { seller, buyer, price: '1500000000000000000', royalty: '150000000000000000', fee: '0' };
    expect(describeEvent('Sale', args, DEGEN, { names })).toBe(
      'Sold by Ada to 0x3c44…93bc for 1.5 DEGEN (royalty 0.15 DEGEN, fee 0 DEGEN)',
    );
    expect(describeEvent('Sale', args, DEGEN)).toMatch(/^Sold by 0x7099…79c8 to /);
  });

  it('writes an ERC-20 sale in its token, never in the native currency', () => {
    const tUSD = { address: '0x5fbdb2315678afecb367f032d93f642f64180aa3' as const, symbol: 'tUSD', decimals: 6 };
    const args = { seller, buyer, currency: tUSD.address, price: '12500000', royalty: '1250000', fee: '0' };
    expect(describeEvent('SaleInCurrency', args, DEGEN, { tokens: [tUSD] })).toBe(
      'Sold by 0x7099…79c8 to 0x3c44…93bc for 12.5 tUSD (royalty 1.25 tUSD, fee 0 tUSD)',
    );
    // a voucher redeemed in the token (issue #20)
    const redeemed = { creator: seller, buyer, payout: seller, currency: tUSD.address, price: '12500000' };
    expect(describeEvent('VoucherRedeemedInCurrency', redeemed, DEGEN, { tokens: [tUSD] })).toBe(
      'Voucher redeemed by 0x3c44…93bc for 12.5 tUSD',
    );
  });

  it('says a mint transfer is a creation, and keeps unknown events by name', () => {
    const zero = `0x${'0'.repeat(40)}`;
    expect(describeEvent('Transfer', { from: zero, to: buyer }, DEGEN)).toBe('Created for 0x3c44…93bc');
    expect(describeEvent('SomethingNew', {}, DEGEN)).toBe('SomethingNew');
  });
});

describe('accountsInEvent', () => {
  it('lists the people an event names, checksummed, without the zero address or non-addresses', () => {
    const zero = `0x${'0'.repeat(40)}`;
    expect(accountsInEvent({ from: zero, to: buyer, price: '5', seller: 'not an address' })).toEqual([
      getAddress(buyer),
    ]);
    expect(accountsInEvent({ seller, buyer })).toEqual([getAddress(buyer), getAddress(seller)]);
  });
});

describe('actorOfEvent', () => {
  it('is the person the description names first: the seller of a sale, the buyer of a voucher, a mint’s receiver', () => {
    const zero = `0x${'0'.repeat(40)}`;
    expect(actorOfEvent('Sale', { seller, buyer })).toBe(getAddress(seller));
    expect(actorOfEvent('VoucherRedeemed', { creator: seller, buyer })).toBe(getAddress(buyer));
    expect(actorOfEvent('Transfer', { from: zero, to: buyer })).toBe(getAddress(buyer));
    expect(actorOfEvent('Transfer', { from: seller, to: buyer })).toBe(getAddress(seller));
    expect(actorOfEvent('ListingCancelled', { seller })).toBeNull();
    expect(actorOfEvent('Listed', { seller: 'not an address' })).toBeNull();
  });
});
