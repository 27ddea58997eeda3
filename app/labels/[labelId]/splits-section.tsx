'use client';

import { useState } from 'react';
import { getAddress, isAddress, type Address } from 'viem';
import { useConfig, useConnection } from 'wagmi';
import { readContract, simulateContract, writeContract } from 'wagmi/actions';
import { predictSplitAddress } from '../../../lib/contracts/splits';
import type { SplitView } from '../../../lib/labels/queries';
import { sharesToPercent } from '../../../lib/splits';
import type { LabelData } from './label-dashboard';
import { checkPayees, PayeeEditor, type PayeeRow } from './payee-editor';
import { useLabelAction } from './use-label-action';
import type { useSplitChain } from './use-split-chain';

type Chain = ReturnType<typeof useSplitChain>;
const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

export function SplitsSection({ data, chain, canManage }: { data: LabelData; chain: Chain; canManage: boolean }) {
  return (
    <section id="splits" aria-labelledby="splits-heading">
      <h2 id="splits-heading">Splits</h2>
      {chain.readError ? <p role="alert">Could not read splits from the chain: {chain.readError.message}</p> : null}
      {data.splits.length === 0 ? (
        <p>
          No splits yet. A split appears here once the indexer has seen it and a catalogue track pays into it (or it was
          created here).
        </p>
      ) : null}
      {data.splits.map((s) => (
        <SplitCard key={s.split} data={data} split={s} chain={chain} canManage={canManage} />
      ))}
      {canManage ? <CreateSplit data={data} chain={chain} /> : null}
    </section>
  );
}

function Status({ status }: { status: { role: 'alert' | 'status'; text: string } | null }) {
  return <div aria-live="polite">{status ? <p role={status.role}>{status.text}</p> : null}</div>;
}

function CreateSplit({ data, chain }: { data: LabelData; chain: Chain }) {
  const config = useConfig();
  const { address: account } = useConnection();
  const action = useLabelAction(data.id, chain);
  const [rows, setRows] = useState<PayeeRow[]>([
    { account: '', percent: '' },
    { account: '', percent: '' },
  ]);
  const [tokenId, setTokenId] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [created, setCreated] = useState<Address | null>(null);
  const submit = async () => {
    setCreated(null);
    const checked = checkPayees(rows);
    const problems = checked.ok ? [] : [...checked.errors];
    if (tokenId.trim() && !/^\d{1,78}$/.test(tokenId.trim()))
      problems.push('The track token id must be a decimal number');
    if (!account) problems.push('Connect the wallet that will control the split');
    if (!chain.splitMain) problems.push('No SplitMain deployment on this chain');
    setErrors(problems);
    if (!checked.ok || problems.length > 0 || !account || !chain.splitMain) return;
    const splitMain = chain.splitMain;
    const predicted = predictSplitAddress(splitMain.address, checked.split, account);
    const existing = await readContract(config, { ...splitMain, functionName: 'splitHash', args: [predicted] });
    if (BigInt(existing) !== 0n) {
      setErrors([`A split with these payees and controller already exists at ${predicted}. Nothing was sent.`]);
      return;
    }
    const ok = await action.run('Create split', {
      send: async () =>
        writeContract(
          config,
          (
            await simulateContract(config, {
              ...splitMain,
              functionName: 'createSplit',
              args: [checked.split.accounts, checked.split.shares, account],
              account,
            })
          ).request,
        ),
      record: {
        action: 'split.create',
        split: predicted,
        tokenId: tokenId.trim() || undefined,
        payees: checked.split.accounts.map((a, i) => ({ account: a, share: checked.split.shares[i] ?? 0 })),
      },
    });
    if (ok) setCreated(predicted);
  };
  return (
    <form
      aria-labelledby="create-split-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id="create-split-heading">Create a split for a release</h3>
      <p>
        You (the connected wallet) will control it. Shares must sum to 100%; use the split&apos;s address as the
        track&apos;s royalty receiver when minting.
      </p>
      <PayeeEditor idPrefix="new-split" rows={rows} onChange={setRows} />
      <label htmlFor="new-split-token">For track token id (optional)</label>{' '}
      <input id="new-split-token" value={tokenId} onChange={(e) => setTokenId(e.target.value)} inputMode="numeric" />{' '}
      <button type="submit" disabled={action.busy}>
        Create split
      </button>
      {errors.length > 0 ? (
        <div role="alert">
          <ul aria-label="Problems with the split">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Status status={action.status} />
      {created ? (
        <p role="status">
          Split created at <code>{created}</code>.
        </p>
      ) : null}
    </form>
  );
}

function SplitCard({
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
