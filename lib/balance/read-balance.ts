import { erc20Abi, type Address, type Client } from 'viem';
import { getBalance, readContract } from 'viem/actions';
import type { MotifContractAddresses } from '../chain/contracts';
import { editionsAbi, marketAbi, splitMainAbi, trackCollectionAbi } from '../contracts/abi';
import type { SplitRecipients } from './account-splits';
import type { TokenCreditContract } from './plan-withdrawal';

const ZERO: Address = '0x0000000000000000000000000000000000000000';
/** SplitMain's share scale: shares of a split sum to 1e6. */
const SHARE_SCALE = 1_000_000n;

/** What a contract holds for one account in the chain's native currency (each withdrawn with its own `withdraw`). */
export type NativeCredits = { market: bigint; vouchers: bigint; editions: bigint };

/** An ERC-20 amount, with the token's symbol and decimals as the token reports them (its address when it does not). */
export type TokenAmount = { token: Address; symbol: string; decimals: number; amount: bigint };

/** Money for a split not yet distributed to its recipients, and the account's share of it. */
export type PendingSplit = SplitRecipients & {
  /** The account's share of the split, out of 1e6. */
  share: number;
  /** Credits the contracts hold for the split itself (released to the split's wallet with `withdraw(split)`). */
  credits: NativeCredits;
  /** Native currency in the split's wallet plus the remainder SplitMain holds for it. */
  wallet: bigint;
  /** Tokens pending for the split (its wallet, held remainders, Market and Editions credits), those with a balance. */
  tokens: TokenAmount[];
  /** The split's Market credits per ERC-20 (a sale in a token credits its royalty there; issue #20), only > 0. */
  marketTokens: TokenAmount[];
  /** The split's Editions credits per ERC-20 (an edition sale in a token credits its payout there; issue #17), > 0. */
  editionsTokens: TokenAmount[];
  /** The split's TrackCollection credits per ERC-20 (a voucher priced in a token paid out to it; issue #20), > 0. */
  voucherTokens: TokenAmount[];
  /** The account's share of everything pending, native (rounded down, as SplitMain credits). */
  yours: bigint;
  /** The account's share of each pending token. */
  yoursTokens: TokenAmount[];
};

export type AccountBalance = {
  account: Address;
  credits: NativeCredits;
  /** The account's Market credits per ERC-20 (sales and royalties in a token; issue #20), only > 0. */
  marketTokens: TokenAmount[];
  /** The account's Editions credits per ERC-20 (edition sales and referral shares in a token; issue #17), only > 0. */
  editionsTokens: TokenAmount[];
  /** The account's TrackCollection credits per ERC-20 (vouchers priced in a token; issue #20), only > 0. */
  voucherTokens: TokenAmount[];
  /** Credited by SplitMain to the account and not yet withdrawn. */
  splitMain: { native: bigint; tokens: TokenAmount[] };
  /** Splits with money still to distribute (only those with some). */
  pending: PendingSplit[];
  /** Everything withdrawable in the native currency: credits, SplitMain balance and the account's pending shares. */
  totalNative: bigint;
  /** Per token: the Market, Editions and voucher credits, the SplitMain balance and pending shares. */
  totalTokens: TokenAmount[];
};

export type ReadBalanceParameters = {
  account: Address;
  contracts: Pick<MotifContractAddresses, 'Market' | 'TrackCollection' | 'Editions' | 'SplitMain'>;
  splits: readonly SplitRecipients[];
  tokens: readonly Address[];
};

const sumCredits = (c: NativeCredits) => c.market + c.vouchers + c.editions;

async function creditsOf(client: Client, contracts: ReadBalanceParameters['contracts'], who: Address) {
  const [market, vouchers, editions] = await Promise.all([
    readContract(client, { address: contracts.Market, abi: marketAbi, functionName: 'creditsOf', args: [who] }),
    readContract(client, {
      address: contracts.TrackCollection,
      abi: trackCollectionAbi,
      functionName: 'creditsOf',
      args: [who],
    }),
    readContract(client, { address: contracts.Editions, abi: editionsAbi, functionName: 'creditsOf', args: [who] }),
  ]);
  return { market, vouchers, editions };
}

async function tokenInfo(client: Client, token: Address): Promise<{ symbol: string; decimals: number }> {
  const [symbol, decimals] = await Promise.all([
    readContract(client, { address: token, abi: erc20Abi, functionName: 'symbol' }).catch(() => token),
    readContract(client, { address: token, abi: erc20Abi, functionName: 'decimals' }).catch(() => 18),
  ]);
  return { symbol, decimals };
}

/**
 * Everything `account` can withdraw, read from the chain: its credits in the Market, the TrackCollection (lazy-mint
 * voucher proceeds) and Editions (native, and the Market's and Editions' per token), its SplitMain balances, and its share of what sits undistributed in (or credited
 * to) each split it receives from.
 */
