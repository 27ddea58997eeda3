'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Address, Hex } from 'viem';
import { useConfig, useReadContracts } from 'wagmi';
import { readContract } from 'wagmi/actions';
import type { SplitView } from '../../../lib/labels/queries';
import { useMotifContract } from '../../_hooks/use-motif-contract';

export type OnChainSplit = { hash: Hex; controller: Address; pendingController: Address };

export const staleMessage = (split: string) =>
  `Split ${split} was changed on-chain by someone else — reload the page. Nothing was sent.`;

/**
 * Each split's state read back from SplitMain (splitHash, controllerOf, pendingControllerOf), and the hash the page
 * loaded. `guard(split)` re-reads the hash just before a transaction: if it no longer matches what the page loaded,
 * it returns the "changed on-chain by someone else" message and the caller sends nothing.
 */
export function useSplitChain(splits: readonly SplitView[]) {
  const splitMain = useMotifContract('SplitMain');
  const config = useConfig();
  const reads = useReadContracts({
    contracts: splitMain
      ? splits.flatMap((s) => [
          { ...splitMain, functionName: 'splitHash' as const, args: [s.split] as const },
          { ...splitMain, functionName: 'controllerOf' as const, args: [s.split] as const },
          { ...splitMain, functionName: 'pendingControllerOf' as const, args: [s.split] as const },
        ])
      : [],
    query: { enabled: !!splitMain && splits.length > 0 },
  });
  const loadedRef = useRef<Record<string, Hex>>({});
  const [loaded, setLoaded] = useState<Record<string, Hex>>({});
  const state: Record<string, OnChainSplit> = {};
  splits.forEach((s, i) => {
    const [h, c, p] = [reads.data?.[i * 3], reads.data?.[i * 3 + 1], reads.data?.[i * 3 + 2]];
    if (h?.status === 'success' && c?.status === 'success' && p?.status === 'success')
      state[s.split] = {
        hash: h.result as Hex,
        controller: c.result as Address,
        pendingController: p.result as Address,
      };
  });
  const key = JSON.stringify(state);
  useEffect(() => {
    const fresh = JSON.parse(key) as Record<string, OnChainSplit>;
    let changed = false;
    for (const [split, s] of Object.entries(fresh)) {
      if (!(split in loadedRef.current)) {
        loadedRef.current = { ...loadedRef.current, [split]: s.hash };
        changed = true;
      }
    }
    if (changed) setLoaded(loadedRef.current);
  }, [key]);

  const currentHash = useCallback(
    async (split: Address): Promise<Hex> => {
      if (!splitMain) throw new Error('No SplitMain deployment on this chain');
      return readContract(config, { ...splitMain, functionName: 'splitHash', args: [split] });
    },
    [config, splitMain],
  );

  const guard = useCallback(
    async (split: Address): Promise<string | null> => {
      const expected = loadedRef.current[split];
      if (!expected)
        return `The page has not read split ${split} from the chain yet — wait a moment. Nothing was sent.`;
      return (await currentHash(split)) === expected ? null : staleMessage(split);
    },
    [currentHash],
  );

  /** After the page's own confirmed change: the new on-chain hash becomes the one the page knows. */
  const adopt = useCallback(
    async (split: Address) => {
      loadedRef.current = { ...loadedRef.current, [split]: await currentHash(split) };
      setLoaded(loadedRef.current);
      await reads.refetch();
    },
    [currentHash, reads],
  );

  return { splitMain, state, loaded, guard, adopt, readError: reads.error };
}
