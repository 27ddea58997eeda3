'use client';

import { useState } from 'react';
import { getAddress, isAddress } from 'viem';
import { useConfig, useConnection } from 'wagmi';
import { simulateContract, writeContract } from 'wagmi/actions';
import type { SplitView } from '../../../lib/labels/queries';
import { sharesToPercent } from '../../../lib/splits';
import type { LabelData } from './label-dashboard';
import { checkPayees, PayeeEditor, type PayeeRow } from './payee-editor';
import { useLabelAction } from './use-label-action';
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
  const config = useConfig();
  const { address: account } = useConnection();
  const action = useLabelAction(data.id, chain);
  const onChain = chain.state[split.split];
  const loaded = chain.loaded[split.split];
  const [editing, setEditing] = useState(false);
  const [rows, setRows] = useState<PayeeRow[]>(() =>
    split.accounts.map((a, i) => ({ account: a, percent: sharesToPercent(split.shares[i] ?? 0) })),
  );
  const [errors, setErrors] = useState<string[]>([]);
  const [newController, setNewController] = useState('');
  const isController = same(onChain?.controller, account);
  const isPending = same(onChain?.pendingController, account);
  const immutable = onChain ? BigInt(onChain.controller) === 0n : split.immutable;
  const indexerBehind = !!onChain && onChain.hash !== split.hash;
  const sm = chain.splitMain;
  const heading = `split-${split.split}`;

  const update = async () => {
    const checked = checkPayees(rows);
    setErrors(checked.ok ? [] : checked.errors);
    if (!checked.ok || !sm || !account) return;
    const ok = await action.run('Update split recipients', {
      guardSplit: split.split,
      adoptSplit: split.split,
      send: async () =>
        writeContract(
          config,
          (
            await simulateContract(config, {
              ...sm,
              functionName: 'updateSplit',
              args: [split.split, checked.split.accounts, checked.split.shares],
              account,
            })
          ).request,
        ),
      record: {
        action: 'split.update',
        split: split.split,
        payees: checked.split.accounts.map((a, i) => ({ account: a, share: checked.split.shares[i] ?? 0 })),
      },
    });
    if (ok) setEditing(false);
  };
  const transfer = async () => {
    if (!isAddress(newController.trim(), { strict: false })) {
      setErrors([`"${newController}" is not a valid address`]);
      return;
    }
    setErrors([]);
    const to = getAddress(newController.trim());
    if (!sm || !account) return;
    await action.run('Hand control over (step 1 of 2)', {
      guardSplit: split.split,
      send: async () =>
        writeContract(
          config,
          (await simulateContract(config, { ...sm, functionName: 'transferControl', args: [split.split, to], account }))
            .request,
        ),
      record: { action: 'split.transferControl', split: split.split, newController: to },
    });
  };
  const simple =
    (label: string, fn: 'acceptControl' | 'cancelControlTransfer' | 'makeSplitImmutable', record: string) =>
    async () => {
      if (!sm || !account) return;
      await action.run(label, {
        guardSplit: split.split,
        send: async () =>
          writeContract(
            config,
            (await simulateContract(config, { ...sm, functionName: fn, args: [split.split], account })).request,
          ),
        record: { action: record, split: split.split },
      });
    };

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
        <div>
          {isController ? (
            <>
              <button type="button" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
                Change recipients
              </button>
              {editing ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    void update();
                  }}
                >
                  <PayeeEditor idPrefix={`edit-${split.split}`} rows={rows} onChange={setRows} />
                  <button type="submit" disabled={action.busy}>
                    Update split
                  </button>
                </form>
              ) : null}
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void transfer();
                }}
              >
                <label htmlFor={`controller-${split.split}`}>New controller</label>{' '}
                <input
                  id={`controller-${split.split}`}
                  value={newController}
                  onChange={(e) => setNewController(e.target.value)}
                  size={44}
                  spellCheck={false}
                />{' '}
                <button type="submit" disabled={action.busy}>
                  Hand control over
                </button>
              </form>
              {onChain && BigInt(onChain.pendingController) !== 0n ? (
                <button
                  type="button"
                  onClick={() =>
                    void simple('Cancel the hand-over', 'cancelControlTransfer', 'split.cancelControlTransfer')()
                  }
                  disabled={action.busy}
                >
                  Cancel hand-over
                </button>
              ) : null}{' '}
              <button
                type="button"
                onClick={() => void simple('Make split immutable', 'makeSplitImmutable', 'split.makeImmutable')()}
                disabled={action.busy}
              >
                Make immutable
              </button>
            </>
          ) : (
            <p>Only the controller can change this split{account ? '' : ' (connect a wallet)'}.</p>
          )}
          {isPending ? (
            <button
              type="button"
              onClick={() => void simple('Accept control (step 2 of 2)', 'acceptControl', 'split.acceptControl')()}
              disabled={action.busy}
            >
              Accept control
            </button>
          ) : null}
        </div>
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
