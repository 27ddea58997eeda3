import {
  decodeFunctionResult,
  encodeFunctionData,
  type Address,
  type Chain,
  type Client,
  type DecodeFunctionResultErrorType,
  type Hex,
  type Transport,
} from 'viem';
import { BaseError } from '../../errors/base';
import { estimateL1Fee, type EstimateL1FeeErrorType } from 'viem/op-stack';
import { call, type CallErrorType } from 'viem/actions';
import type { ChainStack } from '../../config/chains';
import { GAS_PRICE_ORACLE_ADDRESS, NODE_INTERFACE_ADDRESS, nodeInterfaceAbi } from './addresses';

/** Any client of the configured chain (viem's, or wagmi's getPublicClient). */
export type FeeClient = Client<Transport, Chain | undefined>;

export type EstimateParentDataFeeParameters = {
  stack: ChainStack;
  account: Address;
  to: Address;
  data: Hex;
  value?: bigint;
};

/**
 * The parent-chain share of a transaction, as its chain reports it:
 * - `orbit`: `gas` is the L1 component in the chain's own gas units (NodeInterface `gasEstimateL1Component`). An
 *   Orbit node's `eth_estimateGas` already counts it, and its receipts' `gasUsed` include it (`gasUsedForL1`);
 *   `wei` is those units at the base fee the precompile returned: the L1 cost, which stays the same when the base
 *   fee moves (the units are that cost over the base fee).
 * - `op-stack`: `wei` is the GasPriceOracle's `getL1Fee` of the serialised transaction (viem's OP-stack action),
 *   charged on top of the execution gas (receipts report it as `l1Fee`); `gas` is 0.
 * - `none`: nothing.
 */
export type EstimateParentDataFeeReturnType = { stack: ChainStack; gas: bigint; wei: bigint };

export type EstimateParentDataFeeErrorType =
  CallErrorType | DecodeFunctionResultErrorType | EstimateL1FeeErrorType | NoParentFeeAnswerErrorType;

export type NoParentFeeAnswerErrorType = NoParentFeeAnswerError & { name: 'NoParentFeeAnswerError' };

/** The chain gave no answer at its stack's fee address: it is not the stack it is configured as. */
export class NoParentFeeAnswerError extends BaseError {
  override name = 'NoParentFeeAnswerError';
  constructor(address: Address) {
    super(`The chain has no parent-chain fee contract at ${address}: check MOTIF_CHAIN_STACK or the preset's stack.`);
  }
}

export async function estimateParentDataFee(
  client: FeeClient,
  params: EstimateParentDataFeeParameters,
): Promise<EstimateParentDataFeeReturnType> {
  switch (params.stack) {
    case 'none':
      return { stack: 'none', gas: 0n, wei: 0n };
    case 'orbit': {
      // A payable method (readContract takes views only): called with eth_call, as Orbit nodes expect.
      const { data } = await call(client, {
        to: NODE_INTERFACE_ADDRESS,
        data: encodeFunctionData({
          abi: nodeInterfaceAbi,
          functionName: 'gasEstimateL1Component',
          args: [params.to, false, params.data],
        }),
      });
      if (!data) throw new NoParentFeeAnswerError(NODE_INTERFACE_ADDRESS);
      const [gas, baseFee] = decodeFunctionResult({
        abi: nodeInterfaceAbi,
        functionName: 'gasEstimateL1Component',
        data,
      });
      return { stack: 'orbit', gas, wei: gas * baseFee };
    }
    case 'op-stack': {
      // The oracle's address is given: viem's chain definitions of OP-stack L3s (e.g. B3) do not list it.
      const wei = await estimateL1Fee(client, {
        account: params.account,
        to: params.to,
        data: params.data,
        value: params.value,
        gasPriceOracleAddress: GAS_PRICE_ORACLE_ADDRESS,
        chain: client.chain,
      });
      return { stack: 'op-stack', gas: 0n, wei };
    }
  }
}
