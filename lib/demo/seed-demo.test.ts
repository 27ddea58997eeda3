/**
 * The demo seed's actions against the real components of the global set-up (anvil, PostgreSQL) and a Helia
 * repository: a catalogue of two tracks composed by the shipped models is minted through the mint steps, listed, one
 * bought and its royalty released and distributed, with fresh accounts in every role (other test files share this
 * anvil, so no dev account's nonce is touched); the tracks verify (replay included); a second run does nothing; a run
 * after an interrupted seed does only the rest; the label and profile phase is idempotent too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  parseEther,
  toHex,
  zeroAddress,
  type PublicClient,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localChain } from '../config/chains';
import { marketAbi, splitMainAbi, trackCollectionAbi } from '../contracts/abi';
import { deployContracts } from '../contracts/deploy';
import { createPrismaClient } from '../db/client';
import { HeliaStorage } from '../ipfs/helia-storage';
import { c2paCredentials } from '../platform/c2pa-credentials';
import { createNodeReplay } from '../provenance/replay-node';
import { CID } from 'multiformats/cid';
import { verifyTrack } from '../provenance/verify-track';
import { readFolderMedia } from '../tracks/folder-media';
import { DEMO_LABEL_NAME, DEMO_PROFILE_NAMES, DEMO_ROLES, DEMO_TRACKS, type DemoAccounts } from './catalogue';
import { seedDemoCatalogue, seedDemoChain, type DemoChainResult, type SeedDemoChainParameters } from './seed-demo';
import type { DemoContracts } from './read-demo-chain';

const rpcUrl = inject('rpcUrl');
const chain = localChain(rpcUrl);
const prisma = createPrismaClient(inject('databaseUrl'));
const publicClient = createPublicClient({ chain, transport: http(rpcUrl) }) as PublicClient;
const SOLD = DEMO_TRACKS.find((t) => t.sold)!;
const LISTED = DEMO_TRACKS.find((t) => t.listPrice && !t.sold && t.inLabel)!;
const accounts = Object.fromEntries(
  DEMO_ROLES.map((role) => {
    const privateKey = generatePrivateKey();
    return [role, { address: privateKeyToAccount(privateKey).address, privateKey }];
  }),
) as DemoAccounts;
let dir: string;
let storage: HeliaStorage;
let contracts: DemoContracts;
let fromBlock: bigint;
let params: Omit<SeedDemoChainParameters, 'specs'>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-demo-seed-'));
  storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
  const test = createTestClient({ chain, mode: 'anvil', transport: http(rpcUrl) });
  for (const role of DEMO_ROLES) await test.setBalance({ address: accounts[role].address, value: parseEther('100') });
  const deployer = privateKeyToAccount(generatePrivateKey());
  await test.setBalance({ address: deployer.address, value: parseEther('100') });
  const { deployment } = await deployContracts({
    publicClient,
    walletClient: createWalletClient({ chain, transport: http(rpcUrl), account: deployer }),
    deploymentPath: path.join(dir, 'deployments', '31337.json'),
  });
  contracts = {
    collection: deployment.contracts.TrackCollection.address,
    market: deployment.contracts.Market.address,
    splitMain: deployment.contracts.SplitMain.address,
  };
  fromBlock = BigInt(deployment.contracts.TrackCollection.blockNumber);
  params = {
    chain,
    rpcUrl,
    publicClient,
    contracts,
    fromBlock,
    accounts,
    storage,
    c2pa: await c2paCredentials({ env: {}, dataDir: dir }),
    publicDir: path.join(process.cwd(), 'public'),
    siteOrigin: 'http://localhost:3000',
  };
});

afterAll(async () => {
  await storage?.close();
  await prisma.$disconnect();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const seeded = (r: DemoChainResult) => {
  if (r.kind !== 'seeded') throw new Error(`expected a seed, got ${r.kind}: ${r.reason}`);
  return r;
};

describe('seedDemoChain on a real chain and IPFS node', () => {
  let first: Extract<DemoChainResult, { kind: 'seeded' }>;

  it('an interrupted seed (only the first track done) is finished by the next run, which does only the rest', async () => {
    const partial = seeded(await seedDemoChain({ ...params, specs: [LISTED] }));
    expect(partial.done).toEqual({ mint: 1, list: 1, buy: 0, release: 0, distribute: 0 });
    first = seeded(await seedDemoChain({ ...params, specs: [LISTED, SOLD] }));
    expect(first.done).toEqual({ mint: 1, list: 1, buy: 1, release: 1, distribute: 1 });
    expect(first.tokenIds[LISTED.slug]).toBe(partial.tokenIds[LISTED.slug]);
    expect(first.tracks).toBe(2);
  });

  it('on chain: minted by the creator, one listed, one owned by the collector with its royalty distributed by SplitMain', async () => {
    const listedId = first.tokenIds[LISTED.slug]!;
    const soldId = first.tokenIds[SOLD.slug]!;
    const read = (tokenId: bigint) =>
      publicClient.readContract({
        address: contracts.collection,
        abi: trackCollectionAbi,
        functionName: 'ownerOf',
        args: [tokenId],
      });
    expect(await read(listedId)).toBe(accounts[LISTED.creator].address);
    expect(await read(soldId)).toBe(accounts.collector.address);
    const [, price, , live] = await publicClient.readContract({
      address: contracts.market,
      abi: marketAbi,
      functionName: 'listingOf',
      args: [contracts.collection, listedId],
    });
    expect({ price, live }).toEqual({ price: parseEther(LISTED.listPrice!), live: true });
    const distributed = await publicClient.getContractEvents({
      address: contracts.splitMain,
      abi: splitMainAbi,
      eventName: 'Distributed',
      fromBlock,
    });
    expect(distributed).toHaveLength(1);
    // 10% of the 0.2 sale, 70/30 between the creator and the label (SplitMain balances, withdrawable).
    const royalty = (parseEther(SOLD.listPrice!) * 10n) / 100n;
    const balance = (who: `0x${string}`) =>
      publicClient.readContract({
        address: contracts.splitMain,
        abi: splitMainAbi,
        functionName: 'balanceOf',
        args: [who, zeroAddress],
      });
    expect((await balance(accounts.label.address)) + (await balance(accounts[SOLD.creator].address))).toBe(royalty);
    expect(await balance(accounts.label.address)).toBe((royalty * 30n) / 100n);
  });

  it('the tracks verify from their token id: manifest, files, C2PA, watermark, signature, replay with the shipped model, chain', async () => {
    const replay = createNodeReplay();
    try {
      for (const tokenId of Object.values(first.tokenIds)) {
        const result = await verifyTrack({
          tokenId,
          storage,
          replay,
          chain: { publicClient, chainId: chain.id, collection: contracts.collection, fromBlock },
        });
        expect(result.checks.filter((c) => !c.pass).map((c) => `${c.name}: ${c.reason}`)).toEqual([]);
        expect(result.ok).toBe(true);
        // the MP3 streaming copy is pinned inside the verified folder, as the mint page makes it
        expect(await readFolderMedia(storage, CID.parse(result.cid))).toEqual({
          stream: 'stream.mp3',
          cover: 'cover.svg',
        });
      }
    } finally {
      replay.dispose();
    }
  });

  it('a second run finds everything in place and sends nothing', async () => {
    const blockBefore = await publicClient.getBlockNumber();
    const again = seeded(await seedDemoChain({ ...params, specs: [LISTED, SOLD] }));
    expect(again.done).toEqual({ mint: 0, list: 0, buy: 0, release: 0, distribute: 0 });
    expect(again.tokenIds).toEqual(first.tokenIds);
    expect(await publicClient.getBlockNumber()).toBe(blockBefore);
  });

  it('the label and profile phase: the label with its catalogue and the demo names once, then nothing', async () => {
    // The indexer's rows for the two tracks (the label service adds only indexed tracks).
    await prisma.track.createMany({
      data: Object.values(first.tokenIds).map((tokenId, i) => ({
        chainId: chain.id,
        tokenId: tokenId.toString(),
        creator: accounts[SOLD.creator].address,
        owner: accounts[SOLD.creator].address,
        contentDigest: toHex(tokenId % 2n ** 96n, { size: 32 }),
        manifestDigest: toHex(0n, { size: 32 }),
        licence: 1,
        royaltyReceiver: accounts[SOLD.creator].address,
        royaltyBps: 500,
        mintedBlock: BigInt(i),
        mintedTx: toHex(i, { size: 32 }),
      })),
      skipDuplicates: true,
    });
    const once = await seedDemoCatalogue(prisma, {
      chainId: chain.id,
      accounts,
      tokenIds: first.tokenIds,
      specs: [LISTED, SOLD],
    });
    expect(once).toMatchObject({ labelCreated: true, catalogueAdded: 2, profiles: DEMO_ROLES.length });
    const label = await prisma.label.findUniqueOrThrow({ where: { id: once.labelId }, include: { catalogue: true } });
    expect(label.name).toBe(DEMO_LABEL_NAME);
    expect(label.createdBy).toBe(accounts.label.address);
    // Both are label tracks (their splits are the label's).
    expect(label.catalogue.map((c) => c.tokenId.toFixed()).sort()).toEqual(
      Object.values(first.tokenIds)
        .map((id) => id.toString())
        .sort(),
    );
    const creator = await prisma.profile.findUniqueOrThrow({ where: { address: accounts[SOLD.creator].address } });
    expect(creator.displayName).toBe(DEMO_PROFILE_NAMES[SOLD.creator]);

    await prisma.profile.update({ where: { address: accounts.collector.address }, data: { displayName: 'Chosen' } });
    const twice = await seedDemoCatalogue(prisma, {
      chainId: chain.id,
      accounts,
      tokenIds: first.tokenIds,
      specs: [LISTED, SOLD],
    });
    expect(twice).toMatchObject({ labelId: once.labelId, labelCreated: false, catalogueAdded: 0, profiles: 0 });
    expect(
      (await prisma.profile.findUniqueOrThrow({ where: { address: accounts.collector.address } })).displayName,
    ).toBe('Chosen');
    expect(await prisma.label.count({ where: { createdBy: accounts.label.address } })).toBe(1);
  });
});
