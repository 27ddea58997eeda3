/**
 * Test support: the local anvil made to look like an Orbit or an OP-stack chain, so the fee preview can be checked
 * against receipts that carry the parent-chain share the way those chains' receipts do.
 *
 * What is real: anvil executes and prices the transaction (gasUsed, effectiveGasPrice, base fee changes); the
 * contract at the precompile/predeploy address answers `gasEstimateL1Component` / `getL1Fee` with the stack's own
 * formulas (installed with anvil_setCode). What the node layer here adds, because anvil is not ArbOS or op-geth:
 * - Orbit: `eth_estimateGas` includes the L1 component, receipts' `gasUsed` include it and report `gasUsedForL1`
 *   (computed by the same precompile for the mined transaction's data at its block), and `eth_maxPriorityFeePerGas`
 *   is 0 (ArbOS ignores tips), as on an Arbitrum node; `eth_fillTransaction` is not offered (anvil's would add its
 *   own tip), so wallets fill fees from those methods.
 * - OP Stack: receipts report `l1Fee`, computed as op-geth (Bedrock) does from the signed transaction's bytes:
 *   (calldata gas + overhead) x l1BaseFee x scalar / 1e6, with the oracle's parameters.
 * So the comparison "preview vs gasUsed x effectiveGasPrice (+ l1Fee)" tests the price the preview expects, the
 * execution estimate, and that the parent-chain share is counted once and read the way each stack reports it.
 */
import { createRequire } from 'node:module';
import {
  custom,
  decodeFunctionResult,
  encodeFunctionData,
  hexToBigInt,
  http,
  MethodNotSupportedRpcError,
  numberToHex,
  serializeTransaction,
  size,
  toBytes,
  type Hex,
  type Transport,
} from 'viem';
import { GAS_PRICE_ORACLE_ADDRESS, NODE_INTERFACE_ADDRESS, nodeInterfaceAbi } from '../addresses';

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// Arbitrum's NodeInterface as ArbOS prices the L1 component: posting units (16 per byte of the transaction data,
/// plus a fixed overhead for the rest of the signed transaction) at the L1 base fee estimate, in L2 gas at the base fee.
contract NodeInterfaceSim {
    uint256 constant L1_BASE_FEE_ESTIMATE = 40 gwei;
    uint256 constant TX_OVERHEAD_BYTES = 140;

    function gasEstimateL1Component(address, bool, bytes calldata data)
        external payable returns (uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate)
    {
        baseFee = block.basefee;
        require(baseFee > 0, "no base fee");
        l1BaseFeeEstimate = L1_BASE_FEE_ESTIMATE;
        gasEstimateForL1 = uint64((16 * (data.length + TX_OVERHEAD_BYTES) * l1BaseFeeEstimate) / baseFee);
    }
}

