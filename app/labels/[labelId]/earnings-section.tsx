'use client';

import { useState } from 'react';
import { AssetEarnings } from './asset-earnings';
import { EarningsChart } from './earnings-chart';
import { EarningsPeriod } from './earnings-period';
import type { LabelData } from './label-dashboard';
import { useEarningsActions } from './use-earnings-actions';
import { useLabelAction } from './use-label-action';
import { useLabelEarnings } from './use-label-earnings';
import type { useSplitChain } from './use-split-chain';

export function EarningsSection({
  data,
  chain,
  canManage,
}: {
  data: LabelData;
  chain: ReturnType<typeof useSplitChain>;
  canManage: boolean;
}) {
  const [applied, setApplied] = useState<{ from: string; to: string } | null>(null);
  const { earnings, tokenInfo, amount } = useLabelEarnings(data.id, applied);
  const action = useLabelAction(data.id, chain);
  const actions = useEarningsActions(data, chain, action, earnings.data?.assets ?? []);

  return (
    <section id="earnings" aria-labelledby="earnings-heading">
      <h2 id="earnings-heading">Earnings</h2>
      <EarningsPeriod onApply={setApplied} />
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
              <AssetEarnings
                key={asset}
                asset={asset}
                t={t}
                amount={amount}
                tokenInfo={tokenInfo.get(asset)}
                canManage={canManage}
                busy={action.busy}
                actions={actions}
              />
            );
          })}
        </>
      )}
      <div aria-live="polite">{action.status ? <p role={action.status.role}>{action.status.text}</p> : null}</div>
    </section>
  );
}
