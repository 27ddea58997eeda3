'use client';

import { useState } from 'react';
import { erc20Abi, zeroAddress, type Address, type Hash, type Hex } from 'viem';
import { useConfig } from 'wagmi';
import { readContract, simulateContract, writeContract } from 'wagmi/actions';
import { apiErrorOf, parseApprovalAnswer, parseProofAnswer } from '../../../../lib/editions/api-answers';
import type { EditionView } from '../../../../lib/editions/edition-view';
import { MAX_COMMENT_BYTES } from '../../../../lib/editions/schedule';
import { useMotifContract } from '../../../_hooks/use-motif-contract';
import { useTx, type TxStep } from '../../../_hooks/use-tx';

type Phase = EditionView['phases'][number];
type Authorisation =
  | { mode: 'public' }
  | { mode: 'allowlist'; proof: Hex[] }
  | { mode: 'signature'; quantity: number; nonce: bigint; deadline: bigint; signature: Hex };

/** GETs an editions API answer: the parsed body, or the refusal's words. */
async function getAnswer<T>(url: string, parse: (body: unknown) => T | null): Promise<T | string> {
  const answer = await fetch(url, { cache: 'no-store' });
  const body: unknown = await answer.json().catch(() => null);
  if (!answer.ok) return apiErrorOf(body, `request failed (${answer.status})`).message;
  return parse(body) ?? 'the answer was not readable';
}

/**
 * Collect in the phase selling now: fetches what the phase's mode needs (the allowlist proof, or the creator's approval
 * for this wallet, whose quantity is what it mints), then — for a phase priced in an ERC-20 — approves exactly the
 * payment if the allowance is short, and mints (no ETH for a token phase).
 */
export function useCollect(edition: EditionView, viewer: Address | undefined, referrer: Address | null) {
  const config = useConfig();
  const editions = useMotifContract('Editions');
  const tx = useTx();
  const [problem, setProblem] = useState<string | null>(null);

  const authorise = async (phase: Phase, account: Address): Promise<Authorisation | string> => {
    const query = `phase=${phase.phase}&account=${account}`;
    if (phase.mode === 'allowlist') {
      const proof = await getAnswer(`/api/editions/${edition.editionId}/proof?${query}`, parseProofAnswer);
      return typeof proof === 'string' ? `You cannot collect in the presale: ${proof}.` : { mode: 'allowlist', proof };
    }
    if (phase.mode === 'signature') {
      const a = await getAnswer(`/api/editions/${edition.editionId}/approvals?${query}`, parseApprovalAnswer);
      return typeof a === 'string'
        ? `This phase is for collectors the creator approved, and there is no approval for your wallet: ${a}. Ask the creator to approve ${account}.`
        : { mode: 'signature', ...a };
    }
    return { mode: 'public' };
  };

  const collect = async (phase: Phase, quantityWanted: number, comment: string) => {
    setProblem(null);
    if (!editions || !viewer) return;
    const bytes = new TextEncoder().encode(comment).length;
    if (bytes > MAX_COMMENT_BYTES) return setProblem(`The comment is ${bytes} bytes; at most ${MAX_COMMENT_BYTES}.`);
    const auth = await authorise(phase, viewer);
    if (typeof auth === 'string') return setProblem(auth);
    // An approval is for an exact number of copies: that is what is minted.
    const quantity = auth.mode === 'signature' ? auth.quantity : quantityWanted;
    if (quantity < 1) return setProblem('Enter how many copies to collect (1 or more).');
    const payment = BigInt(phase.priceWei) * BigInt(quantity);
    const common = [
      BigInt(edition.editionId),
      BigInt(phase.phase),
      BigInt(quantity),
      viewer,
      referrer ?? zeroAddress,
      comment,
    ] as const;
    const base = { ...editions, account: viewer, value: phase.currency ? 0n : payment } as const;
    const mint = async (): Promise<Hash> => {
      if (auth.mode === 'allowlist') {
        const { request } = await simulateContract(config, {
          ...base,
          functionName: 'mintAllowlisted',
          args: [...common, auth.proof],
        });
        return writeContract(config, request);
      }
      if (auth.mode === 'signature') {
        const { request } = await simulateContract(config, {
          ...base,
          functionName: 'mintApproved',
          args: [...common, auth.nonce, auth.deadline, auth.signature],
        });
        return writeContract(config, request);
      }
      const { request } = await simulateContract(config, { ...base, functionName: 'mint', args: common });
      return writeContract(config, request);
    };
    const steps: TxStep[] = [];
    const token = phase.currency;
    if (token && payment > 0n) {
      const allowance = await readContract(config, {
        address: token,
        abi: erc20Abi,
        functionName: 'allowance',
        args: [viewer, editions.address],
      });
      if (allowance < payment)
        steps.push({
          label: 'Approve the payment',
          send: async () => {
            const { request } = await simulateContract(config, {
              address: token,
              abi: erc20Abi,
              functionName: 'approve',
              args: [editions.address, payment],
              account: viewer,
            });
            return writeContract(config, request);
          },
        });
    }
    steps.push({ label: 'Collect', send: mint });
    await tx.run(`Collect ${quantity} ${quantity === 1 ? 'copy' : 'copies'}`, steps);
  };

  return { collect, problem, tx, ready: editions !== null };
}
