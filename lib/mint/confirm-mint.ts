import type { Chain, Client, Transport } from 'viem';
import { waitForTransactionReceipt, type WaitForTransactionReceiptErrorType } from 'viem/actions';
import { LOCAL_CHAIN_ID } from '../config/chains';
import { TransactionRevertedError, type TransactionRevertedErrorType } from '../errors/transaction-reverted';
import { DraftNotReadyError, type DraftNotReadyErrorType } from './contracts';
import type { DraftProgress, MintDraft } from './draft';

export type ConfirmMintParameters = { draft: MintDraft; chainId: number };
export type ConfirmMintReturnType = NonNullable<DraftProgress['minted']>;
export type ConfirmMintErrorType =
  DraftNotReadyErrorType | WaitForTransactionReceiptErrorType | TransactionRevertedErrorType;

/** Confirmations a mint waits for: one on the local chain (instant blocks, no reorgs), two elsewhere. */
export function mintConfirmations(chainId: number): number {
  return chainId === LOCAL_CHAIN_ID ? 1 : 2;
}

/** Step `confirm`: waits for the mint transaction; a reverted receipt fails the step (the retry sends it again). */
export async function confirmMint(
  client: Client<Transport, Chain | undefined>,
  { draft, chainId }: ConfirmMintParameters,
): Promise<ConfirmMintReturnType> {
  const hash = draft.progress.mintTx;
  const pinned = draft.progress.pinned;
  if (!hash || !pinned) throw new DraftNotReadyError('no mint transaction to confirm');
  const receipt = await waitForTransactionReceipt(client, { hash, confirmations: mintConfirmations(chainId) });
  if (receipt.status !== 'success') throw new TransactionRevertedError('The mint', hash);
  return { tokenId: pinned.tokenId, txHash: hash, blockNumber: receipt.blockNumber.toString() };
}