/// The OP Stack's Bedrock GasPriceOracle: L1 fee = (calldata gas + overhead) x l1BaseFee x scalar / 10^decimals,
/// with 68 bytes of padding for the signature an unsigned transaction lacks.
contract GasPriceOracleSim {
    uint256 public constant decimals = 6;

    function l1BaseFee() public pure returns (uint256) { return 30 gwei; }
    function overhead() public pure returns (uint256) { return 188; }
    function scalar() public pure returns (uint256) { return 684000; }

    function getL1GasUsed(bytes memory data) public pure returns (uint256) {
        uint256 total = 0;
        for (uint256 i = 0; i < data.length; i++) total += data[i] == 0 ? 4 : 16;
        return total + overhead() + 68 * 16;
    }

    function getL1Fee(bytes memory data) external pure returns (uint256) {
        return (getL1GasUsed(data) * l1BaseFee() * scalar()) / (10 ** decimals);
    }
}
`;

type SolcOutput = {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<string, Record<string, { evm: { deployedBytecode: { object: string } } }>>;
};

/** Runtime code of the two simulators (solc-js, pinned like the app's contracts). */
export function simulatorCode(): { nodeInterface: Hex; gasPriceOracle: Hex } {
  const solc = createRequire(import.meta.url)('solc') as { compile(input: string): string };
  const input = {
    language: 'Solidity',
    sources: { 'Sim.sol': { content: SOURCE } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      outputSelection: { '*': { '*': ['evm.deployedBytecode.object'] } },
    },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const code = (name: string): Hex => `0x${out.contracts['Sim.sol']?.[name]?.evm.deployedBytecode.object ?? ''}`;
  return { nodeInterface: code('NodeInterfaceSim'), gasPriceOracle: code('GasPriceOracleSim') };
}

/** Installs the stack's contract at its address on the anvil at `rpcUrl`. */
export async function installSimulator(rpcUrl: string, stack: 'orbit' | 'op-stack'): Promise<void> {
  const code = simulatorCode();
  const [address, bytecode] =
    stack === 'orbit' ? [NODE_INTERFACE_ADDRESS, code.nodeInterface] : [GAS_PRICE_ORACLE_ADDRESS, code.gasPriceOracle];
  const res = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'anvil_setCode', params: [address, bytecode] }),
  });
  const body = (await res.json()) as { error?: { message: string } };
  if (body.error) throw new Error(`anvil_setCode: ${body.error.message}`);
}

type Rpc = (method: string, params?: unknown) => Promise<unknown>;
type RpcTx = { to?: Hex | null; input?: Hex; data?: Hex };
type RpcReceipt = Record<string, unknown> & { transactionHash: Hex; blockNumber: Hex; gasUsed: Hex };

const ORACLE_ABI = [
  {
    type: 'function',
    name: 'getL1GasUsed',
    stateMutability: 'pure',
    inputs: [{ name: 'data', type: 'bytes' }],
    outputs: [{ type: 'uint256' }],
  },
  { type: 'function', name: 'l1BaseFee', stateMutability: 'pure', inputs: [], outputs: [{ type: 'uint256' }] },
  { type: 'function', name: 'scalar', stateMutability: 'pure', inputs: [], outputs: [{ type: 'uint256' }] },
  { type: 'function', name: 'overhead', stateMutability: 'pure', inputs: [], outputs: [{ type: 'uint256' }] },
] as const;

async function l1GasOf(rpc: Rpc, to: Hex, data: Hex, block: Hex | 'latest'): Promise<bigint> {
  const result = (await rpc('eth_call', [
    {
      to: NODE_INTERFACE_ADDRESS,
      data: encodeFunctionData({
        abi: nodeInterfaceAbi,
        functionName: 'gasEstimateL1Component',
        args: [to, false, data],
      }),
    },
    block,
  ])) as Hex;
  return decodeFunctionResult({ abi: nodeInterfaceAbi, functionName: 'gasEstimateL1Component', data: result })[0];
}

async function oracleRead(rpc: Rpc, functionName: 'l1BaseFee' | 'scalar' | 'overhead', block: Hex): Promise<bigint> {
  const result = (await rpc('eth_call', [
    { to: GAS_PRICE_ORACLE_ADDRESS, data: encodeFunctionData({ abi: ORACLE_ABI, functionName }) },
    block,
  ])) as Hex;
  return hexToBigInt(result);
}

/** The signed transaction's bytes as op-geth sees them (viem serialises the mined transaction with its signature). */
async function signedBytes(rpc: Rpc, hash: Hex): Promise<Hex> {
  const tx = (await rpc('eth_getTransactionByHash', [hash])) as Record<string, Hex | null | unknown[]>;
  const h = (k: string) => hexToBigInt(tx[k] as Hex);
  return serializeTransaction(
    {
      type: 'eip1559',
      chainId: Number(h('chainId')),
      nonce: Number(h('nonce')),
      gas: h('gas'),
      maxFeePerGas: h('maxFeePerGas'),
      maxPriorityFeePerGas: h('maxPriorityFeePerGas'),
      to: tx.to as Hex,
      value: h('value'),
      data: tx.input as Hex,
      accessList: [],
    },
    { r: tx.r as Hex, s: tx.s as Hex, yParity: Number(h('yParity')) },
  );
}

/** A viem transport to `rpcUrl` that answers as a node of `stack` would (see the module comment). */
export function simulatedStackTransport(rpcUrl: string, stack: 'orbit' | 'op-stack'): Transport {
  const base = http(rpcUrl)({ retryCount: 0 });
  const rpc: Rpc = (method, params) => base.request({ method, params } as Parameters<typeof base.request>[0]);
  return custom({
    async request({ method, params }: { method: string; params?: unknown }) {
      if (stack === 'orbit' && method === 'eth_maxPriorityFeePerGas') return '0x0';
      // anvil's eth_fillTransaction would add its own 1 gwei tip: the wallet fills fees from the methods above instead
      if (stack === 'orbit' && method === 'eth_fillTransaction')
        throw new MethodNotSupportedRpcError(new Error(`${method} is not offered by the simulated Orbit node`), {
          method,
        });
      if (stack === 'orbit' && method === 'eth_estimateGas') {
        const [tx] = params as [RpcTx];
        const execution = hexToBigInt((await rpc(method, params)) as Hex);
        const l1 = tx.to ? await l1GasOf(rpc, tx.to, tx.data ?? tx.input ?? '0x', 'latest') : 0n;
        return numberToHex(execution + l1);
      }
      if (method === 'eth_getTransactionReceipt') {
        const receipt = (await rpc(method, params)) as RpcReceipt | null;
        if (!receipt) return receipt;
        const tx = (await rpc('eth_getTransactionByHash', [receipt.transactionHash])) as RpcTx;
        if (stack === 'orbit') {
          const l1 = tx.to ? await l1GasOf(rpc, tx.to, tx.input ?? '0x', receipt.blockNumber) : 0n;
          return { ...receipt, gasUsed: numberToHex(hexToBigInt(receipt.gasUsed) + l1), gasUsedForL1: numberToHex(l1) };
        }
        const signed = await signedBytes(rpc, receipt.transactionHash);
        const calldataGas = toBytes(signed).reduce((s, b) => s + (b === 0 ? 4n : 16n), 0n);
        const read = (f: 'l1BaseFee' | 'scalar' | 'overhead') => oracleRead(rpc, f, receipt.blockNumber);
        const [l1BaseFee, scalar, overhead] = await Promise.all([read('l1BaseFee'), read('scalar'), read('overhead')]);
        const l1GasUsed = calldataGas + overhead; // no signature padding: these bytes are signed
        return {
          ...receipt,
          l1GasUsed: numberToHex(l1GasUsed),
          l1Fee: numberToHex((l1GasUsed * l1BaseFee * scalar) / 1_000_000n),
          l1SignedBytes: numberToHex(size(signed)),
        };
      }
      return rpc(method, params);
    },
  });
}
