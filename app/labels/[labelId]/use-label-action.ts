'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Address, Hash } from 'viem';
import { useTx } from '../../_hooks/use-tx';
import { api } from '../api-client';
import type { useSplitChain } from './use-split-chain';

export type RecordBody = {
  action: string;
  split?: Address;
  account?: Address;
  newController?: Address;
  tokenId?: string;
  payees?: { account: string; share: number }[];
};

/**
 * One dashboard action: (1) if it touches a split, check the on-chain hash still matches what the page loaded
 * (otherwise say so and send nothing); (2) sign and wait for the transaction; (3) record it in the label's audit log.
 */
export function useLabelAction(labelId: string, chain: ReturnType<typeof useSplitChain>) {
  const tx = useTx();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [recordError, setRecordError] = useState<string | null>(null);

  async function run(
    label: string,
    opts: { guardSplit?: Address; adoptSplit?: Address; send: () => Promise<Hash>; record?: RecordBody },
  ): Promise<boolean> {
    setRefusal(null);
    setRecordError(null);
    if (opts.guardSplit) {
      const stale = await chain
        .guard(opts.guardSplit)
        .catch((e: unknown) => `Could not read the split from the chain: ${String(e)}. Nothing was sent.`);
      if (stale) {
        setRefusal(stale);
        return false;
      }
    }
    let hash: Hash | undefined;
    const ok = await tx.run(label, [{ label, send: async () => (hash = await opts.send()) }]);
    if (!ok || !hash) return false;
    if (opts.adoptSplit) await chain.adopt(opts.adoptSplit).catch(() => undefined);
    if (opts.record) {
      try {
        await api(`/api/labels/${labelId}/actions`, { method: 'POST', body: { ...opts.record, txHash: hash } });
      } catch (error) {
        setRecordError(`Confirmed on-chain, but not recorded in the audit log: ${(error as Error).message}`);
      }
    }
    await queryClient.invalidateQueries();
    return true;
  }

  const status = refusal
    ? { role: 'alert' as const, text: refusal }
    : recordError
      ? { role: 'alert' as const, text: recordError }
      : tx.state.phase === 'idle'
        ? null
        : { role: tx.state.phase === 'error' ? ('alert' as const) : ('status' as const), text: tx.state.message };
  return { run, busy: tx.busy, status, refuse: setRefusal };
}
