import { getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { hashSplit } from '../contracts/splits';
import { splitRecipientsSchema } from './schema';
import { MAX_SPLIT_RECIPIENTS } from './shares';

const a = '0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const b = '0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const messages = (v: unknown) => {
  const r = splitRecipientsSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('splitRecipientsSchema', () => {
  it('sorts valid payees ascending with checksummed addresses, as SplitMain requires', () => {
    const split = splitRecipientsSchema.parse([
      { account: b, share: 250_000 },
      { account: a, share: 750_000 },
    ]);
    expect(split).toEqual({ accounts: [getAddress(a), getAddress(b)], shares: [750_000, 250_000] });
    // the order typed does not change the split's identity
    expect(
      hashSplit(
        splitRecipientsSchema.parse([
          { account: a, share: 750_000 },
          { account: b, share: 250_000 },
        ]),
      ),
    ).toBe(hashSplit(split));
  });

  it('explains every problem: duplicates in any letter case, the sum, zero and fractional shares, bad addresses', () => {
    expect(
      messages([
        { account: a, share: 500_000 },
        { account: a.toUpperCase().replace('0X', '0x'), share: 400_000 },
      ]),
    ).toEqual([
      `Payee 2: ${getAddress(a).slice(0, 6)}…${getAddress(a).slice(-4)} is already payee 1; list each payee once`,
      'Shares add up to 90%; they must add up to exactly 100%',
    ]);
    expect(
      messages([
        { account: '0x123', share: 1_000_000 },
        { account: b, share: 0 },
      ]),
    ).toEqual([
      'Payee 1: "0x123" is not a valid address (0x and 40 hex digits)',
      'Payee 2: a share must be more than 0%',
    ]);
    expect(
      messages([
        { account: a, share: 999_999.5 },
        { account: b, share: 0.5 },
      ]),
    ).toEqual(['Payee 1: shares are whole units of 0.0001%', 'Payee 2: shares are whole units of 0.0001%']);
    expect(messages([])).toEqual(['Add at least one payee']);
    expect(messages([{ account: a, share: 1_000_000, extra: 1 }]).length).toBe(1);
  });

  it('caps the recipients at SplitMain limit', () => {
    const many = Array.from({ length: MAX_SPLIT_RECIPIENTS + 1 }, (_, i) => ({
      account: `0x${(i + 1).toString(16).padStart(40, '0')}`,
      share: 1,
    }));
    expect(messages(many)).toContain(
      `A split has at most ${MAX_SPLIT_RECIPIENTS} payees (${MAX_SPLIT_RECIPIENTS + 1} given)`,
    );
  });
});
