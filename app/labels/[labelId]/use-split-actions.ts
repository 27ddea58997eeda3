'use client';

import { getAddress, isAddress } from 'viem';
import { useConfig, useConnection } from 'wagmi';
import { simulateContract, writeContract } from 'wagmi/actions';
import type { SplitView } from '../../../lib/labels/queries';
import { checkPayees, type PayeeRow } from './payee-editor';
import type { Chain } from './split-status';
import type { useLabelAction } from './use-label-action';

type ControlFunction = 'acceptControl' | 'cancelControlTransfer' | 'makeSplitImmutable';

/** The controller's transactions on one split, each guarded against a split changed on-chain and recorded. */
export function useSplitActions(
  split: SplitView,
  chain: Chain,
  action: ReturnType<typeof useLabelAction>,
  setErrors: (errors: string[]) => void,
) {
  const config = useConfig();
  const { address: account } = useConnection();
  const sm = chain.splitMain;

  /** True once the new recipients are confirmed. */
  const update = async (rows: PayeeRow[]): Promise<boolean> => {
    const checked = checkPayees(rows);
    setErrors(checked.ok ? [] : checked.errors);
    if (!checked.ok || !sm || !account) return false;
    return action.run('Update split recipients', {
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
  };
  const transfer = async (newController: string) => {
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
  const simple = (label: string, fn: ControlFunction, record: string) => async () => {
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
  return { update, transfer, simple };
}
