import type { Address } from 'viem';
import type { AccountBalance, NativeCredits } from './read-balance';

/** The three contracts that hold native credits, each paid out by its own `withdraw(account)`. */
export type CreditContract = 'Market' | 'TrackCollection' | 'Editions';

const CREDIT_CONTRACTS: readonly { contract: CreditContract; key: keyof NativeCredits; what: string }[] = [
  { contract: 'Market', key: 'market', what: 'Market credits' },
  { contract: 'TrackCollection', key: 'vouchers', what: 'lazy-mint voucher proceeds' },
  { contract: 'Editions', key: 'editions', what: 'Editions credits' },
];

/**
 * The contracts that credit sales in an ERC-20 per token, each paid out by `withdrawCurrency(account, token)`: the
 * Market and Editions, and the TrackCollection for vouchers priced in a token (issue #20).
 */
export type TokenCreditContract = 'Market' | 'Editions' | 'TrackCollection';

const TOKEN_CREDIT_CONTRACTS: readonly {
  contract: TokenCreditContract;
  key: 'marketTokens' | 'editionsTokens' | 'voucherTokens';
  what: string;
}[] = [
  { contract: 'Market', key: 'marketTokens', what: 'Market credits' },
  { contract: 'Editions', key: 'editionsTokens', what: 'Editions credits' },
  { contract: 'TrackCollection', key: 'voucherTokens', what: 'lazy-mint voucher proceeds' },
];

/** One transaction of a withdraw-all, in the order it must be sent. */
export type WithdrawalStep =
  /** Sends a split's credits in `contract` to the split's wallet, so that a distribution includes them. */
  | { kind: 'release'; contract: CreditContract; split: Address; label: string }
  /**
   * Sends a split's credits in the ERC-20 `token` held by `contract` to the split's wallet (withdrawCurrency; the
   * Market's for issue #20, the Editions' for issue #17).
   */
  | { kind: 'releaseCurrency'; contract: TokenCreditContract; split: Address; token: Address; label: string }
  /** Pays the account's credits in the ERC-20 `token` held by `contract` (withdrawCurrency); `amount`: what it pays. */
  | {
      kind: 'withdrawCurrency';
      contract: TokenCreditContract;
      account: Address;
      token: Address;
      amount: bigint;
      label: string;
    }
  /** Credits what a split's wallet holds (native when `token` is null) to its recipients in SplitMain. */
  | { kind: 'distribute'; split: Address; accounts: Address[]; shares: number[]; token: Address | null; label: string }
  /** Pays the account's credits in `contract` to it; `amount` is what it pays. */
  | { kind: 'withdraw'; contract: CreditContract; account: Address; amount: bigint; label: string }
  /** Pays the account's SplitMain balances (native and each token) to it in one call. */
  | { kind: 'withdrawSplits'; account: Address; native: boolean; tokens: Address[]; amount: bigint; label: string };

const short = (a: Address) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/**
 * The fewest transactions that move everything in `balance` to the account: for each split with money pending,
 * release its contract credits (native, and Market and Editions credits per token) to its wallet and distribute
 * (native, then each token); then one `withdraw` per contract that holds the account's credits, one `withdrawCurrency`
 * per token the Market, then Editions, then the TrackCollection (vouchers) credit it in, and one SplitMain `withdraw` for its native and token balances together
 * (counting what the distributions before it credit). Empty when there is nothing to withdraw.
 */
export function planWithdrawal(balance: AccountBalance): WithdrawalStep[] {
  const steps: WithdrawalStep[] = [];
  let splitsNative = balance.splitMain.native;
  const splitTokens = new Set(balance.splitMain.tokens.map((t) => t.token));
  for (const s of balance.pending) {
    for (const c of CREDIT_CONTRACTS)
      if (s.credits[c.key] > 0n)
        steps.push({
          kind: 'release',
          contract: c.contract,
          split: s.split,
          label: `Release split ${short(s.split)}’s ${c.what} to its wallet`,
        });
    for (const c of TOKEN_CREDIT_CONTRACTS)
      for (const t of s[c.key])
        steps.push({
          kind: 'releaseCurrency',
          contract: c.contract,
          split: s.split,
          token: t.token,
          label: `Release split ${short(s.split)}’s ${c.what} in ${t.symbol} to its wallet`,
        });
    const native = s.wallet + s.credits.market + s.credits.vouchers + s.credits.editions;
    const { split, accounts, shares } = s;
    if (native > 0n) {
      steps.push({
        kind: 'distribute',
        split,
        accounts,
        shares,
        token: null,
        label: `Distribute split ${short(split)} to its recipients`,
      });
      splitsNative += s.yours;
    }
    for (const t of s.tokens) {
      steps.push({
        kind: 'distribute',
        split,
        accounts,
        shares,
        token: t.token,
        label: `Distribute split ${short(split)}’s ${t.symbol} to its recipients`,
      });
      if ((s.yoursTokens.find((y) => y.token === t.token)?.amount ?? 0n) > 0n) splitTokens.add(t.token);
    }
  }
  for (const c of CREDIT_CONTRACTS) {
    const amount = balance.credits[c.key];
    if (amount > 0n)
      steps.push({
        kind: 'withdraw',
        contract: c.contract,
        account: balance.account,
        amount,
        label: `Withdraw your ${c.what}`,
      });
  }
  for (const c of TOKEN_CREDIT_CONTRACTS)
    for (const t of balance[c.key])
      steps.push({
        kind: 'withdrawCurrency',
        contract: c.contract,
        account: balance.account,
        token: t.token,
        amount: t.amount,
        label: `Withdraw your ${c.what} in ${t.symbol}`,
      });
  if (splitsNative > 0n || splitTokens.size > 0)
    steps.push({
      kind: 'withdrawSplits',
      account: balance.account,
      native: splitsNative > 0n,
      tokens: [...splitTokens],
      amount: splitsNative,
      label: 'Withdraw your split earnings',
    });
  return steps;
}
