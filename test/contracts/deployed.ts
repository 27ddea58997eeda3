import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Account, Address, Chain, Hex, TransactionReceipt, Transport, WalletClient } from 'viem';
import { motifTestUsdAbi, splitMainAbi, trackCollectionAbi } from '../../lib/contracts/abi';
import { deployContracts } from '../../lib/contracts/deploy';
import type { Deployment } from '../../lib/contracts/deployment';
import { ANVIL_KEY_0, startTestChain, type TestChain } from './chain';

type Wallet = WalletClient<Transport, Chain, Account>;

/** Its own anvil with the four Motif contracts deployed (by ANVIL_KEY_0, the Market's owner), for tests and the gas bench. */
export type DeployedChain = TestChain & {
  deployment: Deployment;
  track: Address;
  splits: Address;
  market: Address;
  editions: Address;
  /** The deployer (ANVIL_KEY_0). */
  admin: Wallet;
  /** Stops anvil and removes the deployment file's folder. */
  stop(): Promise<void>;
};

export async function startDeployedChain(): Promise<DeployedChain> {
  const t = await startTestChain();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'motif-deployed-'));
  const stop = async () => {
    await t.anvil.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const admin = t.wallet(ANVIL_KEY_0);
    const { deployment } = await deployContracts({
      publicClient: t.publicClient,
      walletClient: admin,
      deploymentPath: path.join(dir, 'deployment.json'),
    });
    const { TrackCollection, SplitMain, Market, Editions } = deployment.contracts;
    return {
      ...t,
      deployment,
      track: TrackCollection.address,
      splits: SplitMain.address,
      market: Market.address,
      editions: Editions.address,
      admin,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The receipt of `hash`; throws when the transaction reverted. */
export async function minedOk(c: Pick<TestChain, 'publicClient'>, hash: Hex): Promise<TransactionReceipt> {
  const receipt = await c.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`);
  return receipt;
}

/**
 * `wallet` creates an immutable split (no controller) of `accounts` (sorted ascending) with `shares`; returns the
 * address SplitMain predicted for it and the creation's receipt.
 */
export async function createSplitOf(
  c: Pick<DeployedChain, 'publicClient' | 'splits'>,
  wallet: Wallet,
  accounts: readonly Address[],
  shares: readonly number[],
): Promise<{ split: Address; receipt: TransactionReceipt }> {
  const zero = '0x0000000000000000000000000000000000000000';
  const split = await c.publicClient.readContract({
    address: c.splits,
    abi: splitMainAbi,
    functionName: 'predictSplitAddress',
    args: [accounts, shares, zero],
  });
  const receipt = await minedOk(
    c,
    await wallet.writeContract({
      address: c.splits,
      abi: splitMainAbi,
      functionName: 'createSplit',
      args: [accounts, shares, zero],
    }),
  );
  return { split, receipt };
}

/** `wallet` lets the Market move its tracks (the one-time approval before listing or signing orders). */
export async function approveMarket(
  c: Pick<DeployedChain, 'publicClient' | 'track' | 'market'>,
  wallet: Wallet,
): Promise<TransactionReceipt> {
  return minedOk(
    c,
    await wallet.writeContract({
      address: c.track,
      abi: trackCollectionAbi,
      functionName: 'setApprovalForAll',
      args: [c.market, true],
    }),
  );
}

/**
 * Mints `amount` of the local test dollar (tUSD, 6 decimals) to `wallet` and, given a `spender`, approves it for
 * exactly that amount: the funding every test of token prices starts with.
 */
export async function fundTestUsd(
  c: Pick<DeployedChain, 'publicClient' | 'deployment'>,
  wallet: Wallet,
  amount: bigint,
  spender?: Address,
): Promise<void> {
  const usd = c.deployment.stablecoin?.address;
  if (!usd) throw new Error('this deployment has no test stablecoin');
  const token = { address: usd, abi: motifTestUsdAbi } as const;
  await minedOk(
    c,
    await wallet.writeContract({ ...token, functionName: 'mint', args: [wallet.account.address, amount] }),
  );
  if (spender)
    await minedOk(c, await wallet.writeContract({ ...token, functionName: 'approve', args: [spender, amount] }));
}
