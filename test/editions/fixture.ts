import { getAddress, keccak256, toHex, zeroHash, type Address, type Hex } from 'viem';
import { afterAll, beforeAll } from 'vitest';
import { deployContracts } from '../../lib/contracts/deploy';
import { createPrismaClient, type PrismaClient } from '../../lib/db/client';
import type { ApprovalStoreDeps } from '../../lib/editions/approval-store';
import type { EditionsClients } from '../../lib/editions/clients';
import { createEdition } from '../../lib/editions/create-edition';
import { signMintApproval, type MintApproval } from '../../lib/editions/mint-approval';
import type { PhaseInput } from '../../lib/editions/schedule';
import { ANVIL_KEY_0, startTestChain, type TestChain } from '../contracts/chain';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type EditionsFixture = {
  t: TestChain;
  editions: Address;
  /** The deployed 6-decimal test stablecoin (MotifTestUSD), allowed in Editions. */
  stablecoin: Address;
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
  if (!deployment.stablecoin) throw new Error('the local deployment has no test stablecoin');
  return {
    t,
    editions,
    stablecoin: getAddress(deployment.stablecoin.address),
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

let approvalNonces = 1000n;

/**
 * The body POST /api/editions/{id}/approvals takes: `approval` (phase 0, 2 copies, a fresh nonce and an hour from the
 * chain's time unless given) signed by `by`, for this chain and Editions contract.
 */
export async function approvalBody(
  f: EditionsFixture,
  by: EditionsClients,
  approval: Partial<MintApproval> & { editionId: bigint; minter: Address },
) {
  const full: MintApproval = {
    phase: 0n,
    quantity: 2n,
    nonce: approvalNonces++,
    deadline: BigInt((await f.now()) + 3600),
    ...approval,
  };
  const signature = await signMintApproval(by.walletClient, { editions: f.editions, approval: full });
  return {
    chainId: await f.t.publicClient.getChainId(),
    editions: f.editions,
    approval: {
      ...full,
      editionId: full.editionId.toString(),
      phase: Number(full.phase),
      quantity: Number(full.quantity),
      nonce: full.nonce.toString(),
      deadline: full.deadline.toString(),
    },
    signature,
  };
}

export const SIGNATURE_PHASE_PRICE = 10n ** 15n;
let signatureEditions = 0;

/** A fresh edition of `creator`: phase 0 signature-gated (open now, SIGNATURE_PHASE_PRICE), phase 1 public. */
export async function newSignatureEdition(f: EditionsFixture, creator: EditionsClients): Promise<bigint> {
  const now = await f.now();
  const price = SIGNATURE_PHASE_PRICE;
  const { editionId } = await createEdition(creator, {
    content: digestOf(`signature-edition-${signatureEditions++}-${now}-${creator.walletClient.account.address}`),
    manifest: zeroHash,
    licence: 0,
    royaltyReceiver: '0x00000000000000000000000000000000000Fee02',
    royaltyBps: 0,
    maxSupply: 10,
    closeAt: 0,
    referralBps: 0,
    phases: [
      publicPhase(now, now + 10_000, price, { mode: 'signature' }),
      publicPhase(now + 10_000, now + 20_000, price),
    ],
  });
  return editionId;
}

/**
 * The editions fixture and the approval store's dependencies over the test database, started before the file's tests
 * and stopped after them (the approval store's tests and its API's tests share this set-up).
 */
export function approvalStoreFixture(databaseUrl: string): {
  readonly prisma: PrismaClient;
  readonly f: EditionsFixture;
  readonly deps: ApprovalStoreDeps;
} {
  const prisma = createPrismaClient(databaseUrl);
  let started: { f: EditionsFixture; deps: ApprovalStoreDeps } | undefined;
  beforeAll(async () => {
    const f = await startEditionsFixture();
    started = {
      f,
      deps: { prisma, chain: f.t.publicClient, chainId: await f.t.publicClient.getChainId(), editions: f.editions },
    };
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await started?.f.t.anvil.stop();
  });
  const get = () => {
    if (!started) throw new Error('the approval store fixture is used before its beforeAll ran');
    return started;
  };
  return {
    prisma,
    get f() {
      return get().f;
    },
    get deps() {
      return get().deps;
    },
  };
}
