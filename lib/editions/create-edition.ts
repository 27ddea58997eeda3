import { decodeEventLog, zeroAddress, type Address, type Hash, type Hex } from 'viem';
import { editionsAbi } from '../contracts/abi';
import {
  sendAndWait,
  type EditionRevertedErrorType,
  type EditionsClients,
  type EditionTransactionFailedErrorType,
} from './clients';
import { EditionsError, type EditionsErrorType } from './errors';
import { toPhaseInit, validateSchedule, type PhaseInput, type ScheduleIssue } from './schedule';

export type CreateEditionParameters = {
  /** sha2-256 digest of the track's content folder (the 1/1's `contentDigest`). */
  content: Hex;
  manifest: Hex;
  licence: number;
  royaltyReceiver: Address;
  royaltyBps: number;
  /** Receiver of primary revenue; zero or omitted = the royalty receiver (the track's split), else the creator. */
  payout?: Address;
  maxSupply: number;
  closeAt: number;
  referralBps: number;
  phases: readonly PhaseInput[];
};
export type CreateEditionReturnType = { editionId: bigint; payout: Address; txHash: Hash; blockNumber: bigint };
export type CreateEditionErrorType =
  InvalidEditionScheduleErrorType | EditionRevertedErrorType | EditionTransactionFailedErrorType | EditionsErrorType;

export class InvalidEditionScheduleError extends EditionsError {
  override name = 'InvalidEditionScheduleError' as const;
  constructor(readonly issues: readonly ScheduleIssue[]) {
    super(
      `the edition's terms are not valid: ${issues.map((i) => (i.phase === null ? i.message : `phase ${i.phase + 1}: ${i.message}`)).join('; ')}`,
    );
  }
}
export type InvalidEditionScheduleErrorType = InvalidEditionScheduleError & { name: 'InvalidEditionScheduleError' };

/** Creates the wallet's edition of its track (the creator is the sender), after checking terms and phases. */
export async function createEdition(
  clients: EditionsClients,
  params: CreateEditionParameters,
): Promise<CreateEditionReturnType> {
  const issues = validateSchedule(params, params.phases);
  if (issues.length > 0) throw new InvalidEditionScheduleError(issues);
  const init = {
    content: params.content,
    manifest: params.manifest,
    licence: params.licence,
    royaltyReceiver: params.royaltyReceiver,
    royaltyBps: params.royaltyBps,
    payout: params.payout ?? zeroAddress,
    maxSupply: params.maxSupply,
    closeAt: params.closeAt,
    referralBps: params.referralBps,
  };
  const phases = params.phases.map(toPhaseInit);
  const receipt = await sendAndWait('createEdition', clients, async () => {
    const { request } = await clients.publicClient.simulateContract({
      address: clients.editions,
      abi: editionsAbi,
      functionName: 'createEdition',
      args: [init, phases],
      account: clients.walletClient.account,
    });
    return clients.walletClient.writeContract({ ...request, chain: clients.walletClient.chain });
  });
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== clients.editions.toLowerCase()) continue;
    const event = decodeEventLog({ abi: editionsAbi, data: log.data, topics: log.topics, strict: false });
    if (event.eventName === 'EditionCreated' && event.args.editionId !== undefined && event.args.payout !== undefined) {
      return {
        editionId: event.args.editionId,
        payout: event.args.payout,
        txHash: receipt.transactionHash,
        blockNumber: receipt.blockNumber,
      };
    }
  }
  throw new EditionsError(`createEdition transaction ${receipt.transactionHash} emitted no EditionCreated`);
}
