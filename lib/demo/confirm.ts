import type { Chain, Client, Hex, Transport } from 'viem';
import { waitForTransactionReceipt } from 'viem/actions';
import { TransactionRevertedError } from '../errors/transaction-reverted';

/** Waits for `hash`; a reverted receipt throws. */
export async function confirmed(client: Client<Transport, Chain | undefined>, what: string, hash: Hex): Promise<Hex> {
  const receipt = await waitForTransactionReceipt(client, { hash });
  if (receipt.status !== 'success') throw new TransactionRevertedError(what, hash);
  return hash;
}
