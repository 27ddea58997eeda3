'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useContext, useState } from 'react';
import type { Hash } from 'viem';
import { useConfig } from 'wagmi';
import { getConnectorClient, getPublicClient } from 'wagmi/actions';
import type { WithdrawalStep } from '../../lib/balance/plan-withdrawal';
import { sendWithdrawalStep } from '../../lib/balance/send-withdrawal-step';
import { describeWalletError } from '../../lib/errors/wallet';
import { useNativeCurrency } from '../_hooks/use-chain-info';
import { DeploymentContext } from '../providers';

export type StepStatus =
  | { phase: 'waiting' }
  | { phase: 'signing' }
  | { phase: 'pending'; hash: Hash }
  | { phase: 'confirmed'; hash: Hash }
  | { phase: 'failed'; reason: string };

export type WithdrawRun = { steps: WithdrawalStep[]; status: StepStatus[]; done: boolean; failed: boolean };

/**
 * Sends a withdraw-all plan one transaction at a time from the connected wallet (lib/balance/send-withdrawal-step.ts),
 * keeping each transaction's status; the first failure stops the run with its reason. Afterwards the balance is read
 * again, so what did not move shows as still there.
 */
export function useWithdrawAll() {
  const config = useConfig();
  const contracts = useContext(DeploymentContext);
  const currency = useNativeCurrency();
  const queryClient = useQueryClient();
  const [run, setRun] = useState<WithdrawRun | null>(null);
  const start = useCallback(
    async (steps: WithdrawalStep[]) => {
      if (!contracts || steps.length === 0) return;
      const status: StepStatus[] = steps.map(() => ({ phase: 'waiting' }));
      const show = (i: number, s: StepStatus, end: Partial<Pick<WithdrawRun, 'done' | 'failed'>> = {}) => {
        status[i] = s;
        setRun({ steps, status: [...status], done: end.done ?? false, failed: end.failed ?? false });
      };
      try {
        for (const [i, step] of steps.entries()) {
          show(i, { phase: 'signing' });
          try {
            const publicClient = getPublicClient(config);
            if (!publicClient) throw new Error('No chain client');
            const walletClient = await getConnectorClient(config);
            const { txHash } = await sendWithdrawalStep({ publicClient, walletClient, contracts }, step, (hash) =>
              show(i, { phase: 'pending', hash }),
            );
            show(i, { phase: 'confirmed', hash: txHash }, { done: i === steps.length - 1 });
          } catch (error) {
            show(i, { phase: 'failed', reason: describeWalletError(error, currency) }, { failed: true });
            return;
          }
        }
      } finally {
        await queryClient.invalidateQueries();
      }
    },
    [config, contracts, currency, queryClient],
  );
  const busy = run !== null && !run.done && !run.failed;
  return { run, start, busy, reset: () => setRun(null) };
}
