import { getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { validatePayees } from './validate';

const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

describe('validatePayees (rows typed in the mint form or the label split editor)', () => {
  it('returns the SplitMain-ready split', () => {
    expect(
      validatePayees([
        { address: A, percent: '60' },
        { address: B.toLowerCase(), percent: '40' },
      ]),
    ).toEqual({ ok: true, split: { accounts: [getAddress(B), A], shares: [400_000, 600_000] } });
  });

  it('puts each problem next to its field, rows first in order, the sum last', () => {
    const r = validatePayees([
      { address: '0x1234', percent: '50' },
      { address: B, percent: 'half' },
    ]);
    expect(r).toEqual({
      ok: false,
      errors: [
        { field: 'payees.0.address', message: 'Payee 1: "0x1234" is not a valid address (0x and 40 hex digits)' },
        { field: 'payees.1.percent', message: 'Payee 2: Enter a percentage such as 50 or 12.5 (at most 4 decimals)' },
      ],
    });
    expect(
      validatePayees([
        { address: A, percent: '60' },
        { address: B, percent: '30' },
      ]),
    ).toEqual({
      ok: false,
      errors: [{ field: 'payees', message: 'Shares add up to 90%; they must add up to exactly 100%' }],
    });
  });
});
