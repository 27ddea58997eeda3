/**
 * The creator's consent to a label's catalogue, against the real database and real SplitMain splits on the shared
 * anvil (fresh accounts and a fresh deployment, so no other file's nonces or contracts are touched). Each test is
 * an attack the rules in ./catalogue-requests.ts must refuse, or the one shortcut they allow (split control).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  getAddress,
  http,
  parseEther,
  toHex,
  zeroAddress,
  type Address,
  type PublicClient,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localChain } from '../config/chains';
import { splitMainAbi } from '../contracts/abi';
import { deployContracts } from '../contracts/deploy';
import { createPrismaClient } from '../db/client';
import { addToCatalogue, decideRequest, requestOrAddTrack } from './catalogue-requests';
import { viemLabelChain } from './chain-reader';
import { LabelForbiddenError, LabelRequestError, NotALabelMemberError } from './errors';
import { createLabel, inviteMember } from './label-service';
import { removeFromCatalogue } from './member-actions';
import type { SplitControllerOf } from './split-control';

const rpcUrl = inject('rpcUrl');
const chain = localChain(rpcUrl);
const prisma = createPrismaClient(inject('databaseUrl'));
const publicClient = createPublicClient({ chain, transport: http(rpcUrl) }) as PublicClient;
const CHAIN = 990_016;
const someone = (): Address => privateKeyToAccount(generatePrivateKey()).address;
const [OWNER, MANAGER, VIEWER, STRANGER, CREATOR, OTHER_CREATOR] = Array.from({ length: 6 }, someone) as [
  Address,
  Address,
  Address,
  Address,
  Address,
  Address,
];
let dir: string;
let controllerOf: SplitControllerOf;
let labelId: string;
let nextToken = 1;

/** A real SplitMain split (two fresh payees, 50/50) with `controller` (zero: immutable). */
let createSplit: (controller: Address) => Promise<Address>;

/** An indexed track of `creator` whose royalty receiver is `receiver` (the creator itself when not a split). */
async function track(creator: Address, receiver: Address = creator): Promise<string> {
  const tokenId = String(nextToken++);
  await prisma.track.create({
    data: {
      chainId: CHAIN,
      tokenId,
      creator,
      owner: creator,
      contentDigest: toHex(BigInt(tokenId), { size: 32 }),
      manifestDigest: toHex(0n, { size: 32 }),
      licence: 1,
      royaltyReceiver: receiver,
      royaltyBps: 500,
      mintedBlock: BigInt(tokenId),
      mintedTx: toHex(BigInt(tokenId), { size: 32 }),
      title: `Song ${tokenId}`,
    },
  });
  return tokenId;
}

const inCatalogue = async (tokenId: string) =>
  (await prisma.labelCatalogueEntry.count({ where: { labelId, chainId: CHAIN, tokenId } })) === 1;
const ask = (actor: Address, tokenId: string) =>
  requestOrAddTrack(prisma, controllerOf, actor, labelId, CHAIN, tokenId);
const auditActions = async () =>
  (await prisma.labelAuditEntry.findMany({ where: { labelId }, orderBy: { id: 'asc' } })).map(
    (e) =>
      `${e.actor === CREATOR ? 'creator' : e.actor === OWNER ? 'owner' : e.actor === MANAGER ? 'manager' : e.actor} ${e.action}`,
  );

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-label-consent-'));
  const test = createTestClient({ chain, mode: 'anvil', transport: http(rpcUrl) });
  const deployer = privateKeyToAccount(generatePrivateKey());
  await test.setBalance({ address: deployer.address, value: parseEther('10') });
  const wallet = createWalletClient({ chain, transport: http(rpcUrl), account: deployer });
  const { deployment } = await deployContracts({
    publicClient,
    walletClient: wallet,
    deploymentPath: path.join(dir, 'deployments', '31337.json'),
  });
  const splitMain = deployment.contracts.SplitMain.address;
  createSplit = async (controller) => {
    const accounts = [someone(), someone()].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    const args = [accounts, [500_000, 500_000], controller] as const;
    const { result, request } = await publicClient.simulateContract({
      address: splitMain,
      abi: splitMainAbi,
      functionName: 'createSplit',
      args,
      account: deployer,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await wallet.writeContract(request) });
    expect(receipt.status).toBe('success');
    return getAddress(result);
  };
  const reader = viemLabelChain(rpcUrl);
  controllerOf = (split) => reader.splitController(splitMain, split);
  await prisma.track.deleteMany({ where: { chainId: CHAIN } });
  labelId = (await createLabel(prisma, OWNER, 'Consent Records')).id;
  await inviteMember(prisma, OWNER, labelId, MANAGER, 'manager');
  await inviteMember(prisma, OWNER, labelId, VIEWER, 'viewer');
});

