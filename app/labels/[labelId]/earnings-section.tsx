'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { erc20Abi, getAddress, type Address } from 'viem';
import { useConfig, useConnection, useReadContracts } from 'wagmi';
import { shortHex } from '../../../lib/format/short-hex';
import { assetName, formatAssetAmount, type TokenInfo } from '../../../lib/labels/format-amount';
import { useNativeCurrency } from '../../_hooks/use-chain-info';
import { simulateContract, writeContract } from 'wagmi/actions';
import { api } from '../api-client';
import { EarningsChart, type SeriesPoint } from './earnings-chart';
import type { LabelData } from './label-dashboard';
import { useLabelAction } from './use-label-action';
import type { useSplitChain } from './use-split-chain';
import { useMotifContract } from '../../_hooks/use-motif-contract';

type AssetTotals = {
  byTrack: { tokenId: string; primarySales: string; resaleRoyalties: string }[];
  byPayee: { account: string; credited: string; withdrawn: string }[];
  distributed: string;
  withdrawn: string;
  undistributed: Record<string, string>;
  unwithdrawn: Record<string, string>;
  /** Resale royalties the Market holds for each split until `Market.withdraw(split)` (ETH only). */
  marketCredits?: Record<string, string>;
  /** Not yet distributed: in the split wallets plus at the Market. */
  pendingDistribution?: string;
};
type Earnings = {
  period: { from: string; to: string } | null;
  assets: string[];
  byAsset: Record<string, AssetTotals>;
  series: SeriesPoint[];
  rowCount: number;
};

