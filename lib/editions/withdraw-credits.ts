import type { Address, Hash } from 'viem';
import { editionsAbi } from '../contracts/abi';
import {
  sendAndWait,
  type EditionRevertedErrorType,
  type EditionsClients,
  type EditionTransactionFailedErrorType,
} from './clients';

export type WithdrawCreditsParameters = { account: Address };
export type WithdrawCreditsReturnType = { txHash: Hash };
export type WithdrawCreditsErrorType = EditionRevertedErrorType | EditionTransactionFailedErrorType;

/** Pays out all of `account`'s credits (referral shares, released revenue) to it; anyone may call. */
export async function withdrawCredits(
  clients: EditionsClients,
  params: WithdrawCreditsParameters,
): Promise<WithdrawCreditsReturnType> {
  const receipt = await sendAndWait('withdraw', clients, async () => {
    const { request } = await clients.publicClient.simulateContract({
      address: clients.editions,
      abi: editionsAbi,
      functionName: 'withdraw',
      args: [params.account],
      account: clients.walletClient.account,
    });
    return clients.walletClient.writeContract({ ...request, chain: clients.walletClient.chain });
  });
  return { txHash: receipt.transactionHash };
}
