import type { Address, Hex, StateOverride } from 'viem';
import {
  estimateGas,
  estimateMaxPriorityFeePerGas,
  getBlock,
  getFeeHistory,
  getGasPrice,
  type EstimateGasErrorType,
} from 'viem/actions';
import type { ChainStack } from '../../config/chains';
import { estimateParentDataFee, type EstimateParentDataFeeErrorType, type FeeClient } from './estimate-parent-data-fee';

/**
 * One transaction to price: what the wallet will be asked to send. `stateOverride`: the state its gas is estimated
 * in, when it runs after an earlier step of the same action (a payment in an ERC-20 after its approve: the
 * allowance the approve will grant, lib/chain/fees/allowance-override.ts), since the chain does not hold it yet.
 */
export type FeeRequest = {
  label: string;
  account: Address;
  to: Address;
  data: Hex;
  value?: bigint;
  stateOverride?: StateOverride;
};

export type FeePreviewLine = {
  label: string;
  /** Execution gas: the estimate without the parent-chain component (Orbit nodes count that in their estimate). */
  gas: bigint;
  /** What the line is expected to cost in all, in the native currency's base units. */
  wei: bigint;
  executionWei: bigint;
  /** The parent-chain data fee (Orbit: the precompile's L1 gas at its base fee; OP Stack: the oracle's L1 fee). */
  parentDataWei: bigint;
  /** The gas limit a wallet will set: the node's whole estimate. */
  gasLimit: bigint;
};

export type PreviewFeeParameters = { stack: ChainStack; requests: readonly FeeRequest[] };

export type PreviewFeeReturnType = {
  stack: ChainStack;
  lines: FeePreviewLine[];
  /** The gas price a transaction sent now is expected to pay: the next block's base fee plus the priority fee. */
  feePerGas: bigint;
  /** The most a wallet will allow per gas (`maxFeePerGas`): the basis of {@link PreviewFeeReturnType.maxTotalWei}. */
  maxFeePerGas: bigint;
  executionWei: bigint;
  parentDataWei: bigint;
  /** The expected cost: execution gas x expected price + the parent-chain data fee, over every line. */
  totalWei: bigint;
  /** The most it may cost if the base fee rises before inclusion (gas limits at `maxFeePerGas` + data fee). */
  maxTotalWei: bigint;
};

export type PreviewFeeErrorType = EstimateGasErrorType | EstimateParentDataFeeErrorType;

/**
 * The fee shown before a signature: for each transaction its execution gas at the expected gas price plus the
 * parent-chain data fee the chain's stack charges (lib/chain/fees/estimate-parent-data-fee.ts). The expected price
 * is the next block's base fee (eth_feeHistory) plus the node's priority fee, as a wallet would pay it; legacy chains
 * without a base fee use eth_gasPrice.
 */
export async function previewFee(client: FeeClient, params: PreviewFeeParameters): Promise<PreviewFeeReturnType> {
  const { feePerGas, maxFeePerGas } = await gasPrices(client);
  const lines: FeePreviewLine[] = [];
  for (const r of params.requests) {
    const [gasLimit, parent] = await Promise.all([
      estimateGas(client, {
        account: r.account,
        to: r.to,
        data: r.data,
        value: r.value,
        stateOverride: r.stateOverride,
      }),
      estimateParentDataFee(client, {
        stack: params.stack,
        account: r.account,
        to: r.to,
        data: r.data,
        value: r.value,
      }),
    ]);
    // An Orbit node's estimate includes the L1 component; it is priced once, as the parent-chain share.
    const gas = gasLimit > parent.gas ? gasLimit - parent.gas : 0n;
    // Orbit: the L1 cost is fixed in wei (L1 gas x L1 price); its L2 gas units are that over the L2 base fee, so
    // the precompile's units times its base fee is the cost whatever the base fee is at inclusion.
    const parentDataWei = parent.wei;
    const executionWei = gas * feePerGas;
    lines.push({ label: r.label, gas, gasLimit, executionWei, parentDataWei, wei: executionWei + parentDataWei });
  }
  const sum = (f: (l: FeePreviewLine) => bigint) => lines.reduce((s, l) => s + f(l), 0n);
  return {
    stack: params.stack,
    lines,
    feePerGas,
    maxFeePerGas,
    executionWei: sum((l) => l.executionWei),
    parentDataWei: sum((l) => l.parentDataWei),
    totalWei: sum((l) => l.wei),
    maxTotalWei: sum((l) => l.gas * maxFeePerGas + l.parentDataWei),
  };
}

async function gasPrices(client: FeeClient): Promise<{ feePerGas: bigint; maxFeePerGas: bigint }> {
  const latest = await getBlock(client, { blockTag: 'latest' });
  if (latest.baseFeePerGas === null) {
    const price = await getGasPrice(client);
    return { feePerGas: price, maxFeePerGas: price };
  }
  const [history, priority] = await Promise.all([
    getFeeHistory(client, { blockCount: 1, rewardPercentiles: [] }),
    estimateMaxPriorityFeePerGas(client),
  ]);
  // baseFeePerGas has one entry past the blocks asked for: the next block's base fee.
  const nextBaseFee = history.baseFeePerGas.at(-1) ?? latest.baseFeePerGas;
  // A wallet allows the base fee to rise by a fifth before inclusion (viem's default multiplier of 1.2).
  return { feePerGas: nextBaseFee + priority, maxFeePerGas: (nextBaseFee * 12n) / 10n + priority };
}
