'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { getPublicClient } from 'wagmi/actions';
import { shortMessageOf } from '../../lib/errors/wallet';
import type { MintContracts } from '../../lib/mint/contracts';
import type { MintDraft } from '../../lib/mint/draft';
import { estimateMintFee } from '../../lib/mint/estimate-mint-fee';
import type { EstimateMintFeeReturnType } from '../../lib/mint/estimate-mint-fee';
import { useChainStack } from '../_hooks/use-chain-info';

export type FeeEstimateState = {
  fee: EstimateMintFeeReturnType['fee'] | null;
  balance: bigint | null;
  error: string | null;
  retry(): void;
};

/**
 * The fee of what the draft will still send, estimated whenever the details change (and the form is valid); a
 * stale answer (the details changed meanwhile) is dropped.
 */
export function useFeeEstimate(params: {
  draft: MintDraft | null;
  account: Address | undefined;
  contracts: MintContracts | null;
  enabled: boolean;
}): FeeEstimateState {
  const { draft, account, contracts, enabled } = params;
  const config = useConfig();
  const stack = useChainStack();
  const [state, setState] = useState<Omit<FeeEstimateState, 'retry'>>({ fee: null, balance: null, error: null });
  const [attempt, setAttempt] = useState(0);
  const seq = useRef(0);
  const collection = contracts?.collection;
  const splitMain = contracts?.splitMain;

  useEffect(() => {
    const mine = ++seq.current;
    setState({ fee: null, balance: null, error: null });
    if (!enabled || !draft || !account || !collection || !splitMain) return;
    const client = getPublicClient(config);
    if (!client) {
      setState({ fee: null, balance: null, error: 'Could not estimate the fee: no connection to the chain' });
      return;
    }
    estimateMintFee(client, { draft, account, contracts: { collection, splitMain }, stack }).then(
      ({ fee, balance }) => {
        if (mine === seq.current) setState({ fee, balance, error: null });
      },
      (e: unknown) => {
        if (mine === seq.current)
          setState({ fee: null, balance: null, error: `Could not estimate the fee: ${shortMessageOf(e)}` });
      },
    );
  }, [draft, account, collection, splitMain, enabled, config, attempt, stack]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
