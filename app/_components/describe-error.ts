import { BaseError, ContractFunctionRevertedError, InsufficientFundsError, UserRejectedRequestError, formatEther } from 'viem';

function formatArg(value: unknown): string {
  if (typeof value === 'bigint') return value > 10n ** 12n ? `${formatEther(value)} ETH` : value.toString();
  return String(value);
}

/**
 * One clear sentence for a failed wallet or contract call: a rejected signature, insufficient funds, or a revert with
 * its decoded custom error name and arguments (the ABIs come from the Solidity sources, so every Motif error decodes).
 */
export function describeError(error: unknown): string {
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError) || /user (rejected|denied)/i.test(error.message)) return 'You rejected the request in your wallet; nothing was sent.';
    if (error.walk((e) => e instanceof InsufficientFundsError) || /insufficient funds/i.test(error.message)) return 'Insufficient funds: the wallet cannot pay the amount plus gas.';
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError) {
      const name = revert.data?.errorName ?? revert.reason;
      const args = revert.data?.args?.map(formatArg).join(', ');
      if (name) return `The contract refused: ${name}${args ? `(${args})` : ''}.`;
      return 'The contract refused the transaction (no reason given).';
    }
    return error.shortMessage || error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