export function EarningsSection({
  data,
  chain,
  canManage,
}: {
  data: LabelData;
  chain: ReturnType<typeof useSplitChain>;
  canManage: boolean;
}) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [applied, setApplied] = useState<{ from: string; to: string } | null>(null);
  const query = applied ? `?from=${applied.from}&to=${applied.to}` : '';
  const earnings = useQuery({
    queryKey: ['label-earnings', data.id, query],
    queryFn: () => api<Earnings>(`/api/labels/${data.id}/earnings${query}`),
    refetchInterval: 5000,
  });
  const config = useConfig();
  const { address: account } = useConnection();
  const action = useLabelAction(data.id, chain);
  const sm = chain.splitMain;
  const market = useMotifContract('Market');
  const currency = useNativeCurrency();
  // ERC-20 amounts in each token's own decimals and symbol, read from the token contracts.
  const tokens = (earnings.data?.assets ?? []).filter((a) => a !== 'ETH') as Address[];
  const tokenReads = useReadContracts({
    contracts: tokens.flatMap((address) => [
      { address, abi: erc20Abi, functionName: 'decimals' } as const,
      { address, abi: erc20Abi, functionName: 'symbol' } as const,
    ]),
    query: { enabled: tokens.length > 0 },
  });
  const tokenInfo = new Map<string, TokenInfo>();
  tokens.forEach((address, i) => {
    const decimals = tokenReads.data?.[2 * i]?.result;
    const symbol = tokenReads.data?.[2 * i + 1]?.result;
    if (typeof decimals === 'number' && typeof symbol === 'string') tokenInfo.set(address, { decimals, symbol });
  });
  const amount = (baseUnits: string, asset: string) =>
    formatAssetAmount(baseUnits, asset, currency, tokenInfo.get(asset));

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
    const tokens = (earnings.data?.assets ?? []).filter((a) => a !== 'ETH').map((a) => getAddress(a));
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

  return (
    <section id="earnings" aria-labelledby="earnings-heading">
      <h2 id="earnings-heading">Earnings</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(from && to ? { from, to } : null);
        }}
        aria-label="Earnings period"
      >
        <label htmlFor="earnings-from">Period from</label>{' '}
        <input id="earnings-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />{' '}
        <label htmlFor="earnings-to">to</label>{' '}
        <input id="earnings-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />{' '}
        <button type="submit">Show period</button>{' '}
        <button
          type="button"
          onClick={() => {
            setFrom('');
            setTo('');
            setApplied(null);
          }}
        >
          All time
        </button>
      </form>
      {earnings.error ? (
        <p role="alert">{earnings.error.message}</p>
      ) : !earnings.data ? (
        <p role="status">Loading earnings…</p>
      ) : (
        <>
          <p role="status">
            {applied ? `${applied.from} to ${applied.to}` : 'All time'}: {earnings.data.rowCount} statement rows.
          </p>
          <h3>Earnings over time</h3>
          <EarningsChart series={earnings.data.series} />
          {earnings.data.assets.map((asset) => {
            const t = earnings.data.byAsset[asset];
            if (!t) return null;
            return (
              <div key={asset}>
                <h3>{assetName(asset, currency)}</h3>
                <p>
                  Distributed: {amount(t.distributed, asset)} · Withdrawn: {amount(t.withdrawn, asset)}
                </p>
                <table>
                  <caption>Per track ({assetName(asset, currency, tokenInfo.get(asset))})</caption>
                  <thead>
                    <tr>
                      <th scope="col">Token</th>
                      <th scope="col">Primary sales</th>
                      <th scope="col">Resale royalties</th>
                    </tr>
                  </thead>
                  <tbody>
                    {t.byTrack.map((r) => (
                      <tr key={r.tokenId}>
                        <td>{shortHex(r.tokenId)}</td>
                        <td>{amount(r.primarySales, asset)}</td>
                        <td>{amount(r.resaleRoyalties, asset)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {t.pendingDistribution !== undefined ? (
                  <p data-testid={`pending-distribution-${asset}`}>
                    Not yet distributed (in split wallets and at the Market): {amount(t.pendingDistribution, asset)}
                  </p>
                ) : null}
                <table>
                  <caption>Pending in split wallets, not yet distributed ({asset})</caption>
                  <thead>
                    <tr>
                      <th scope="col">Split</th>
                      <th scope="col">In the split wallet</th>
                      {asset === 'ETH' ? <th scope="col">At the Market (resale royalties to collect)</th> : null}
                      {canManage ? <th scope="col">Action</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(t.undistributed).map(([split, wei]) => {
                      const atMarket = t.marketCredits?.[split] ?? '0';
                      return (
                        <tr key={split}>
                          <td>
                            <code>{split}</code>
                          </td>
                          <td>{amount(wei, asset)}</td>
                          {asset === 'ETH' ? <td>{amount(atMarket, asset)}</td> : null}
                          {canManage ? (
                            <td>
                              {asset === 'ETH' ? (
                                <>
                                  <button
                                    type="button"
                                    disabled={action.busy || !market || BigInt(atMarket) === 0n}
                                    onClick={() => void collect(split as Address)}
                                    aria-label={`Collect market royalties of split ${split}`}
                                  >
                                    Collect market royalties
                                  </button>{' '}
                                </>
                              ) : null}
                              <button
                                type="button"
                                disabled={action.busy || BigInt(wei) === 0n}
                                onClick={() => void distribute(split as Address, asset)}
                                aria-label={`Distribute ${asset} of split ${split}`}
                              >
                                Distribute
                              </button>
                            </td>
                          ) : null}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
                <table>
                  <caption>Per payee ({asset})</caption>
                  <thead>
                    <tr>
                      <th scope="col">Payee</th>
                      <th scope="col">Credited</th>
                      <th scope="col">Withdrawn</th>
                      <th scope="col">Pending, not withdrawn</th>
                      {canManage ? <th scope="col">Action</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {[...new Set([...t.byPayee.map((p) => p.account), ...Object.keys(t.unwithdrawn)])].map((payee) => {
                      const p = t.byPayee.find((x) => x.account.toLowerCase() === payee.toLowerCase());
                      const pending = t.unwithdrawn[payee] ?? '0';
                      return (
                        <tr key={payee}>
                          <td>
                            <code>{payee}</code>
                          </td>
                          <td>{amount(p?.credited ?? '0', asset)}</td>
                          <td>{amount(p?.withdrawn ?? '0', asset)}</td>
                          <td>{amount(pending, asset)}</td>
                          {canManage ? (
                            <td>
                              <button
                                type="button"
                                disabled={action.busy || BigInt(pending) === 0n}
                                onClick={() => void withdraw(payee as Address)}
                                aria-label={`Withdraw for ${payee}`}
                              >
                                Withdraw
                              </button>
                            </td>
                          ) : null}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            );
          })}
        </>
      )}
      <div aria-live="polite">{action.status ? <p role={action.status.role}>{action.status.text}</p> : null}</div>
    </section>
  );
}
