import type { Address } from 'viem';
import type { Config } from 'wagmi';
import { getPublicClient, getWalletClient, simulateContract, writeContract } from 'wagmi/actions';
import type { MotifContract } from '../../../lib/chain/contracts';
import { currencyTradeSteps, type CurrencyTrade } from '../../../lib/market/currency-trade-steps';
import type { TxStep, useTx } from '../../_hooks/use-tx';

type MarketFunction =
  'list' | 'updateListing' | 'cancelListing' | 'buy' | 'makeOffer' | 'cancelOffer' | 'acceptOffer' | 'withdraw';

/** What every trade panel needs: the token, the contracts, the signing account, the tx runner and the step builders. */
export type Trade = {
  id: bigint;
  account: Address;
  config: Config;
  collection: MotifContract<'TrackCollection'>;
  market: MotifContract<'Market'>;
  splitMain: MotifContract<'SplitMain'>;
  tx: ReturnType<typeof useTx>;
  /** No step when the market is already approved for this token; else the approval. */
  approveStep: () => TxStep[];
  marketStep: (
    label: string,
    params: { functionName: MarketFunction; args: readonly unknown[]; value?: bigint },
  ) => TxStep;
  /** The steps of a trade in an ERC-20 (lib/market/currency-trade-steps.ts): an exact approval first when short. */
  currencySteps: (trade: CurrencyTrade, symbol: string) => Promise<TxStep[]>;
};

/** The trade context with its step builders, each simulated before the wallet is asked to sign. */
export function makeTrade(
  base: Omit<Trade, 'approveStep' | 'marketStep' | 'currencySteps'>,
  approved: Address | null,
): Trade {
  const { id, account, config, collection, market } = base;
  const approveStep = (): TxStep[] =>
    approved === market.address
      ? []
      : [
          {
            label: 'Approve the market to transfer this track',
            send: async () =>
              writeContract(
                config,
                (
                  await simulateContract(config, {
                    ...collection,
                    functionName: 'approve',
                    args: [market.address, id],
                    account,
                  })
                ).request,
              ),
          },
        ];
  const marketStep: Trade['marketStep'] = (label, params) => ({
    label,
    send: async () => {
      const { request } = await simulateContract(config, { ...market, account, ...params } as Parameters<
        typeof simulateContract
      >[1]);
      return writeContract(config, request);
    },
  });
  const currencySteps: Trade['currencySteps'] = async (trade, symbol) => {
    const publicClient = getPublicClient(config);
    if (!publicClient) throw new Error('No client for the configured chain');
    const walletClient = await getWalletClient(config, { account });
    return currencyTradeSteps(
      { publicClient, walletClient, market: market.address, collection: collection.address },
      trade,
      symbol,
    );
  };
  return { ...base, approveStep, marketStep, currencySteps };
}
