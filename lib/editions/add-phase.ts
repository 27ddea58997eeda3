import type { Address, Hash } from 'viem';
import { editionsAbi } from '../contracts/abi';
import { sendAndWait, type EditionsClients } from './clients';
import { toPhaseInit, type PhaseInput } from './schedule';

export type AddPhaseParameters = {
  editionId: bigint;
  phase: PhaseInput;
  /** An allowed ERC-20 (e.g. the deployment's stablecoin) to price the phase in; none: the native currency. */
  currency?: Address;
};

/** Appends a sale phase to the creator's edition (`addPhase`, or `addPhaseInCurrency` with an ERC-20). */
export async function addEditionPhase(
  clients: EditionsClients,
  params: AddPhaseParameters,
): Promise<{ txHash: Hash; blockNumber: bigint }> {
  const account = clients.walletClient.account;
  const base = { address: clients.editions, abi: editionsAbi, account } as const;
  const phase = toPhaseInit(params.phase);
  const receipt = await sendAndWait('add a phase', clients, async () => {
    const chain = clients.walletClient.chain;
    if (params.currency) {
      const { request } = await clients.publicClient.simulateContract({
        ...base,
        functionName: 'addPhaseInCurrency',
        args: [params.editionId, phase, params.currency],
      });
      return clients.walletClient.writeContract({ ...request, chain });
    }
    const { request } = await clients.publicClient.simulateContract({
      ...base,
      functionName: 'addPhase',
      args: [params.editionId, phase],
    });
    return clients.walletClient.writeContract({ ...request, chain });
  });
  return { txHash: receipt.transactionHash, blockNumber: receipt.blockNumber };
}
