import { decodeFunctionResult, encodeFunctionData, erc20Abi, toHex, type Address, type StateOverride } from 'viem';
import { call, createAccessList } from 'viem/actions';
import { BaseError } from '../../errors/base';
import type { FeeClient } from './estimate-parent-data-fee';

export type AllowanceOverrideParameters = {
  /** The ERC-20 paid in. */
  token: Address;
  /** The paying account. */
  owner: Address;
  /** The contract that pulls the payment. */
  spender: Address;
  /** The allowance the action needs (what the approve step will grant). */
  amount: bigint;
};

/** None of the storage slots `allowance(owner, spender)` reads holds the allowance alone: it cannot be overridden. */
export class AllowanceSlotNotFoundError extends BaseError {
  override name = 'AllowanceSlotNotFoundError';
  constructor(token: Address) {
    super(`Could not find where the token ${token} stores allowances, so the fee cannot be estimated before approval.`);
  }
}

/**
 * The state override under which `owner` has approved `spender` for `amount` of `token`, as if the approve step had
 * run (issue #20): a paying call estimated before its approval reverts for want of the allowance, so its gas is
 * estimated under this override instead. No storage layout is assumed: the slots that `allowance(owner, spender)`
 * reads (on the token, or on a proxy's implementation storage, which is the token's) come from eth_createAccessList,
 * and the one whose override makes `allowance` return `amount` (checked with eth_call) is the allowance's. Tested on
 * the local tUSD (OpenZeppelin ERC20) on anvil; the node must accept state overrides (geth-based nodes and anvil do).
 */
export async function allowanceOverride(
  client: FeeClient,
  { token, owner, spender, amount }: AllowanceOverrideParameters,
): Promise<StateOverride> {
  const data = encodeFunctionData({ abi: erc20Abi, functionName: 'allowance', args: [owner, spender] });
  const { accessList } = await createAccessList(client, { account: owner, to: token, data });
  const value = toHex(amount, { size: 32 });
  for (const { address, storageKeys } of accessList)
    for (const slot of storageKeys) {
      const override: StateOverride = [{ address, stateDiff: [{ slot, value }] }];
      const result = await call(client, { to: token, data, stateOverride: override });
      if (!result.data) continue;
      const allowance = decodeFunctionResult({ abi: erc20Abi, functionName: 'allowance', data: result.data });
      if (allowance === amount) return override;
    }
  throw new AllowanceSlotNotFoundError(token);
}
