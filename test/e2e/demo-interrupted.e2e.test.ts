/**
 * An interrupted demo seed (issue #16): Ctrl-C while `npm start` is seeding the demo catalogue, after the second
 * track's mint, stops the start; the next `npm start` on the same data finishes the seed from what the chain holds:
 * six demo tracks in all, one sale, one distribution, nothing minted twice.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createPublicClient, http } from 'viem';
import { afterAll, describe, expect, it } from 'vitest';
import { localChain } from '../../lib/config/chains';
import { marketAbi, splitMainAbi, trackCollectionAbi } from '../../lib/contracts/abi';
import { readDeployment } from '../../lib/contracts/deployment';
import { DEMO_TRACKS } from '../../lib/demo/catalogue';
import { pressCtrlC, runStartScript, tempPlatform, type StartedPlatform } from '../support/start-process';

let dir: string | undefined;
let started: StartedPlatform | undefined;

afterAll(async () => {
  if (started && started.child.exitCode === null) {
    pressCtrlC(started);
    await started.exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm start interrupted while seeding the demo', () => {
  it('the next start finishes the seed without minting anything twice', async () => {
    const platform = await tempPlatform('demo-interrupted', { demo: true });
    dir = platform.dir;
    const { env } = platform;
    const second = DEMO_TRACKS[1]!;
    // Verbose: the seed's progress lines are printed, so the test can press Ctrl-C right after a given mint.
    started = runStartScript({ ...env, MOTIF_VERBOSE: '1' });
    await started.waitFor(`demo: mint ${second.title}`);
    pressCtrlC(started);
    expect(await started.exited).toBe(130);
    expect(started.output()).toContain('Stopped before Motif was ready.');
    expect(started.output()).not.toContain('✔ demo');

    started = runStartScript(env);
    await started.ready;
    const line = started
      .output()
      .split('\n')
      .find((l) => l.startsWith('✔ demo'));
    expect(line).toMatch(/demo catalogue seeded: 6 demo tracks \([1-4] minted now\)/);

    const client = createPublicClient({
      chain: localChain(`http://127.0.0.1:${env.MOTIF_ANVIL_PORT}`),
      transport: http(),
    });
    const deployment = readDeployment(path.join(env.MOTIF_DATA_DIR, 'deployments', '31337.json'));
    const fromBlock = BigInt(deployment.contracts.TrackCollection.blockNumber);
    const minted = await client.getContractEvents({
      address: deployment.contracts.TrackCollection.address,
      abi: trackCollectionAbi,
      eventName: 'TrackMinted',
      fromBlock,
    });
    expect(minted).toHaveLength(DEMO_TRACKS.length);
    const sales = await client.getContractEvents({
      address: deployment.contracts.Market.address,
      abi: marketAbi,
      eventName: 'Sale',
      fromBlock,
    });
    expect(sales).toHaveLength(1);
    const distributions = await client.getContractEvents({
      address: deployment.contracts.SplitMain.address,
      abi: splitMainAbi,
      eventName: 'Distributed',
      fromBlock,
    });
    expect(distributions).toHaveLength(1);
  });
});
