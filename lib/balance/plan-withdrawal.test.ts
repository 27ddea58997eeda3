import type { Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { planWithdrawal } from './plan-withdrawal';
import type { AccountBalance } from './read-balance';

const ME = '0x00000000000000000000000000000000000000A1';
const OTHER = '0x00000000000000000000000000000000000000B2';
const SPLIT = '0x00000000000000000000000000000000000000C3';
const TOKEN: Address = '0x00000000000000000000000000000000000000D4';
const none = { market: 0n, vouchers: 0n, editions: 0n };
const empty: AccountBalance = {
  account: ME,
  credits: none,
  marketTokens: [],
  editionsTokens: [],
  voucherTokens: [],
  splitMain: { native: 0n, tokens: [] },
  pending: [],
  totalNative: 0n,
  totalTokens: [],
};
const token = (amount: bigint) => ({ token: TOKEN, symbol: 'USDX', decimals: 6, amount });
/** A 50/50 split of ME and OTHER awaiting distribution, holding what `held` says (nothing else). */
const pendingSplit = (held: Partial<AccountBalance['pending'][number]>): AccountBalance['pending'][number] => ({
  split: SPLIT,
  accounts: [ME, OTHER],
  shares: [500_000, 500_000],
  share: 500_000,
  credits: none,
  wallet: 0n,
  tokens: [],
  marketTokens: [],
  editionsTokens: [],
  voucherTokens: [],
  yours: 0n,
  yoursTokens: [],
  ...held,
});

describe('planWithdrawal', () => {
  it('plans nothing when there is nothing to withdraw', () => {
    expect(planWithdrawal(empty)).toEqual([]);
  });

  it('withdraws each contract’s credits once, and SplitMain’s native and token balances in one call', () => {
    const steps = planWithdrawal({
      ...empty,
      credits: { market: 5n, vouchers: 0n, editions: 7n },
      splitMain: { native: 0n, tokens: [token(3n)] },
    });
    expect(steps.map((s) => [s.kind, 'contract' in s ? s.contract : null])).toEqual([
      ['withdraw', 'Market'],
      ['withdraw', 'Editions'],
      ['withdrawSplits', null],
    ]);
    expect(steps[2]).toMatchObject({ native: false, tokens: [TOKEN], account: ME });
  });

  it('releases a split’s credits and distributes its native and token money before withdrawing the account’s share', () => {
    const steps = planWithdrawal({
      ...empty,
      pending: [
        pendingSplit({
          credits: { market: 0n, vouchers: 4n, editions: 0n },
          wallet: 6n,
          tokens: [token(10n)],
          yours: 5n,
          yoursTokens: [token(5n)],
        }),
      ],
    });
    expect(steps.map((s) => s.kind)).toEqual(['release', 'distribute', 'distribute', 'withdrawSplits']);
    expect(steps[0]).toMatchObject({ contract: 'TrackCollection', split: SPLIT });
    expect(steps[1]).toMatchObject({ token: null, accounts: [ME, OTHER], shares: [500_000, 500_000] });
    expect(steps[2]).toMatchObject({ token: TOKEN });
    expect(steps[3]).toMatchObject({ native: true, tokens: [TOKEN], amount: 5n });
  });

  it('withdraws Market credits per token, and releases a split’s token credits before distributing them (issue #20)', () => {
    const steps = planWithdrawal({
      ...empty,
      marketTokens: [token(11n)],
      pending: [pendingSplit({ tokens: [token(4n)], marketTokens: [token(4n)], yoursTokens: [token(2n)] })],
    });
    expect(steps.map((s) => s.kind)).toEqual(['releaseCurrency', 'distribute', 'withdrawCurrency', 'withdrawSplits']);
    expect(steps[0]).toMatchObject({ contract: 'Market', split: SPLIT, token: TOKEN });
    expect(steps[2]).toMatchObject({
      contract: 'Market',
      account: ME,
      token: TOKEN,
      amount: 11n,
      label: 'Withdraw your Market credits in USDX',
    });
    expect(steps[3]).toMatchObject({ native: false, tokens: [TOKEN] });
  });

  it('withdraws Editions credits per token, and releases a split’s Editions token credits before distributing (issue #17)', () => {
    const steps = planWithdrawal({
      ...empty,
      editionsTokens: [token(3n)],
      pending: [pendingSplit({ tokens: [token(8n)], editionsTokens: [token(8n)], yoursTokens: [token(4n)] })],
    });
    expect(steps.map((s) => [s.kind, 'contract' in s ? s.contract : null])).toEqual([
      ['releaseCurrency', 'Editions'],
      ['distribute', null],
      ['withdrawCurrency', 'Editions'],
      ['withdrawSplits', null],
    ]);
    expect(steps[0]).toMatchObject({ split: SPLIT, token: TOKEN });
    expect(steps[2]).toMatchObject({
      account: ME,
      token: TOKEN,
      amount: 3n,
      label: 'Withdraw your Editions credits in USDX',
    });
  });

  it('withdraws voucher proceeds in a token, and releases a split’s before distributing (issue #20)', () => {
    const steps = planWithdrawal({
      ...empty,
      voucherTokens: [token(12_500_000n)],
      pending: [pendingSplit({ tokens: [token(2n)], voucherTokens: [token(2n)], yoursTokens: [token(1n)] })],
    });
    expect(steps.map((s) => [s.kind, 'contract' in s ? s.contract : null])).toEqual([
      ['releaseCurrency', 'TrackCollection'],
      ['distribute', null],
      ['withdrawCurrency', 'TrackCollection'],
      ['withdrawSplits', null],
    ]);
    expect(steps[2]).toMatchObject({
      account: ME,
      token: TOKEN,
      amount: 12_500_000n,
      label: 'Withdraw your lazy-mint voucher proceeds in USDX',
    });
  });
});
