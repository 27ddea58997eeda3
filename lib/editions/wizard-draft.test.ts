import { zeroHash, type Address } from 'viem';
import { describe, expect, it } from 'vitest';
import {
  creationPlan,
  csvIssuesOf,
  newPhase,
  priceOf,
  referralBpsOf,
  toPhaseInput,
  toSeconds,
  whole,
} from './wizard-draft';

const token: Address = '0x00000000000000000000000000000000000Fee03';
const root = `0x${'11'.repeat(32)}` as const;

describe('edition wizard drafts', () => {
  it('reads numbers, shares and prices as typed, and refuses what is not one', () => {
    expect([whole(' 12 '), whole('1.5'), whole('')]).toEqual([12, -1, -1]);
    expect([referralBpsOf('5'), referralBpsOf('2.25'), referralBpsOf('x')]).toEqual([500, 225, -1]);
    expect([priceOf('2.5', 6), priceOf('0.01', 18), priceOf('', 6), priceOf('abc', 6)]).toEqual([
      2_500_000n,
      10n ** 16n,
      -1n,
      -1n,
    ]);
    expect(toSeconds('nonsense')).toBe(-1);
  });

  it('turns a draft into the contract phase, in the decimals of its currency, with the root only for a listed presale', () => {
    const start = 1_900_000_020; // on a minute: datetime-local inputs hold minutes
    const usd = { ...newPhase('public', start, start + 3600), price: '2.5', currency: 'stablecoin' as const };
    expect(toPhaseInput(usd, { native: 18, stablecoin: 6 }, root)).toEqual({
      price: 2_500_000n,
      start,
      end: start + 3600,
      walletCap: 0,
      phaseCap: 0,
      mode: 'public',
      merkleRoot: zeroHash,
    });
    const presale = { ...newPhase('allowlist', start, start + 60), addresses: [token] };
    expect(toPhaseInput(presale, { native: 18, stablecoin: 6 }, root)).toMatchObject({
      price: 5n * 10n ** 15n,
      merkleRoot: root,
    });
  });

  it('creates with the phases before the first token phase and appends the rest in order', () => {
    const p = (start: number) =>
      toPhaseInput(newPhase('public', start, start + 10), { native: 18, stablecoin: 6 }, null);
    const [a, b, c] = [p(100), p(110), p(120)];
    expect(creationPlan([a, b], [null, null])).toEqual({ created: [a, b], appended: [] });
    expect(creationPlan([a, b, c], [null, token, null])).toEqual({
      created: [a],
      appended: [
        { phase: b, currency: token },
        { phase: c, currency: null },
      ],
    });
    expect(creationPlan([a], [token]).created).toEqual([]);
  });

  it('lists CSV problems per phase', () => {
    const d = {
      ...newPhase('allowlist', 0, 1),
      csvIssues: [
        { line: 3, message: 'not an address' },
        { line: 0, message: 'empty' },
      ],
    };
    expect(csvIssuesOf([newPhase('public', 0, 1), d]).map((i) => [i.phase, i.message])).toEqual([
      [1, 'CSV line 3: not an address'],
      [1, 'CSV: empty'],
    ]);
  });
});
