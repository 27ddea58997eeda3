'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { getConnectorClient, getPublicClient } from 'wagmi/actions';
import type { MintContracts } from '../../lib/mint/contracts';
import type { MintDraft } from '../../lib/mint/draft';
import { releaseConsumedDraft, saveDraft } from '../../lib/mint/draft-store';
import { createMintEffects } from '../../lib/mint/effects';
import { encodeAndPin } from '../../lib/mint/pin-upload';
import { runMint, type PinProgress } from '../../lib/mint/run';
import { fail, nextStep, type MintStep } from '../../lib/mint/steps';
import { useNativeCurrency, useStablecoin } from '../_hooks/use-chain-info';

export type MintRun = {
  running: boolean;
  active: MintStep | null;
  pinProgress: PinProgress | null;
  start(draft: MintDraft, account: Address, contracts: MintContracts): Promise<void>;
};

/** Runs (or resumes) the step machine with the connected wallet; on a mint opens the track page. */
export function useMintRun(chainId: number, onDraft: (d: MintDraft) => void): MintRun {
  const config = useConfig();
  const currency = useNativeCurrency();
  const stablecoin = useStablecoin();
  const router = useRouter();
  const [running, setRunning] = useState(false);
  const [active, setActive] = useState<MintStep | null>(null);
  const [pinProgress, setPinProgress] = useState<PinProgress | null>(null);

  const start = async (draft: MintDraft, account: Address, contracts: MintContracts) => {
    setRunning(true);
    setPinProgress(null);
    try {
      let d: MintDraft;
      try {
        const wallet = await getConnectorClient(config, { account, chainId });
        const publicClient = getPublicClient(config, { chainId });
        if (!publicClient) throw new Error('no connection to the chain');
        const effects = createMintEffects({
          wallet,
          publicClient,
          chainId,
          currency,
          ...(stablecoin ? { stablecoin } : {}),
          contracts,
          pin: (x, onProgress) => encodeAndPin('/api/tracks/pin', x, onProgress),
          save: saveDraft,
          now: () => new Date().toISOString(),
        });
        d = await runMint(draft, effects, {
          onStep: (step, current) => {
            setActive(step);
            onDraft(current);
          },
          onPinProgress: setPinProgress,
        });
      } catch (error) {
        // the wallet could not be reached before any step ran: recorded as a failure of the next step
        const step = nextStep(draft);
        d = step === 'done' ? draft : fail(draft, step, error, new Date().toISOString());
      }
      onDraft(d);
      // the WAV now lives on IPFS: the draft's WAV-sized IndexedDB record goes (the studio session stays)
      void releaseConsumedDraft(d).catch(() => undefined);
      // a voucher stays here: the step list stores it and shows its short link to share
      if (d.progress.minted) router.push(`/tracks/${d.progress.minted.tokenId}`);
    } finally {
      setActive(null);
      setRunning(false);
    }
  };

  return { running, active, pinProgress, start };
}
