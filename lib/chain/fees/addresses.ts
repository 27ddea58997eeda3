import type { Address } from 'viem';

/**
 * Arbitrum's NodeInterface: a virtual contract every Orbit node answers at this address in eth_call and
 * eth_estimateGas (it has no code on chain). `gasEstimateL1Component` gives the part of a transaction's gas that pays
 * for posting it to the parent chain.
 */
export const NODE_INTERFACE_ADDRESS: Address = '0x00000000000000000000000000000000000000C8';

/** The OP Stack's GasPriceOracle predeploy: `getL1Fee(serialised transaction)` is the L1 data fee in wei. */
export const GAS_PRICE_ORACLE_ADDRESS: Address = '0x420000000000000000000000000000000000000F';

export const nodeInterfaceAbi = [
  {
    type: 'function',
    name: 'gasEstimateL1Component',
    stateMutability: 'payable',
    inputs: [
      { name: 'to', type: 'address' },
      { name: 'contractCreation', type: 'bool' },
      { name: 'data', type: 'bytes' },
    ],
    outputs: [
      { name: 'gasEstimateForL1', type: 'uint64' },
      { name: 'baseFee', type: 'uint256' },
      { name: 'l1BaseFeeEstimate', type: 'uint256' },
    ],
  },
] as const;
