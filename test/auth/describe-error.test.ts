import { BaseError, ContractFunctionExecutionError, ContractFunctionRevertedError, InsufficientFundsError, UserRejectedRequestError, encodeErrorResult, parseEther } from 'viem';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../app/_components/describe-error';
import { marketAbi } from '../../lib/contracts/abi';

describe('describeError (wallet and contract failures shown on the track page)', () => {
  it('names a rejected signature and insufficient funds', () => {
    expect(describeError(new UserRejectedRequestError(new Error('User rejected the request.')))).toBe('You rejected the request in your wallet; nothing was sent.');
    expect(describeError(new InsufficientFundsError())).toMatch(/^Insufficient funds/);
  });

  it('decodes a custom error with its arguments from the ABI', () => {
    const data = encodeErrorResult({ abi: marketAbi, errorName: 'WrongPayment', args: [parseEther('0.5'), parseEther('1')] });
    const revert = new ContractFunctionRevertedError({ abi: marketAbi, data, functionName: 'buy' });
    const wrapped = new ContractFunctionExecutionError(revert, { abi: marketAbi, functionName: 'buy', args: [], contractAddress: '0x0000000000000000000000000000000000000001' });
    expect(describeError(wrapped)).toBe('The contract refused: WrongPayment(0.5 ETH, 1 ETH).');
  });

  it('falls back to the short message', () => {
    expect(describeError(new BaseError('Something odd'))).toBe('Something odd');
    expect(describeError(new Error('plain'))).toBe('plain');
  });
});
