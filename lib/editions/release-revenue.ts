import type { Hash } from 'viem';
import { editionsAbi } from '../contracts/abi';
import {
  sendAndWait,
  type EditionRevertedErrorType,
  type EditionsClients,
  type EditionTransactionFailedErrorType,
} from './clients';

export type ReleaseRevenueParameters = { editionIds: readonly bigint[] };
export type ReleaseRevenueReturnType = { txHash: Hash };
export type ReleaseRevenueErrorType = EditionRevertedErrorType | EditionTransactionFailedErrorType;

/** Credits the editions' pending primary revenue to their payouts (anyone may call; money only moves to payouts). */
export async function releaseRevenue(
  clients: EditionsClients,
  params: ReleaseRevenueParameters,
): Promise<ReleaseRevenueReturnType> {
  const receipt = await sendAndWait('release', clients, async () => {
    const { request } = await clients.publicClient.simulateContract({
      address: clients.editions,
      abi: editionsAbi,
      functionName: 'release',
      args: [[...params.editionIds]],
      account: clients.walletClient.account,
    });
    return clients.walletClient.writeContract({ ...request, chain: clients.walletClient.chain });
  });
  return { txHash: receipt.transactionHash };
}