afterAll(async () => {
  await prisma.label.deleteMany({ where: { id: labelId } });
  await prisma.track.deleteMany({ where: { chainId: CHAIN } });
  await prisma.$disconnect();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a label asks, the creator decides', () => {
  it('a request leaves the catalogue unchanged until the creator accepts; asking twice makes one request', async () => {
    const tokenId = await track(CREATOR);
    const asked = await ask(MANAGER, tokenId);
    expect(asked).toMatchObject({ tokenId, outcome: 'requested' });
    expect(await inCatalogue(tokenId)).toBe(false);
    expect((await ask(OWNER, tokenId)).requestId).toBe(asked.requestId);
    expect(await prisma.labelCatalogueRequest.count({ where: { labelId, tokenId } })).toBe(1);
    expect(await decideRequest(prisma, CREATOR, asked.requestId!, 'accept')).toMatchObject({ status: 'accepted' });
    expect(await inCatalogue(tokenId)).toBe(true);
    expect(await ask(MANAGER, tokenId)).toMatchObject({ outcome: 'already' });
  });

  it('no member (not even the owner), no other creator and no stranger can accept for the creator', async () => {
    const tokenId = await track(CREATOR);
    const { requestId } = await ask(MANAGER, tokenId);
    for (const actor of [OWNER, MANAGER, VIEWER, STRANGER, OTHER_CREATOR]) {
      const attempt = decideRequest(prisma, actor, requestId!, 'accept');
      await expect(attempt).rejects.toBeInstanceOf(LabelRequestError);
      await expect(decideRequest(prisma, actor, requestId!, 'accept')).rejects.toMatchObject({ status: 404 });
    }
    expect(await inCatalogue(tokenId)).toBe(false);
    expect((await prisma.labelCatalogueRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe('pending');
  });

  it("a creator cannot accept a request for someone else's track, even one naming them", async () => {
    const tokenId = await track(OTHER_CREATOR);
    const { requestId } = await ask(MANAGER, tokenId);
    // The request's creator is taken from the index; forging it in the database still fails the track check.
    await expect(decideRequest(prisma, CREATOR, requestId!, 'accept')).rejects.toMatchObject({ status: 404 });
    await prisma.labelCatalogueRequest.update({ where: { id: requestId }, data: { creator: CREATOR } });
    await expect(decideRequest(prisma, CREATOR, requestId!, 'accept')).rejects.toMatchObject({ status: 404 });
    expect(await inCatalogue(tokenId)).toBe(false);
  });

  it('a declined request cannot be accepted later, decided twice, or asked again', async () => {
    const tokenId = await track(CREATOR);
    const { requestId } = await ask(MANAGER, tokenId);
    await decideRequest(prisma, CREATOR, requestId!, 'decline');
    await expect(decideRequest(prisma, CREATOR, requestId!, 'accept')).rejects.toMatchObject({ status: 409 });
    await expect(decideRequest(prisma, CREATOR, requestId!, 'decline')).rejects.toMatchObject({ status: 409 });
    await expect(ask(OWNER, tokenId)).rejects.toMatchObject({ status: 409 });
    expect(await inCatalogue(tokenId)).toBe(false);
  });

  it('two accepts at once add the track once and answer one of them 409', async () => {
    const tokenId = await track(CREATOR);
    const { requestId } = await ask(MANAGER, tokenId);
    const results = await Promise.allSettled([
      decideRequest(prisma, CREATOR, requestId!, 'accept'),
      decideRequest(prisma, CREATOR, requestId!, 'decline'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const status = (await prisma.labelCatalogueRequest.findUniqueOrThrow({ where: { id: requestId } })).status;
    expect(await inCatalogue(tokenId)).toBe(status === 'accepted');
  });

  it('viewers and strangers cannot ask', async () => {
    const tokenId = await track(CREATOR);
    await expect(ask(VIEWER, tokenId)).rejects.toBeInstanceOf(LabelForbiddenError);
    await expect(ask(STRANGER, tokenId)).rejects.toBeInstanceOf(NotALabelMemberError);
    await expect(ask(MANAGER, '999999')).rejects.toMatchObject({ status: 404 });
  });

  it("all of a creator's tracks in one click become requests, none added", async () => {
    const tokenIds = [await track(OTHER_CREATOR), await track(OTHER_CREATOR)];
    const { results } = await addToCatalogue(prisma, controllerOf, MANAGER, labelId, CHAIN, {
      creator: OTHER_CREATOR,
    });
    expect(results.map((r) => r.outcome)).toContain('requested');
    expect(results.some((r) => r.outcome === 'added')).toBe(false);
    for (const tokenId of tokenIds) expect(await inCatalogue(tokenId)).toBe(false);
  });
});

describe('split control on the chain', () => {
  it("adds directly when the split's controller is the label's creator (an owner) or the acting manager", async () => {
    const byOwner = await track(CREATOR, await createSplit(OWNER));
    expect(await ask(MANAGER, byOwner)).toMatchObject({ outcome: 'added', basis: 'split-control' });
    const byManager = await track(CREATOR, await createSplit(MANAGER));
    expect(await ask(MANAGER, byManager)).toMatchObject({ outcome: 'added', basis: 'split-control' });
    expect((await inCatalogue(byOwner)) && (await inCatalogue(byManager))).toBe(true);
  });

  it('asks when the split is immutable, controlled by the creator, or by a member other than the actor', async () => {
    for (const controller of [zeroAddress, CREATOR, VIEWER, MANAGER]) {
      const tokenId = await track(CREATOR, await createSplit(controller));
      expect((await ask(OWNER, tokenId)).outcome).toBe('requested');
    }
  });

  it('inviting the creator (who controls their own split) into the label does not let the label take the track', async () => {
    const tokenId = await track(CREATOR, await createSplit(CREATOR));
    await inviteMember(prisma, OWNER, labelId, CREATOR, 'manager');
    try {
      expect((await ask(OWNER, tokenId)).outcome).toBe('requested');
      // The creator acting in the label is consent: their own track goes in directly.
      const own = await track(CREATOR);
      expect(await ask(CREATOR, own)).toMatchObject({ outcome: 'added', basis: 'creator' });
    } finally {
      await prisma.labelMember.delete({ where: { labelId_address: { labelId, address: CREATOR } } });
    }
  });

  it('a label owner demoted to viewer no longer controls through their split', async () => {
    const labelOf = (await createLabel(prisma, OTHER_CREATOR, 'Demoted Records')).id;
    try {
      await inviteMember(prisma, OTHER_CREATOR, labelOf, MANAGER, 'owner');
      await inviteMember(prisma, MANAGER, labelOf, OTHER_CREATOR, 'viewer');
      const tokenId = await track(CREATOR, await createSplit(OTHER_CREATOR));
      const r = await requestOrAddTrack(prisma, controllerOf, MANAGER, labelOf, CHAIN, tokenId);
      expect(r.outcome).toBe('requested');
    } finally {
      await prisma.label.deleteMany({ where: { id: labelOf } });
    }
  });
});

describe('removal', () => {
  it('the creator may withdraw their track; the label may remove any; others may not', async () => {
    const tokenId = await track(CREATOR, await createSplit(OWNER));
    await ask(OWNER, tokenId);
    await expect(removeFromCatalogue(prisma, OTHER_CREATOR, labelId, CHAIN, tokenId)).rejects.toBeInstanceOf(
      NotALabelMemberError,
    );
    await expect(removeFromCatalogue(prisma, VIEWER, labelId, CHAIN, tokenId)).rejects.toBeInstanceOf(
      LabelForbiddenError,
    );
    await removeFromCatalogue(prisma, CREATOR, labelId, CHAIN, tokenId);
    expect(await inCatalogue(tokenId)).toBe(false);
    await ask(OWNER, tokenId);
    await removeFromCatalogue(prisma, MANAGER, labelId, CHAIN, tokenId);
    expect(await inCatalogue(tokenId)).toBe(false);
  });

  it('every request, decision, addition and removal is in the audit log, by who did it', async () => {
    const log = await auditActions();
    for (const line of [
      'manager catalogue.request',
      'creator catalogue.accept',
      'creator catalogue.decline',
      'manager catalogue.add',
      'creator catalogue.remove',
      'manager catalogue.remove',
    ])
      expect(log).toContain(line);
    expect(log.filter((l) => l.endsWith('catalogue.accept')).every((l) => l.startsWith('creator'))).toBe(true);
  });
});
