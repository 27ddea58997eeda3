'use client';

import { useState } from 'react';
import { useConnection } from 'wagmi';
import type { SplitView } from '../../../lib/labels/queries';
import { sharesToPercent } from '../../../lib/splits';
import type { LabelData } from './label-dashboard';
import { SplitControls } from './split-controls';
import { useLabelAction } from './use-label-action';
import { useSplitActions } from './use-split-actions';
import { Status, type Chain } from './split-status';

const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** One split: its recipients, on-chain hash and controller, its actions and history. */
export function SplitCard({
  data,
  split,
  chain,
  canManage,
}: {
  data: LabelData;
  split: SplitView;
  chain: Chain;
  canManage: boolean;
}) {
  const { address: account } = useConnection();
  const action = useLabelAction(data.id, chain);
  const onChain = chain.state[split.split];
  const loaded = chain.loaded[split.split];
  const [errors, setErrors] = useState<string[]>([]);
  const actions = useSplitActions(split, chain, action, setErrors);
  const immutable = onChain ? BigInt(onChain.controller) === 0n : split.immutable;
  const indexerBehind = !!onChain && onChain.hash !== split.hash;
  const heading = `split-${split.split}`;

  return (
    <section aria-labelledby={heading} className="card">
      <h3 id={heading}>
        Split <code>{split.split}</code>
      </h3>
      <p>Pays for tracks: {split.tokenIds.length ? split.tokenIds.join(', ') : 'none in the catalogue'}.</p>
      <table>
        <caption>Recipients (from the indexer)</caption>
        <thead>
          <tr>
            <th scope="col">Payee</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {split.accounts.map((a, i) => (
            <tr key={a}>
              <td>
                <code>{a}</code>
              </td>
              <td>{sharesToPercent(split.shares[i] ?? 0)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl aria-label="On-chain state">
        <dt>On-chain hash</dt>
        <dd>
          <code>{onChain?.hash ?? 'reading…'}</code>
        </dd>
        <dt>Controller</dt>
        <dd>
          <code>{onChain ? (immutable ? 'none (immutable)' : onChain.controller) : 'reading…'}</code>
        </dd>
        <dt>Pending controller</dt>
        <dd>
          <code>
            {onChain ? (BigInt(onChain.pendingController) === 0n ? 'none' : onChain.pendingController) : 'reading…'}
          </code>
        </dd>
      </dl>
      {loaded && onChain && onChain.hash !== loaded ? (
        <p role="alert">This split was changed on-chain by someone else — reload.</p>
      ) : indexerBehind ? (
        <p role="status">The indexer has not caught up with the latest change yet.</p>
      ) : null}
      {canManage && !immutable ? (
        <SplitControls
          split={split}
          actions={actions}
          busy={action.busy}
          connected={!!account}
          isController={same(onChain?.controller, account)}
          isPending={same(onChain?.pendingController, account)}
          handOverPending={!!onChain && BigInt(onChain.pendingController) !== 0n}
        />
      ) : null}
      {errors.length > 0 ? (
        <div role="alert">
          <ul aria-label="Problems with the change">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Status status={action.status} />
      <details>
        <summary>History ({split.history.length} events from the indexer)</summary>
        <ol>
          {split.history.map((h) => (
            <li key={`${h.txHash}-${h.logIndex}`}>
              block {h.blockNumber}: {h.name} <code>{h.txHash}</code>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
