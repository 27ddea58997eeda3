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
  erc20Abi,
  hexToBigInt,
  http,
  keccak256,
  toHex,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  type Transport,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { estimateGas, readContract } from 'viem/actions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnvil, type Anvil } from '../anvil';
import { localDevAccounts } from '../dev-accounts';
import { CHAIN_PRESETS, customChain, type ChainStack } from '../../config/chains';
import { motifTestUsdAbi, trackCollectionAbi } from '../../contracts/abi';
import { voucherTypedData, type CurrencyVoucher } from '../../contracts/voucher';
import { allowanceOverride } from './allowance-override';
import { previewTokenActionFee } from './preview-token-action-fee';
import { deployContracts } from '../../contracts/deploy';
import { previewFee } from './preview-fee';
import { installSimulator, simulatedStackTransport } from './testing/simulated-stacks';

type Setup = {
  stack: ChainStack;
  chainId: number;
  anvil: Anvil;
  dir: string;
  collection: Hex;
  /** The local test dollar (deployed on chain 31337 only). */
  usd: Hex | undefined;
  transport: Transport;
};
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
  const collection = deployment.contracts.TrackCollection.address;
  return { stack, chainId, anvil, dir, collection, usd: deployment.stablecoin?.address, transport };
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

describe('previewFee of an action paid in an ERC-20 (a voucher collected in tUSD, approve first), on anvil', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setUp('none', 31337);
  });
  afterAll(async () => {
    await s?.anvil.stop();
    if (s) await rm(s.dir, { recursive: true, force: true });
  });

  it('estimates the paying call under the allowance the approve will grant; within 5% of both receipts', async () => {
    const chain = customChain(s.chainId, s.anvil.rpcUrl);
    const client = createPublicClient({ chain, transport: s.transport });
    const collector = privateKeyToAccount(localDevAccounts(4)[3]!.privateKey);
    const as = (account: typeof creator) => createWalletClient({ chain, transport: s.transport, account });
    const usd = s.usd!;
    const price = 12_500_000n;
    await client.waitForTransactionReceipt({
      hash: await as(collector).writeContract({
        address: usd,
        abi: motifTestUsdAbi,
        functionName: 'mint',
        args: [collector.address, price],
      }),
    });
    const voucher: CurrencyVoucher = {
      creator: creator.address,
      content: keccak256(toHex('fees in tUSD')),
      manifest: keccak256(toHex('fees in tUSD / manifest')),
      currency: usd,
      price,
      payout: creator.address,
      royaltyReceiver: creator.address,
      royaltyBps: 500,
      licence: 0,
      nonce: 1n,
      deadline: (await client.getBlock()).timestamp + 3600n,
    };
    const signature = await as(creator).signTypedData(voucherTypedData(voucher, s.chainId, s.collection));
    const approve = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [s.collection, price] });
    const redeem = encodeFunctionData({
      abi: trackCollectionAbi,
      functionName: 'redeemInCurrency',
      args: [voucher, signature, collector.address],
    });
    // Without the allowance the paying call cannot be estimated: it reverts.
    await expect(estimateGas(client, { account: collector.address, to: s.collection, data: redeem })).rejects.toThrow();
    const stateOverride = await allowanceOverride(client, {
      token: usd,
      owner: collector.address,
      spender: s.collection,
      amount: price,
    });
    // the override is the allowance's own slot: under it, allowance() reads the amount
    const allowanceData = encodeFunctionData({
      abi: erc20Abi,
      functionName: 'allowance',
      args: [collector.address, s.collection],
    });
    const { data: overridden } = await client.call({ to: usd, data: allowanceData, stateOverride });
    expect(hexToBigInt(overridden!)).toBe(price);
    expect(
      await readContract(client, {
        address: usd,
        abi: erc20Abi,
        functionName: 'allowance',
        args: [collector.address, s.collection],
      }),
    ).toBe(0n);

    const action = {
      stack: s.stack,
      account: collector.address,
      token: usd,
      spender: s.collection,
      amount: price,
      approveLabel: 'Allow the collection to take tUSD',
      action: { label: 'Collect', to: s.collection, data: redeem },
    };
    const preview = await previewTokenActionFee(client, action);
    // Each step against its own receipt, at the price that receipt paid: anvil's blocks are empty, so its base fee
    // falls by an eighth with every block and the second step (mined a block after the first) pays less per gas than
    // the price taken for the preview; an L3's base fee at its floor does not move so. The price itself is checked
    // against receipts by the stack tests above.
    const receipts: TransactionReceipt[] = [];
    for (const [to, data] of [
      [usd, approve],
      [s.collection, redeem],
    ] as const) {
      const receipt = await client.waitForTransactionReceipt({
        hash: await as(collector).sendTransaction({ to, data }),
      });
      expect(receipt.status).toBe('success');
      receipts.push(receipt);
      // once approved, the action is the paying call alone, estimated on the chain's own state: the same gas
      if (to === usd) {
        const approved = await previewTokenActionFee(client, action);
        expect(approved.lines.map((l) => [l.label, l.gas])).toEqual([['Collect', preview.lines[1]!.gas]]);
      }
    }
    expect(preview.lines.map((l) => l.label)).toEqual(['Allow the collection to take tUSD', 'Collect']);
    const effective = receipts.map((r) => r.gasUsed * r.effectiveGasPrice);
    const previewed = preview.lines.map((l, i) => l.gas * receipts[i]!.effectiveGasPrice + l.parentDataWei);
    const show = JSON.stringify({ preview, effective, gasUsed: receipts.map((r) => r.gasUsed) }, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
    // The approve exactly; the paying call's estimate is its gas before refunds (here the allowance and the
    // collector's balance both go to zero: 2 x 4,800 gas back), so the action as a whole is what is held to 5%.
    expect(previewed[0], show).toBe(effective[0]);
    const refund = preview.lines[1]!.gas - receipts[1]!.gasUsed;
    expect(refund > 0n && refund <= receipts[1]!.gasUsed / 5n, show).toBe(true); // EIP-3529 caps refunds at a fifth
    const total = effective[0]! + effective[1]!;
    expect(within(previewed[0]! + previewed[1]!, total, 5), show).toBe(true);
    // the paying call is most of the cost: an estimate of the approve alone would miss by far more than 5%
    expect(within(previewed[0]!, total, 5)).toBe(false);
  });
});
