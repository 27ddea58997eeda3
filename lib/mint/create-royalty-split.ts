import type { Account, Chain, Client, Transport } from 'viem';
import {
  getCode,
  waitForTransactionReceipt,
  writeContract,
  type GetCodeErrorType,
  type WaitForTransactionReceiptErrorType,
  type WriteContractErrorType,
} from 'viem/actions';
import { splitMainAbi } from '../contracts/abi';
import { ZERO_ADDRESS } from '../contracts/splits';
import { TransactionRevertedError, type TransactionRevertedErrorType } from '../errors/transaction-reverted';
import { validSplitOf, type DraftNotReadyErrorType, type MintContracts } from './contracts';
import type { DraftProgress, MintDraft } from './draft';
import { royaltyReceiver } from './royalty-receiver';
import { needsSplitContract } from './split';

export type CreateRoyaltySplitParameters = { draft: MintDraft; contracts: MintContracts };
export type CreateRoyaltySplitReturnType = NonNullable<DraftProgress['split']>;
export type CreateRoyaltySplitErrorType =
  | DraftNotReadyErrorType
  | GetCodeErrorType
  | WriteContractErrorType
  | WaitForTransactionReceiptErrorType
  | TransactionRevertedErrorType;

/**
 * Step `split`: the royalty receiver. One payee and no controller: the payee itself. Otherwise the split SplitMain
 * deploys at a predictable address; it is created unless it already exists (someone made the same split before, or
 * a retry after the transaction landed), so a retry never pays twice.
 */
export async function createRoyaltySplit(
  client: Client<Transport, Chain | undefined, Account>,
  { draft, contracts }: CreateRoyaltySplitParameters,
): Promise<CreateRoyaltySplitReturnType> {
  const split = validSplitOf(draft);
  const address = royaltyReceiver({ split, splitMain: contracts.splitMain });
  if (!needsSplitContract(split)) return { address };
  const code = await getCode(client, { address });
  if (code && code !== '0x') return { address };
  const hash = await writeContract(client, {
    address: contracts.splitMain,
    abi: splitMainAbi,
    functionName: 'createSplit',
    args: [split.split.accounts, split.split.shares, split.controller ?? ZERO_ADDRESS],
    account: client.account,
    chain: client.chain,
  });
  const receipt = await waitForTransactionReceipt(client, { hash });
  if (receipt.status !== 'success') throw new TransactionRevertedError('The split creation', hash);
  return { address, txHash: hash };
}
