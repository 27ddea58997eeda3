import {
  BaseError as ViemBaseError,
  ContractFunctionRevertedError,
  type Account,
  type Address,
  type Chain,
  type Hash,
  type PublicClient,
  type Transport,
  type TransactionReceipt,
  type WalletClient,
} from 'viem';
import { EditionsError } from './errors';

/** What every edition action needs: a reader, the acting wallet, and the Editions contract's address. */
export type EditionsClients = {
  publicClient: PublicClient;
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  editions: Address;
};

/** The contract refused the call (simulated before sending): `reason` is the Solidity error's name. */
export class EditionRevertedError extends EditionsError {
  override name = 'EditionRevertedError' as const;
  constructor(
    readonly action: string,
    readonly reason: string,
    readonly reasonArgs: readonly unknown[],
    cause: unknown,
  ) {
    super(`${action} refused by the Editions contract: ${reason}`, { cause });
  }
}
export type EditionRevertedErrorType = EditionRevertedError & { name: 'EditionRevertedError' };

/** A sent transaction whose receipt says it reverted (the chain moved between simulation and inclusion). */
export class EditionTransactionFailedError extends EditionsError {
  override name = 'EditionTransactionFailedError' as const;
  constructor(
    readonly action: string,
    readonly hash: Hash,
  ) {
    super(`${action} transaction ${hash} reverted`);
  }
}
export type EditionTransactionFailedErrorType = EditionTransactionFailedError & {
  name: 'EditionTransactionFailedError';
};

/** Turns a viem revert into an EditionRevertedError carrying the contract's error name; other errors pass. */
export function asEditionError(action: string, error: unknown): unknown {
  if (error instanceof ViemBaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName) {
      return new EditionRevertedError(action, reverted.data.errorName, reverted.data.args ?? [], error);
    }
  }
  return error;
}

/** Simulates, sends and waits: every refusal surfaces before a transaction is signed, with the contract's reason. */
export async function sendAndWait(
  action: string,
  clients: EditionsClients,
  send: () => Promise<Hash>,
): Promise<TransactionReceipt> {
  let hash: Hash;
  try {
    hash = await send();
  } catch (error) {
    throw asEditionError(action, error);
  }
  const receipt = await clients.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new EditionTransactionFailedError(action, hash);
  return receipt;
}
