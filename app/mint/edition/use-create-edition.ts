'use client';

import { useState } from 'react';
import { zeroAddress, type Address } from 'viem';
import { useConfig } from 'wagmi';
import { simulateContract, writeContract } from 'wagmi/actions';
import { apiErrorOf } from '../../../lib/editions/api-answers';
import type { AllowlistTree } from '../../../lib/editions/allowlist-tree';
import { editionIdOf } from '../../../lib/editions/edition-id';
import { toPhaseInit, type PhaseInput } from '../../../lib/editions/schedule';
import { creationPlan } from '../../../lib/editions/wizard-draft';
import { useMotifContract } from '../../_hooks/use-motif-contract';
import { useTx, type TxStep } from '../../_hooks/use-tx';
import type { EditionTrack } from './edition-wizard';

export type EditionTerms = { maxSupply: number; closeAt: number; referralBps: number };

/**
 * Creates the edition: pins the allowlist file first (collectors fetch their proofs from it), then `createEdition`
 * with the phases before the first one priced in the ERC-20, then appends the others in order.
 */
export function useCreateEdition(track: EditionTrack, viewer: Address | undefined) {
  const config = useConfig();
  const editions = useMotifContract('Editions');
  const tx = useTx();
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState(false);

  const create = async (
    terms: EditionTerms,
    inputs: PhaseInput[],
    currencies: (Address | null)[],
    tree: AllowlistTree | null,
    issueCount: number,
  ) => {
    setProblem(null);
    if (!editions || !viewer || viewer !== track.creator) return;
    if (issueCount > 0) return setProblem('Fix the problems listed above first.');
    if (tree) {
      const answer = await fetch('/api/editions/allowlists', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(tree.toJson()),
      });
      if (!answer.ok) {
        const body: unknown = await answer.json().catch(() => null);
        const { message } = apiErrorOf(body, `status ${answer.status}`);
        return setProblem(`Pinning the allowlist failed: ${message}. Nothing was sent.`);
      }
    }
    const init = {
      content: track.contentDigest,
      manifest: track.manifestDigest,
      licence: track.licence,
      royaltyReceiver: track.royaltyReceiver,
      royaltyBps: track.royaltyBps,
      payout: zeroAddress,
      ...terms,
    };
    const plan = creationPlan(inputs, currencies);
    const editionId = editionIdOf(track.creator, track.contentDigest);
    const steps: TxStep[] = [
      {
        label: 'Create the edition',
        send: async () => {
          const { request } = await simulateContract(config, {
            ...editions,
            functionName: 'createEdition',
            args: [init, plan.created.map(toPhaseInit)],
            account: viewer,
          });
          return writeContract(config, request);
        },
      },
      ...plan.appended.map(({ phase, currency }, i) => ({
        label: `Add phase ${plan.created.length + i + 1}${currency ? ' (priced in the token)' : ''}`,
        send: async () => {
          if (currency) {
            const { request } = await simulateContract(config, {
              ...editions,
              functionName: 'addPhaseInCurrency',
              args: [editionId, toPhaseInit(phase), currency],
              account: viewer,
            });
            return writeContract(config, request);
          }
          const { request } = await simulateContract(config, {
            ...editions,
            functionName: 'addPhase',
            args: [editionId, toPhaseInit(phase)],
            account: viewer,
          });
          return writeContract(config, request);
        },
      })),
    ];
    setCreated(await tx.run('Create the edition', steps));
  };

  return { create, problem, created, tx, ready: editions !== null };
}
