import { describe, expect, it } from 'vitest';
import { needsSplitContract, validateSplit, type SplitForm } from '../../lib/mint/split';
import { MAX_SPLIT_RECIPIENTS, percentToShares, sharesToPercent } from '../../lib/splits';

const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const form = (over: Partial<SplitForm> = {}): SplitForm => ({
  royaltyPercent: '5',
  payees: [
    { address: A, percent: '60' },
    { address: B, percent: '40' },
  ],
  controller: '',
  ...over,
});
const messages = (f: SplitForm) => {
  const r = validateSplit(f);
  return r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`);
};

describe('split editor validation', () => {
  it('accepts a 2-payee split summing to 100% and returns SplitMain-ready sorted shares', () => {
    const r = validateSplit(
      form({
        payees: [
          { address: B, percent: '33.3334' },
          { address: A.toLowerCase(), percent: '66.6666' },
        ],
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.royaltyBps).toBe(500);
    expect(r.value.split.accounts).toEqual([B, A].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1)));
    expect(r.value.split.shares.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    expect(needsSplitContract(r.value)).toBe(true);
  });

  it('says what the shares add up to when they do not make 100%', () => {
    expect(
      messages(
        form({
          payees: [
            { address: A, percent: '60' },
            { address: B, percent: '30' },
          ],
        }),
      ),
    ).toEqual(['payees: Shares add up to 90%; they must add up to exactly 100%']);
    expect(
      messages(
        form({
          payees: [
            { address: A, percent: '60' },
            { address: B, percent: '40.0001' },
          ],
        }),
      )[0],
    ).toMatch(/100\.0001%/);
  });

  it('refuses the same payee twice, however it is written', () => {
    expect(
      messages(
        form({
          payees: [
            { address: A, percent: '50' },
            { address: A.toLowerCase(), percent: '50' },
          ],
        }),
      ),
    ).toEqual(['payees.1.address: Payee 2: 0x7099…79C8 is already payee 1; list each payee once']);
  });

  it('refuses invalid addresses, shares and controller, each next to its field', () => {
    const m = messages(
      form({
        payees: [
          { address: '0x1234', percent: '50' },
          { address: B, percent: 'half' },
        ],
        controller: 'label',
      }),
    );
    expect(m).toEqual([
      'payees.0.address: Payee 1: "0x1234" is not a valid address (0x and 40 hex digits)',
      'payees.1.percent: Payee 2: Enter a percentage such as 50 or 12.5 (at most 4 decimals)',
      'controller: Label (controller): "label" is not a valid address',
    ]);
    expect(
      messages(
        form({
          payees: [
            { address: A, percent: '0' },
            { address: B, percent: '100' },
          ],
        }),
      ),
    ).toEqual(['payees.0.percent: Payee 1: a share must be more than 0%']);
    expect(messages(form({ payees: [] }))).toEqual(['payees: Add at least one payee']);
  });

  it('caps the royalty at 50% in basis points and the split at 200 payees', () => {
    expect(messages(form({ royaltyPercent: '50.01' }))).toEqual(['royaltyPercent: Royalty: at most 50%']);
    expect(messages(form({ royaltyPercent: '2.555' }))).toEqual([
      'royaltyPercent: Royalty: at most 2 decimals (basis points)',
    ]);
    const many = Array.from({ length: MAX_SPLIT_RECIPIENTS + 1 }, (_, i) => ({
      address: `0x${(i + 1).toString(16).padStart(40, '0')}`,
      percent: '0.1',
    }));
    expect(messages(form({ payees: many }))).toContain(
      `payees: A split has at most ${MAX_SPLIT_RECIPIENTS} payees (${MAX_SPLIT_RECIPIENTS + 1} given)`,
    );
    const max = Array.from({ length: MAX_SPLIT_RECIPIENTS }, (_, i) => ({
      address: `0x${(i + 1).toString(16).padStart(40, '0')}`,
      percent: '0.5',
    }));
    expect(validateSplit(form({ payees: max })).ok).toBe(true);
  });

  it('a single payee without a label needs no split contract; a controller makes one', () => {
    const one = validateSplit(form({ payees: [{ address: A, percent: '100' }] }));
    expect(one.ok && needsSplitContract(one.value)).toBe(false);
    const labelled = validateSplit(form({ payees: [{ address: A, percent: '100' }], controller: B }));
    expect(labelled.ok && needsSplitContract(labelled.value)).toBe(true);
  });

  it('converts percentages exactly', () => {
    expect(percentToShares('12.5')).toBe(125_000);
    expect(percentToShares('0.0001')).toBe(1);
    expect(sharesToPercent(125_000)).toBe('12.5');
    expect(sharesToPercent(1_000_000)).toBe('100');
  });
});
