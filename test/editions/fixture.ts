import { keccak256, toHex, zeroHash, type Address, type Hex } from 'viem';
import { deployContracts } from '../../lib/contracts/deploy';
import type { EditionsClients } from '../../lib/editions/clients';
import type { PhaseInput } from '../../lib/editions/schedule';
import { ANVIL_KEY_0, startTestChain, type TestChain } from '../contracts/chain';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type EditionsFixture = {
  t: TestChain;
  editions: Address;
  /** Clients acting as a fresh funded wallet. */
  actor(): Promise<EditionsClients>;
  /** The chain's current time (latest block). */
  now(): Promise<number>;
  /** Moves the chain's clock to `timestamp` and mines a block there. */
  warpTo(timestamp: number): Promise<void>;
};

/** Own anvil with Motif's contracts deployed the way the platform deploys them. */
export async function startEditionsFixture(): Promise<EditionsFixture> {
  const t = await startTestChain();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'motif-editions-'));
  const { deployment } = await deployContracts({
    publicClient: t.publicClient,
    walletClient: t.wallet(ANVIL_KEY_0),
    deploymentPath: path.join(dir, 'deployment.json'),
  });
  const editions = deployment.contracts.Editions.address;
  return {
    t,
    editions,
    actor: async () => ({ publicClient: t.publicClient, walletClient: (await t.funded()).wallet, editions }),
    now: async () => Number((await t.publicClient.getBlock({ blockTag: 'latest' })).timestamp),
    warpTo: async (timestamp) => {
      await t.publicClient.request({
        method: 'evm_setNextBlockTimestamp' as never,
        params: [toHex(timestamp)] as never,
      });
      await t.publicClient.request({ method: 'evm_mine' as never, params: [] as never });
    },
  };
}

/** A distinct content digest per label (a track's folder digest stand-in: any 32 bytes the contract accepts). */
export const digestOf = (label: string): Hex => keccak256(toHex(label));

export function publicPhase(start: number, end: number, price: bigint, extra: Partial<PhaseInput> = {}): PhaseInput {
  return { price, start, end, walletCap: 0, phaseCap: 0, mode: 'public', merkleRoot: zeroHash, ...extra };
}