export async function readBalance(client: Client, p: ReadBalanceParameters): Promise<AccountBalance> {
  const { account, contracts } = p;
  const infos = new Map(await Promise.all(p.tokens.map(async (t) => [t, await tokenInfo(client, t)] as const)));
  const amountOf = (token: Address, amount: bigint): TokenAmount => ({
    token,
    symbol: infos.get(token)?.symbol ?? token,
    decimals: infos.get(token)?.decimals ?? 18,
    amount,
  });
  // The Market, Editions and TrackCollection each credit sales in an ERC-20 per (account, token):
  // `currencyCreditsOf(account, token)`.
  const tokenCredits = (contract: TokenCreditContract, who: Address, t: Address) =>
    contract === 'TrackCollection'
      ? readContract(client, {
          address: contracts.TrackCollection,
          abi: trackCollectionAbi,
          functionName: 'currencyCreditsOf',
          args: [who, t],
        })
      : contract === 'Market'
        ? readContract(client, {
            address: contracts.Market,
            abi: marketAbi,
            functionName: 'currencyCreditsOf',
            args: [who, t],
          })
        : readContract(client, {
            address: contracts.Editions,
            abi: editionsAbi,
            functionName: 'currencyCreditsOf',
            args: [who, t],
          });
  const creditsIn = async (contract: TokenCreditContract, who: Address) =>
    Promise.all(p.tokens.map(async (t) => amountOf(t, await tokenCredits(contract, who, t))));
  const held = (split: Address, asset: Address) =>
    readContract(client, {
      address: contracts.SplitMain,
      abi: splitMainAbi,
      functionName: 'heldOf',
      args: [split, asset],
    });

  const [credits, marketAll, editionsAll, vouchersAll, native, tokenBalances, pendingAll] = await Promise.all([
    creditsOf(client, contracts, account),
    creditsIn('Market', account),
    creditsIn('Editions', account),
    creditsIn('TrackCollection', account),
    readContract(client, {
      address: contracts.SplitMain,
      abi: splitMainAbi,
      functionName: 'balanceOf',
      args: [account, ZERO],
    }),
    Promise.all(
      p.tokens.map(async (t) =>
        amountOf(
          t,
          await readContract(client, {
            address: contracts.SplitMain,
            abi: splitMainAbi,
            functionName: 'balanceOf',
            args: [account, t],
          }),
        ),
      ),
    ),
    Promise.all(
      p.splits.map(async (s): Promise<PendingSplit> => {
        const index = s.accounts.indexOf(account);
        const share = index < 0 ? 0 : (s.shares[index] ?? 0);
        const [splitCredits, splitMarket, splitEditions, splitVouchers, balance, heldNative, tokens] =
          await Promise.all([
            creditsOf(client, contracts, s.split),
            creditsIn('Market', s.split),
            creditsIn('Editions', s.split),
            creditsIn('TrackCollection', s.split),
            getBalance(client, { address: s.split }),
            held(s.split, ZERO),
            Promise.all(
              p.tokens.map(async (t) =>
                amountOf(
                  t,
                  (await readContract(client, {
                    address: t,
                    abi: erc20Abi,
                    functionName: 'balanceOf',
                    args: [s.split],
                  })) +
                    (await held(s.split, t)) +
                    (await tokenCredits('Market', s.split, t)) +
                    (await tokenCredits('Editions', s.split, t)) +
                    (await tokenCredits('TrackCollection', s.split, t)),
                ),
              ),
            ),
          ]);
        const wallet = balance + heldNative;
        const withBalance = tokens.filter((t) => t.amount > 0n);
        const yoursOf = (amount: bigint) => (amount * BigInt(share)) / SHARE_SCALE;
        return {
          ...s,
          share,
          credits: splitCredits,
          wallet,
          tokens: withBalance,
          marketTokens: splitMarket.filter((t) => t.amount > 0n),
          editionsTokens: splitEditions.filter((t) => t.amount > 0n),
          voucherTokens: splitVouchers.filter((t) => t.amount > 0n),
          yours: yoursOf(wallet + sumCredits(splitCredits)),
          yoursTokens: withBalance.map((t) => ({ ...t, amount: yoursOf(t.amount) })),
        };
      }),
    ),
  ]);
  const pending = pendingAll.filter((s) => s.wallet + sumCredits(s.credits) > 0n || s.tokens.length > 0);
  const marketTokens = marketAll.filter((t) => t.amount > 0n);
  const editionsTokens = editionsAll.filter((t) => t.amount > 0n);
  const voucherTokens = vouchersAll.filter((t) => t.amount > 0n);
  const totalTokens = tokenBalances
    .map((t) => ({
      ...t,
      amount:
        t.amount +
        (marketTokens.find((m) => m.token === t.token)?.amount ?? 0n) +
        (editionsTokens.find((m) => m.token === t.token)?.amount ?? 0n) +
        (voucherTokens.find((m) => m.token === t.token)?.amount ?? 0n) +
        pending.reduce((sum, s) => sum + (s.yoursTokens.find((y) => y.token === t.token)?.amount ?? 0n), 0n),
    }))
    .filter((t) => t.amount > 0n);
  return {
    account,
    credits,
    marketTokens,
    editionsTokens,
    voucherTokens,
    splitMain: { native, tokens: tokenBalances.filter((t) => t.amount > 0n) },
    pending,
    totalNative: sumCredits(credits) + native + pending.reduce((sum, s) => sum + s.yours, 0n),
    totalTokens,
  };
}
