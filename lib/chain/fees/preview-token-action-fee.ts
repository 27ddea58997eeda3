import { encodeFunctionData, erc20Abi, type Address, type Hex } from 'viem';
import { readContract } from 'viem/actions';
import type { ChainStack } from '../../config/chains';
import { allowanceOverride } from './allowance-override';
import type { FeeClient } from './estimate-parent-data-fee';
import { previewFee, type FeeRequest, type PreviewFeeReturnType } from './preview-fee';

export type PreviewTokenActionFeeParameters = {
  stack: ChainStack;
  /** The paying account. */
  account: Address;
  /** The ERC-20 paid in, the contract that pulls it, and how much (as lib/chain/approval-steps.ts approves it). */
  token: Address;
  spender: Address;
  amount: bigint;
  /** The approve step's label, e.g. "Allow the market to take tUSD". */
  approveLabel: string;
  /** The paying call (buyInCurrency, redeemInCurrency, ...). */
  action: { label: string; to: Address; data: Hex };
};

/**
 * The network fee of an action paid in an ERC-20 (issue #20), as a number: the same steps lib/chain/approval-steps.ts
 * will send (an approve of exactly `amount` when the allowance is short, then the paying call), each priced by
 * previewFee (execution gas at the expected price plus the parent-chain data fee). Before the approve the paying call
 * would revert, so its gas is estimated under a state override of the allowance the approve will grant. The estimate
 * is the call's gas before refunds: a call that clears storage (an allowance spent to zero) is charged somewhat less.
 * Throws what previewFee, the allowance read and allowanceOverride (AllowanceSlotNotFoundError) throw.
 */
export async function previewTokenActionFee(
  client: FeeClient,
  { stack, account, token, spender, amount, approveLabel, action }: PreviewTokenActionFeeParameters,
): Promise<PreviewFeeReturnType> {
  const allowance =
    amount === 0n
      ? 0n
      : await readContract(client, {
          address: token,
          abi: erc20Abi,
          functionName: 'allowance',
          args: [account, spender],
        });
  const requests: FeeRequest[] = [];
  if (allowance < amount) {
    const approve = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, amount] });
    requests.push({ label: approveLabel, account, to: token, data: approve });
    const stateOverride = await allowanceOverride(client, { token, owner: account, spender, amount });
    requests.push({ ...action, account, stateOverride });
  } else requests.push({ ...action, account });
  return previewFee(client, { stack, requests });
}
