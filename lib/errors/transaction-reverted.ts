import type { Hex } from 'viem';
import { BaseError } from './base';

export type TransactionRevertedErrorType = TransactionRevertedError & { name: 'TransactionRevertedError' };

/**
 * A mined transaction whose receipt says `reverted`. viem reports a revert before sending (simulation, gas
 * estimate) as `ContractFunctionRevertedError`; a transaction that passed those and reverted in its block only
 * shows in the receipt, and this is that case.
 */
export class TransactionRevertedError extends BaseError {
  override name = 'TransactionRevertedError' as const;
  constructor(
    readonly what: string,
    readonly hash: Hex,
  ) {
    super(`${what} transaction ${hash} reverted`);
  }
}
