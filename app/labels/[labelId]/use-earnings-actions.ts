'use client';

import { getAddress, type Address } from 'viem';
import { useConfig, useConnection } from 'wagmi';
import { simulateContract, writeContract } from 'wagmi/actions';
import { useNativeCurrency } from '../../_hooks/use-chain-info';
import { useMotifContract } from '../../_hooks/use-motif-contract';
import type { LabelData } from './label-dashboard';
import type { useLabelAction } from './use-label-action';
import type { useSplitChain } from './use-split-chain';

/** The earnings transactions: collect a split's market royalties, distribute a split, withdraw for a payee. */
export function useEarningsActions(
  data: LabelData,
  chain: ReturnType<typeof useSplitChain>,
  action: ReturnType<typeof useLabelAction>,
  assets: string[],
) {
  const config = useConfig();
  const { address: account } = useConnection();
  const sm = chain.splitMain;
  const market = useMotifContract('Market');
  const currency = useNativeCurrency();

  const distribute = async (split: Address, asset: string) => {
    const view = data.splits.find((s) => s.split === split);
    const onChain = chain.state[split];
    if (!view || !sm || !account) return;
    if (!onChain || onChain.hash !== view.hash) {
      action.refuse(
        `The recipients the page knows for ${split} are not the split's current ones on-chain — reload. Nothing was sent.`,
      );
      return;
    }
    const shares = view.shares;
    await action.run(`Distribute ${asset === 'ETH' ? currency.symbol : 'tokens'} of ${split.slice(0, 10)}…`, {
      guardSplit: split,
      send: async () =>
        asset === 'ETH'
          ? writeContract(
              config,
              (
                await simulateContract(config, {
                  ...sm,
                  functionName: 'distributeETH',
                  args: [split, view.accounts, shares],
                  account,
                })
              ).request,
            )
          : writeContract(
              config,
              (
                await simulateContract(config, {
                  ...sm,
                  functionName: 'distributeERC20',
                  args: [split, getAddress(asset), view.accounts, shares],
                  account,
                })
              ).request,
            ),
      record: { action: 'earnings.distribute', split },
    });
  };
  /** Market.withdraw(split): the Market pays the split's resale royalties into the split wallet (anyone may call). */
  const collect = async (split: Address) => {
    if (!market || !account) return;
    await action.run(`Collect market royalties of ${split.slice(0, 10)}…`, {
      send: async () =>
        writeContract(
          config,
          (await simulateContract(config, { ...market, functionName: 'withdraw', args: [split], account })).request,
        ),
    });
  };
  const withdraw = async (payee: Address) => {
    if (!sm || !account) return;
    const tokens = assets.filter((a) => a !== 'ETH').map((a) => getAddress(a));
    await action.run(`Withdraw for ${payee.slice(0, 10)}…`, {
      send: async () =>
        writeContract(
          config,
          (await simulateContract(config, { ...sm, functionName: 'withdraw', args: [payee, true, tokens], account }))
            .request,
        ),
      record: { action: 'earnings.withdraw', account: payee },
    });
  };
  return { distribute, collect, withdraw, hasMarket: market !== null };
}
