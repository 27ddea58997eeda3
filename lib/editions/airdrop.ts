import { decodeEventLog, getAddress, type Address, type Hash } from 'viem';
import { editionsAbi } from '../contracts/abi';
import {
  sendAndWait,
  type EditionRevertedErrorType,
  type EditionsClients,
  type EditionTransactionFailedErrorType,
} from './clients';
import { EditionsError, type EditionsErrorType } from './errors';

export type AirdropParameters = { editionId: bigint; recipients: readonly Address[]; quantityEach: number };
export type AirdropReturnType = { firstNumber: number; count: number; txHash: Hash; blockNumber: bigint };
export type AirdropErrorType = EditionRevertedErrorType | EditionTransactionFailedErrorType | EditionsErrorType;

/** The creator mints `quantityEach` free copies to each recipient, within the supply cap. */
export async function airdrop(clients: EditionsClients, params: AirdropParameters): Promise<AirdropReturnType> {
  if (params.recipients.length === 0) throw new EditionsError('an airdrop needs at least one recipient');
  const recipients = params.recipients.map((a) => getAddress(a));
  const receipt = await sendAndWait('airdrop', clients, async () => {
    const { request } = await clients.publicClient.simulateContract({
      address: clients.editions,
      abi: editionsAbi,
      functionName: 'airdrop',
      args: [params.editionId, recipients, BigInt(params.quantityEach)],
      account: clients.walletClient.account,
    });
    return clients.walletClient.writeContract({ ...request, chain: clients.walletClient.chain });
  });
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== clients.editions.toLowerCase()) continue;
    const event = decodeEventLog({ abi: editionsAbi, data: log.data, topics: log.topics, strict: false });
    if (event.eventName === 'Airdropped' && event.args.firstNumber !== undefined) {
      return {
        firstNumber: Number(event.args.firstNumber),
        count: recipients.length * params.quantityEach,
        txHash: receipt.transactionHash,
        blockNumber: receipt.blockNumber,
      };
    }
  }
  throw new EditionsError(`airdrop transaction ${receipt.transactionHash} emitted no Airdropped`);
}
