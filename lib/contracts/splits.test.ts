import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_KEY_0, startTestChain, type TestChain } from '../../test/contracts/chain';
import { splitMainAbi } from './abi';
import { deployContracts } from './deploy';
import { hashSplit, normalizeSplit, predictSplitAddress } from './splits';

const a = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;

describe('normalizeSplit', () => {
  it('sorts recipients and keeps shares with them', () => {
    expect(
      normalizeSplit([
        { account: a(3), share: 200_000 },
        { account: a(1), share: 800_000 },
      ]),
    ).toEqual({ accounts: [a(1), a(3)], shares: [800_000, 200_000] });
  });

  it('rejects bad splits', () => {
    expect(() => normalizeSplit([])).toThrow(/at least one/);
    expect(() => normalizeSplit([{ account: a(1), share: 999_999 }])).toThrow(/sum to 999999/);
    expect(() =>
      normalizeSplit([
        { account: a(1), share: 500_000 },
        { account: a(1), share: 500_000 },
      ]),
    ).toThrow(/duplicate/);
    expect(() =>
      normalizeSplit([
        { account: a(1), share: 1_000_000 },
        { account: a(2), share: 0 },
      ]),
    ).toThrow(/positive integer/);
  });
});

describe('split address prediction off-chain', () => {
  let t: TestChain;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'motif-splits-'));
  beforeAll(async () => {
    t = await startTestChain();
  });
  afterAll(async () => {
    await t?.anvil.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('matches SplitMain.hashSplit and predictSplitAddress, with and without controller', async () => {
    const { deployment } = await deployContracts({
      publicClient: t.publicClient,
      walletClient: t.wallet(ANVIL_KEY_0),
      deploymentPath: path.join(dir, 'd.json'),
    });
    const main = deployment.contracts.SplitMain.address;
    const split = normalizeSplit([
      { account: a(0xbeef), share: 333_334 },
      { account: a(0xcafe), share: 333_333 },
      { account: a(0xf00d), share: 333_333 },
    ]);
    const onChainHash = await t.publicClient.readContract({
      address: main,
      abi: splitMainAbi,
      functionName: 'hashSplit',
      args: [split.accounts, split.shares],
    });
    expect(hashSplit(split)).toBe(onChainHash);
    for (const controller of [a(0), a(0xc0)]) {
      const onChain = await t.publicClient.readContract({
        address: main,
        abi: splitMainAbi,
        functionName: 'predictSplitAddress',
        args: [split.accounts, split.shares, controller],
      });
      expect(predictSplitAddress(main, split, controller)).toBe(onChain);
    }
  });
});
