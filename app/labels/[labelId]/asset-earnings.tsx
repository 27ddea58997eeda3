'use client';

import type { Address } from 'viem';
import { shortHex } from '../../../lib/format/short-hex';
import { assetName, type TokenInfo } from '../../../lib/labels/format-amount';
import { useNativeCurrency } from '../../_hooks/use-chain-info';
import type { useEarningsActions } from './use-earnings-actions';
import type { AssetTotals } from './use-label-earnings';

/** One asset's earnings: totals, per track, pending in each split wallet and per payee, with the manager's actions. */
export function AssetEarnings({
  asset,
  t,
  amount,
  tokenInfo,
  canManage,
  busy,
  actions,
}: {
  asset: string;
  t: AssetTotals;
  amount: (baseUnits: string, asset: string) => string;
  tokenInfo: TokenInfo | undefined;
  canManage: boolean;
  busy: boolean;
  actions: ReturnType<typeof useEarningsActions>;
}) {
  const currency = useNativeCurrency();
  return (
    <div>
      <h3>{assetName(asset, currency)}</h3>
      <p>
        Distributed: {amount(t.distributed, asset)} · Withdrawn: {amount(t.withdrawn, asset)}
      </p>
      <table>
        <caption>Per track ({assetName(asset, currency, tokenInfo)})</caption>
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
                          disabled={busy || !actions.hasMarket || BigInt(atMarket) === 0n}
                          onClick={() => void actions.collect(split as Address)}
                          aria-label={`Collect market royalties of split ${split}`}
                        >
                          Collect market royalties
                        </button>{' '}
                      </>
                    ) : null}
                    <button
                      type="button"
                      disabled={busy || BigInt(wei) === 0n}
                      onClick={() => void actions.distribute(split as Address, asset)}
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
                      disabled={busy || BigInt(pending) === 0n}
                      onClick={() => void actions.withdraw(payee as Address)}
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
}
