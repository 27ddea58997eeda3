/**
 * The fee preview against what the chain charged, on anvil run as each stack looks (testing/simulated-stacks.ts: the
 * chain id of a preset of that stack, the precompile/predeploy installed at its address, receipts that carry the
 * parent-chain share as that stack's receipts do). Compared: the preview's total with the receipt's effective cost,
 * gasUsed x effectiveGasPrice (Orbit: gasUsed includes the L1 gas; OP Stack: plus the receipt's l1Fee).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  hexToBigInt,
  http,
  keccak256,
  toHex,
  type Hex,
  type PublicClient,
  type Transport,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnvil, type Anvil } from '../anvil';
import { localDevAccounts } from '../dev-accounts';
import { CHAIN_PRESETS, customChain, type ChainStack } from '../../config/chains';
import { trackCollectionAbi } from '../../contracts/abi';
import { deployContracts } from '../../contracts/deploy';
import { previewFee } from './preview-fee';
import { installSimulator, simulatedStackTransport } from './testing/simulated-stacks';

type Setup = { stack: ChainStack; chainId: number; anvil: Anvil; dir: string; collection: Hex; transport: Transport };
const deployer = privateKeyToAccount(localDevAccounts(1)[0]!.privateKey);
const creator = privateKeyToAccount(localDevAccounts(3)[2]!.privateKey);

async function setUp(stack: ChainStack, chainId: number): Promise<Setup> {
  const anvil = await startAnvil({ port: 0, chainId });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'motif-fees-'));
  const chain = customChain(chainId, anvil.rpcUrl);
  const plain = http(anvil.rpcUrl);
  const { deployment } = await deployContracts({
    publicClient: createPublicClient({ chain, transport: plain }) as PublicClient,
    walletClient: createWalletClient({ chain, transport: plain, account: deployer }),
    deploymentPath: path.join(dir, `${chainId}.json`),
  });
  if (stack !== 'none') await installSimulator(anvil.rpcUrl, stack);
  const transport = stack === 'none' ? plain : simulatedStackTransport(anvil.rpcUrl, stack);
  return { stack, chainId, anvil, dir, collection: deployment.contracts.TrackCollection.address, transport };
}

/** Mints track `n` with the preview taken just before; returns both costs. */
async function previewAndMint(s: Setup, n: number) {
  const chain = customChain(s.chainId, s.anvil.rpcUrl);
  const client = createPublicClient({ chain, transport: s.transport });
  const wallet = createWalletClient({ chain, transport: s.transport, account: creator });
  const content = keccak256(toHex(`fees ${s.stack} ${n}`));
  const data = encodeFunctionData({
    abi: trackCollectionAbi,
    functionName: 'mint',
    args: [creator.address, content, keccak256(content), creator.address, 500, 0],
  });
  const preview = await previewFee(client, {
    stack: s.stack,
    requests: [{ label: 'Mint', account: creator.address, to: s.collection, data }],
  });
  const hash = await wallet.sendTransaction({ to: s.collection, data });
  await client.waitForTransactionReceipt({ hash });
  // the node's raw receipt: the stack's own fields (gasUsedForL1, l1Fee) as that stack's nodes name them
  const raw = await client.request({ method: 'eth_getTransactionReceipt', params: [hash] });
  const receipt = raw as unknown as Record<string, Hex | undefined>;
  const gasUsed = hexToBigInt(receipt.gasUsed!);
  const price = hexToBigInt(receipt.effectiveGasPrice!);
  const l1Fee = receipt.l1Fee ? hexToBigInt(receipt.l1Fee) : 0n;
  return { preview, effective: gasUsed * price + l1Fee, receipt };
}

const within = (a: bigint, b: bigint, percent: number) => Number(a > b ? a - b : b - a) / Number(b) <= percent / 100;

const stacks: Array<[ChainStack, number]> = [
  ['orbit', CHAIN_PRESETS.degen.chain.id],
  ['op-stack', CHAIN_PRESETS.b3.chain.id],
  ['none', 31337],
];

describe.each(stacks)('previewFee on a simulated %s chain (chain id %i)', (stack, chainId) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setUp(stack, chainId);
  });
  afterAll(async () => {
    await s?.anvil.stop();
    if (s) await rm(s.dir, { recursive: true, force: true });
  });

  it('is within 5% of the receipt effective cost, mint after mint', async () => {
    for (const n of [1, 2, 3]) {
      const { preview, effective, receipt } = await previewAndMint(s, n);
      expect(
        within(preview.totalWei, effective, 5),
        `preview ${JSON.stringify(preview, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))} vs effective ${effective} from ${JSON.stringify(receipt)}`,
      ).toBe(true);
      expect(preview.maxTotalWei).toBeGreaterThanOrEqual(preview.totalWei);
      if (stack === 'none') {
        expect(preview.parentDataWei).toBe(0n);
        continue;
      }
      // the parent-chain share is a real part of the cost here: leaving it out would miss by far more than 5%
      expect(Number(preview.parentDataWei) / Number(effective)).toBeGreaterThan(0.2);
      expect(within(preview.executionWei, effective, 5)).toBe(false);
      if (stack === 'orbit') {
        // counted once: the Orbit estimate already holds the L1 gas, which the preview prices as the parent share
        const l1Gas = hexToBigInt(receipt.gasUsedForL1!);
        expect(within(preview.parentDataWei, l1Gas * hexToBigInt(receipt.effectiveGasPrice!), 5)).toBe(true);
        expect(within(preview.executionWei + 2n * preview.parentDataWei, effective, 5)).toBe(false);
      } else {
        expect(within(preview.parentDataWei, hexToBigInt(receipt.l1Fee!), 5)).toBe(true);
      }
    }
  });
});
