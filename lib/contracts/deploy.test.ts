import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_KEY_0, startTestChain, type TestChain } from '../../test/contracts/chain';
import { deployContracts, DeploymentOutdatedError } from './deploy';
import { readDeployment } from './deployment';
import { editionsAbi } from './abi';

let t: TestChain;
const dir = mkdtempSync(path.join(os.tmpdir(), 'motif-deploy-'));

beforeAll(async () => {
  t = await startTestChain();
});
afterAll(async () => {
  await t?.anvil.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('deployContracts', () => {
  it('deploys once, writes a typed file, then reuses it', async () => {
    const deploymentPath = path.join(dir, 'deployments', '31337.json');
    const walletClient = t.wallet(ANVIL_KEY_0);
    const first = await deployContracts({ publicClient: t.publicClient, walletClient, deploymentPath });
    expect(first.reused).toBe(false);
    expect(existsSync(deploymentPath)).toBe(true);
    expect(readDeployment(deploymentPath)).toEqual(first.deployment);
    expect(first.deployment.chainId).toBe(31337);
    for (const c of Object.values(first.deployment.contracts)) {
      expect(await t.publicClient.getCode({ address: c.address })).toMatch(/^0x[0-9a-f]{100,}/);
    }
    // cacheTime 0: viem reuses a block number read in the last polling interval (waitForTransactionReceipt reads it).
    const blockBefore = await t.publicClient.getBlockNumber({ cacheTime: 0 });
    const second = await deployContracts({ publicClient: t.publicClient, walletClient, deploymentPath });
    expect(second.reused).toBe(true);
    expect(second.deployment).toEqual(first.deployment);
    expect(await t.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(blockBefore);
  });

  it('redeploys when the recorded addresses have no code on this chain', async () => {
    const deploymentPath = path.join(dir, 'stale.json');
    const walletClient = t.wallet(ANVIL_KEY_0);
    await deployContracts({ publicClient: t.publicClient, walletClient, deploymentPath });
    const other = await startTestChain(); // a fresh chain: same file, no code there
    try {
      const again = await deployContracts({
        publicClient: other.publicClient,
        walletClient: other.wallet(ANVIL_KEY_0),
        deploymentPath,
      });
      expect(again.reused).toBe(false);
      expect(readDeployment(deploymentPath)).toEqual(again.deployment);
    } finally {
      await other.anvil.stop();
    }
  });

  it('refuses to reuse contracts built from other sources (a v1 chain after the v2 upgrade) and says how to reset', async () => {
    const deploymentPath = path.join(dir, 'outdated.json');
    const walletClient = t.wallet(ANVIL_KEY_0);
    const { deployment } = await deployContracts({ publicClient: t.publicClient, walletClient, deploymentPath });
    writeFileSync(deploymentPath, JSON.stringify({ ...deployment, sourcesHash: `0x${'ab'.repeat(32)}` }));
    const error = await deployContracts({ publicClient: t.publicClient, walletClient, deploymentPath }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeploymentOutdatedError);
    expect(String(error)).toMatch(/delete the local data folder/);
  });

  it('deploys Editions beside the others (recorded, callable) and refuses a file from before Editions existed', async () => {
    const deploymentPath = path.join(dir, 'editions.json');
    const walletClient = t.wallet(ANVIL_KEY_0);
    const { deployment } = await deployContracts({ publicClient: t.publicClient, walletClient, deploymentPath });
    const editions = deployment.contracts.Editions;
    expect(editions.blockNumber).toBeGreaterThanOrEqual(deployment.contracts.Market.blockNumber);
    expect(
      await t.publicClient.readContract({ address: editions.address, abi: editionsAbi, functionName: 'name' }),
    ).toBe('Motif Editions');
    expect(
      await t.publicClient.readContract({
        address: editions.address,
        abi: editionsAbi,
        functionName: 'MAX_REFERRAL_BPS',
      }),
    ).toBe(2000);

    const { Editions: _dropped, ...older } = deployment.contracts;
    writeFileSync(deploymentPath, JSON.stringify({ ...deployment, contracts: older }));
    const error = await deployContracts({ publicClient: t.publicClient, walletClient, deploymentPath }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeploymentOutdatedError);
    expect(String(error)).toMatch(/delete the local data folder/);
  });
});
