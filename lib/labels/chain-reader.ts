import { createPublicClient, getAddress, http, type Address, type Hex, type PublicClient } from 'viem';
import { MOTIF_ABIS } from '../chain/contracts';
import type { ReceiptLog } from './receipt-check';

const ZERO: Address = '0x0000000000000000000000000000000000000000';

export type Balance = { account: Address; asset: 'ETH' | Address; wei: bigint };
export type PendingBalances = { undistributed: Balance[]; marketCredits: Balance[]; unwithdrawn: Balance[] };

/** What the label routes read from the chain (a viem client in the app; a stub in tests). */
export type LabelChain = {
  /** The inclusive block range whose timestamps fall in [from, to) (unix seconds); null when no block does. */
  blockRange(fromSeconds: number, toSeconds: number): Promise<{ fromBlock: bigint; toBlock: bigint } | null>;
  blockTimes(numbers: readonly bigint[]): Promise<Map<bigint, Date>>;
  /**
   * Money in each split wallet not yet distributed, each split's Market credits (resale royalties the Market holds
   * until someone calls `Market.withdraw(split)`; ETH only), and each payee's SplitMain balance not yet withdrawn.
   */
  pending(
    splitMain: Address,
    market: Address | null,
    splits: readonly Address[],
    payees: readonly Address[],
    tokens: readonly Address[],
  ): Promise<PendingBalances>;
  /**
   * SplitMain's current `controllerOf(split)`, read from the chain now; null when it is zero (an immutable split, or
   * an address that is not a split of this SplitMain). The catalogue's split-control rule reads it
   * (lib/labels/split-control.ts).
   */
  splitController(splitMain: Address, split: Address): Promise<Address | null>;
  /** The receipt's logs when `txHash` has been mined successfully and was sent by `from`; null otherwise. */
  confirmedFrom(txHash: Hex, from: Address): Promise<{ logs: ReceiptLog[] } | null>;
};

/** First block number in [0, latest] whose timestamp is >= `seconds` (latest + 1 when none), by binary search. */
export async function firstBlockAtOrAfter(
  timestampOf: (n: bigint) => Promise<bigint>,
  latest: bigint,
  seconds: bigint,
): Promise<bigint> {
  let lo = 0n;
  let hi = latest + 1n;
  while (lo < hi) {
    const mid = (lo + hi) / 2n;
    if ((await timestampOf(mid)) >= seconds) hi = mid;
    else lo = mid + 1n;
  }
  return lo;
}

const erc20BalanceAbi = [
  {
    type: 'function',
    name: 'balanceOf',
    stateMutability: 'view',
    inputs: [{ name: 'a', type: 'address' }],
    outputs: [{ name: '', type: 'uint256' }],
  },
] as const;

export function viemLabelChain(rpcUrl: string): LabelChain {
  const client: PublicClient = createPublicClient({ transport: http(rpcUrl) });
  const cache = new Map<bigint, bigint>();
  const timestampOf = async (n: bigint) => {
    const hit = cache.get(n);
    if (hit !== undefined) return hit;
    const t = (await client.getBlock({ blockNumber: n })).timestamp;
    if (cache.size > 10_000) cache.clear();
    cache.set(n, t);
    return t;
  };
  return {
    async blockRange(fromSeconds, toSeconds) {
      const latest = await client.getBlockNumber();
      const fromBlock = await firstBlockAtOrAfter(timestampOf, latest, BigInt(fromSeconds));
      const toBlock = (await firstBlockAtOrAfter(timestampOf, latest, BigInt(toSeconds))) - 1n;
      return fromBlock <= toBlock ? { fromBlock, toBlock } : null;
    },
    async blockTimes(numbers) {
      const out = new Map<bigint, Date>();
      for (const n of new Set(numbers)) out.set(n, new Date(Number(await timestampOf(n)) * 1000));
      return out;
    },
    async pending(splitMain, market, splits, payees, tokens) {
      const undistributed: Balance[] = [];
      const marketCredits: Balance[] = [];
      const unwithdrawn: Balance[] = [];
      for (const split of splits) {
        // Not yet credited to anyone: what the split's wallet holds, plus the rounding remainder SplitMain holds for
        // it until its next distribution (fewer units than the split has payees).
        const held = (asset: Address) =>
          client.readContract({
            address: splitMain,
            abi: MOTIF_ABIS.SplitMain,
            functionName: 'heldOf',
            args: [split, asset],
          });
        undistributed.push({
          account: split,
          asset: 'ETH',
          wei: (await client.getBalance({ address: split })) + (await held(ZERO)),
        });
        if (market)
          marketCredits.push({
            account: split,
            asset: 'ETH',
            wei: await client.readContract({
              address: market,
              abi: MOTIF_ABIS.Market,
              functionName: 'creditsOf',
              args: [split],
            }),
          });
        for (const token of tokens)
          undistributed.push({
            account: split,
            asset: token,
            wei:
              (await client.readContract({
                address: token,
                abi: erc20BalanceAbi,
                functionName: 'balanceOf',
                args: [split],
              })) + (await held(token)),
          });
      }
      for (const payee of payees) {
        for (const asset of ['ETH' as const, ...tokens]) {
          const wei = await client.readContract({
            address: splitMain,
            abi: MOTIF_ABIS.SplitMain,
            functionName: 'balanceOf',
            args: [payee, asset === 'ETH' ? ZERO : asset],
          });
          unwithdrawn.push({ account: payee, asset, wei });
        }
      }
      return { undistributed, marketCredits, unwithdrawn };
    },
    async splitController(splitMain, split) {
      const controller = await client.readContract({
        address: splitMain,
        abi: MOTIF_ABIS.SplitMain,
        functionName: 'controllerOf',
        args: [split],
      });
      return controller === ZERO ? null : getAddress(controller);
    },
    async confirmedFrom(txHash, from) {
      try {
        const receipt = await client.getTransactionReceipt({ hash: txHash });
        if (receipt.status !== 'success' || getAddress(receipt.from) !== getAddress(from)) return null;
        return { logs: receipt.logs.map((l) => ({ address: l.address, topics: l.topics, data: l.data })) };
      } catch {
        return null;
      }
    },
  };
}
