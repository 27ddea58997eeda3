'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import type { Hash } from 'viem';
import { useConfig } from 'wagmi';
import { waitForTransactionReceipt } from 'wagmi/actions';
import { describeWalletError } from '../../lib/errors/wallet';
import { useNativeCurrency } from './use-chain-info';

export type TxPhase = 'idle' | 'signing' | 'pending' | 'confirmed' | 'error';
export type TxState = { phase: TxPhase; label: string; message: string; hash?: Hash };
export type TxStep = { label: string; send: () => Promise<Hash> };

/**
 * Runs a sequence of transactions (e.g. approve then list) one by one: each is simulated and signed, then waited for;
 * the first failure stops the sequence with a clear message. Afterwards the chain reads and the server-rendered
 * parts (from the indexer) are refreshed.
 */
export function useTx() {
  const config = useConfig();
  const currency = useNativeCurrency();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [state, setState] = useState<TxState>({ phase: 'idle', label: '', message: '' });
  const run = useCallback(
    async (label: string, stepsOrPending: TxStep[] | Promise<TxStep[]>): Promise<boolean> => {
      try {
        // Steps may need a chain read first (e.g. an ERC-20 allowance decides whether an approval comes first).
        const steps = await stepsOrPending;
        for (const [i, step] of steps.entries()) {
          const prefix = steps.length > 1 ? `Step ${i + 1} of ${steps.length}: ` : '';
          setState({ phase: 'signing', label, message: `${prefix}${step.label} — confirm in your wallet…` });
          const hash = await step.send();
          setState({ phase: 'pending', label, message: `${prefix}${step.label} — waiting for confirmation…`, hash });
          const receipt = await waitForTransactionReceipt(config, { hash });
          if (receipt.status !== 'success')
            throw new Error(`${step.label} was reverted in block ${receipt.blockNumber}`);
        }
        setState({ phase: 'confirmed', label, message: `${label}: confirmed.` });
        return true;
      } catch (error) {
        setState({ phase: 'error', label, message: `${label} failed: ${describeWalletError(error, currency)}` });
        return false;
      } finally {
        await queryClient.invalidateQueries();
        router.refresh();
      }
    },
    [config, queryClient, router, currency],
  );
  return { state, run, busy: state.phase === 'signing' || state.phase === 'pending' };
}
