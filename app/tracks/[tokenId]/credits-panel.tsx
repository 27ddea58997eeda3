'use client';

import type { Address } from 'viem';
import { simulateContract, writeContract } from 'wagmi/actions';
import { useFormatAmount } from '../../_hooks/use-chain-info';
import type { Trade } from './trade-steps';

type Split = { address: Address; accounts: Address[]; shares: number[] };
type Amounts = { marketCredits: bigint; collectionCredits: bigint; splitBalance: bigint; splitPending: bigint };

/** The viewer's credits in each contract that pays by pull, each withdrawable, and the track split's pending royalties. */
export function CreditsPanel({ trade, amounts, split }: { trade: Trade; amounts: Amounts; split: Split | null }) {
  const { tx, config, account, collection, splitMain } = trade;
  const eth = useFormatAmount();
  // The three places that credit the viewer (pull payments), each withdrawn with its own contract's `withdraw`.
  const credits = [
    {
      source: 'Market',
      amount: amounts.marketCredits,
      title: 'Withdraw market credits',
      from: 'from the market',
      send: trade.marketStep('Withdraw', { functionName: 'withdraw', args: [account] }).send,
    },
    {
      source: 'Voucher sales',
      amount: amounts.collectionCredits,
      title: 'Withdraw voucher proceeds',
      from: 'of voucher proceeds',
      send: async () =>
        writeContract(
          config,
          (await simulateContract(config, { ...collection, functionName: 'withdraw', args: [account], account }))
            .request,
        ),
    },
    {
      source: 'Royalty splits',
      amount: amounts.splitBalance,
      title: 'Withdraw split earnings',
      from: 'from splits',
      send: async () =>
        writeContract(
          config,
          (
            await simulateContract(config, {
              ...splitMain,
              functionName: 'withdraw',
              args: [account, true, []],
              account,
            })
          ).request,
        ),
    },
  ];

  return (
    <section aria-label="Your credits">
      <h3>Your credits</h3>
      <p className="muted">
        Sale proceeds, royalties and cancelled offers are credited to you; withdraw them to your wallet.
      </p>
      <ul>
        {credits.map((c) => (
          <li key={c.source}>
            {c.source}: {eth(c.amount)}{' '}
            {c.amount > 0n && (
              <button
                type="button"
                disabled={tx.busy}
                onClick={() => void tx.run(c.title, [{ label: 'Withdraw', send: c.send }])}
              >
                Withdraw {eth(c.amount)} {c.from}
              </button>
            )}
          </li>
        ))}
      </ul>
      {split && amounts.splitPending > 0n && (
        <p>
          This track’s split has {eth(amounts.splitPending)} of royalties in the market.{' '}
          <button
            type="button"
            disabled={tx.busy}
            onClick={() =>
              void tx.run('Distribute split royalties', [
                trade.marketStep('Release royalties to the split', { functionName: 'withdraw', args: [split.address] }),
                {
                  label: 'Distribute to the payees',
                  send: async () =>
                    writeContract(
                      config,
                      (
                        await simulateContract(config, {
                          ...splitMain,
                          functionName: 'distributeETH',
                          args: [split.address, split.accounts, split.shares],
                          account,
                        })
                      ).request,
                    ),
                },
              ])
            }
          >
            Release and distribute {eth(amounts.splitPending)} to the split’s payees
          </button>
        </p>
      )}
    </section>
  );
}
