import type { Account, Chain, Client, Hex, Transport } from 'viem';
import {
  simulateContract,
  writeContract,
  type SimulateContractErrorType,
  type WriteContractErrorType,
} from 'viem/actions';
import { trackCollectionAbi } from '../contracts/abi';
import { licenceId } from '../contracts/licences';
import { pinnedAndReceiver, validSplitOf, type DraftNotReadyErrorType } from './contracts';
import type { MintDraft } from './draft';

export type SendMintParameters = { draft: MintDraft; collection: `0x${string}` };
export type SendMintReturnType = Hex;
export type SendMintErrorType = DraftNotReadyErrorType | SimulateContractErrorType | WriteContractErrorType;

/**
 * Step `mint`: simulates TrackCollection.mint first (a revert shows its decoded custom error before the wallet is
 * asked), then sends it. Returns the transaction hash; `confirmMint` waits for it.
 */
export async function sendMint(
  client: Client<Transport, Chain | undefined, Account>,
  { draft, collection }: SendMintParameters,
): Promise<SendMintReturnType> {
  const split = validSplitOf(draft);
  const { pinned, receiver } = pinnedAndReceiver(draft);
  const account = client.account;
  const { request } = await simulateContract(client, {
    address: collection,
    abi: trackCollectionAbi,
    functionName: 'mint',
    args: [
      account.address,
      pinned.contentDigest,
      pinned.manifestDigest,
      receiver,
      split.royaltyBps,
      licenceId(draft.details.licence),
    ],
    account,
    chain: client.chain,
  });
  return writeContract(client, request);
}
