'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { useConfig, useConnection } from 'wagmi';
import { readContract, simulateContract, writeContract } from 'wagmi/actions';
import { predictSplitAddress } from '../../../lib/contracts/splits';
import type { LabelData } from './label-dashboard';
import { checkPayees, PayeeEditor, type PayeeRow } from './payee-editor';
import { useLabelAction } from './use-label-action';
import { Status, type Chain } from './split-status';

/** The form that creates a split for a release, controlled by the connected wallet. */
export function CreateSplit({ data, chain }: { data: LabelData; chain: Chain }) {
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
