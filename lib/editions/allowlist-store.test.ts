import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toMotifAddresses, type MotifContractAddresses } from '../chain/contracts';
import { deployContracts } from '../contracts/deploy';
import { createPrismaClient } from '../db/client';
import { clearIndex } from '../indexer/clear-index';
import { syncToHead } from '../indexer/indexer';
import { HeliaStorage } from '../ipfs/helia-storage';
import { ANVIL_KEY_0, startTestChain, type TestChain } from '../../test/contracts/chain';
import { digestOf, publicPhase } from '../../test/editions/fixture';
import { AllowlistNotFoundError, allowlistProof, pinAllowlist } from './allowlist-store';
import { AllowlistTree, AllowlistTreeError, NotOnAllowlistError } from './allowlist-tree';
import { createEdition } from './create-edition';
import { editionIdOf } from './edition-id';
import { mintEdition } from './mint-edition';

const CHAIN_ID = 917_018; // the database key of this file's own chain
const prisma = createPrismaClient(inject('databaseUrl'));
let t: TestChain;
let dir: string;
let storage: HeliaStorage;
let addresses: MotifContractAddresses;

beforeAll(async () => {
  t = await startTestChain();
  dir = await mkdtemp(path.join(inject('servicesDir'), 'allowlist-store-'));
  storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
  const { deployment } = await deployContracts({
    publicClient: t.publicClient,
    walletClient: t.wallet(ANVIL_KEY_0),
    deploymentPath: path.join(dir, 'deployment.json'),
  });
  addresses = toMotifAddresses(
    Object.fromEntries(Object.entries(deployment.contracts).map(([k, v]) => [k, v.address])),
  )!;
});
afterAll(async () => {
  await clearIndex(prisma, CHAIN_ID);
  await prisma.$disconnect();
  await storage?.close();
  await t?.anvil.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('allowlist store', () => {
  it('pins the tree file to IPFS, serves the proof of a listed wallet for the indexed phase, and that proof mints', async () => {
    const creator = {
      publicClient: t.publicClient,
      walletClient: (await t.funded()).wallet,
      editions: addresses.Editions,
    };
    const fan = { ...creator, walletClient: (await t.funded()).wallet };
    const content = digestOf('pinned allowlist');
    const editionId = editionIdOf(creator.walletClient.account.address, content);
    const listed = [
      fan.walletClient.account.address,
      ...Array.from({ length: 99 }, () => privateKeyToAccount(generatePrivateKey()).address),
    ];
    const tree = AllowlistTree.build([{ editionId, phase: 0, addresses: listed }]);
    // The browser posts the file as JSON.
    const pinned = await pinAllowlist({ storage, prisma }, JSON.parse(JSON.stringify(tree.toJson())));
    expect(pinned.root).toBe(tree.root);
    expect(pinned.addresses).toBe(100);
    expect(await storage.isPinned((await import('multiformats/cid')).CID.parse(pinned.cid))).toBe(true);

    const now = Number((await t.publicClient.getBlock()).timestamp);
    await createEdition(creator, {
      content,
      manifest: content,
      licence: 0,
      royaltyReceiver: creator.walletClient.account.address,
      royaltyBps: 0,
      maxSupply: 10,
      closeAt: 0,
      referralBps: 0,
      phases: [publicPhase(now, now + 10_000, 1n, { mode: 'allowlist', merkleRoot: tree.root })],
    });
    const deps = { storage, prisma };
    const ask = (account: `0x${string}`, phase = 0) =>
      allowlistProof(deps, { chainId: CHAIN_ID, editionId, phase, account });
    await expect(ask(fan.walletClient.account.address)).rejects.toBeInstanceOf(AllowlistNotFoundError); // not indexed yet
    await syncToHead({ prisma, client: t.publicClient, chainId: CHAIN_ID, addresses, startBlock: 0n });

    const served = await ask(fan.walletClient.account.address);
    expect(served).toEqual({
      root: tree.root,
      cid: pinned.cid,
      proof: tree.proof(editionId, 0, fan.walletClient.account.address),
    });
    const minted = await mintEdition(fan, {
      editionId,
      phase: 0,
      quantity: 1,
      price: 1n,
      authorisation: { mode: 'allowlist', proof: served.proof },
    });
    expect(minted.firstNumber).toBe(1);

    await expect(ask(privateKeyToAccount(generatePrivateKey()).address)).rejects.toBeInstanceOf(NotOnAllowlistError);
    await expect(ask(fan.walletClient.account.address, 1)).rejects.toBeInstanceOf(AllowlistNotFoundError);
  });

  it('refuses a file whose hashes do not add up (nothing pinned)', async () => {
    const tree = AllowlistTree.build([
      {
        editionId: 5n << 96n,
        phase: 0,
        addresses: [
          privateKeyToAccount(generatePrivateKey()).address,
          privateKeyToAccount(generatePrivateKey()).address,
        ],
      },
    ]);
    const json = tree.toJson();
    const forged = {
      ...json,
      tree: {
        ...json.tree,
        tree: json.tree.tree.map((h, i) => (i === json.tree.tree.length - 1 ? `0x${'ee'.repeat(32)}` : h)),
      },
    };
    await expect(pinAllowlist({ storage, prisma }, forged)).rejects.toBeInstanceOf(AllowlistTreeError);
    expect(await prisma.editionAllowlist.count({ where: { root: json.root } })).toBe(0);
  });
});
