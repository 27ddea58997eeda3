import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  keccak256,
  parseEther,
  toHex,
  type Address,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { startAnvil, type Anvil } from '../chain/anvil';
import { MOTIF_ABIS, toMotifAddresses, type MotifContractAddresses } from '../chain/contracts';
import { localDevAccounts } from '../chain/dev-accounts';
import { localChain } from '../config/chains';
import { deployContracts } from '../contracts/deploy';
import { trackIdOf } from '../contracts/track-id';
import { createPrismaClient } from '../db/client';
import { Prisma } from '../db/generated/client';
import { clearIndex } from './clear-index';
import {
  acquireIndexerLock,
  IndexerBehindError,
  IndexerBusyError,
  ReorgTooDeepError,
  syncOnce,
  syncToHead,
  type IndexerParameters,
} from './indexer';

// Its own anvil: the reorg test reverts snapshots, which must not disturb other test files' chain.
let anvil: Anvil;
let dir: string;
let addresses: MotifContractAddresses;
let publicClient: PublicClient;
let startBlock: bigint;
const prisma = createPrismaClient(inject('databaseUrl'));
const [deployer, creator, collector, other] = localDevAccounts(4);
const CHAIN_ID = 31337;

function wallet(key: `0x${string}`) {
  return createWalletClient({
    chain: localChain(anvil.rpcUrl),
    transport: http(anvil.rpcUrl),
    account: privateKeyToAccount(key),
  });
}
async function send(hash: Promise<`0x${string}`>) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
  expect(receipt.status).toBe('success');
  return receipt;
}
let minted = 0;
/** Mints a track with fresh content; its token id is the creator-namespaced trackIdOf(creator, content). */
async function mint(to: Address = creator!.address): Promise<string> {
  minted++;
  const content = keccak256(toHex(`content ${minted} ${Math.random()}`));
  await send(
    wallet(creator!.privateKey).writeContract({
      address: addresses.TrackCollection,
      abi: MOTIF_ABIS.TrackCollection,
      functionName: 'mint',
      args: [to, content, keccak256(toHex(`manifest ${minted}`)), creator!.address, 500, 1],
    }),
  );
  return trackIdOf(creator!.address, content).toString();
}
const ids: string[] = [];
const market = (key: `0x${string}`) => ({ w: wallet(key), address: addresses.Market, abi: MOTIF_ABIS.Market });

const params = (overrides: Partial<IndexerParameters> = {}): IndexerParameters => ({
  prisma,
  client: publicClient,
  chainId: CHAIN_ID,
  addresses,
  startBlock,
  confirmations: 64,
  ...overrides,
});
const syncAll = (overrides: Partial<IndexerParameters> = {}) => syncToHead(params(overrides));
async function snapshotTables() {
  const [events, tracks, listings, sales] = await Promise.all([
    prisma.chainEvent.findMany({
      where: { chainId: CHAIN_ID },
      orderBy: [{ blockNumber: 'asc' }, { logIndex: 'asc' }],
    }),
    prisma.track.findMany({ where: { chainId: CHAIN_ID }, orderBy: { mintedBlock: 'asc' } }),
    prisma.listing.findMany({ where: { chainId: CHAIN_ID }, orderBy: { tokenId: 'asc' } }),
    prisma.sale.findMany({ where: { chainId: CHAIN_ID }, orderBy: { blockNumber: 'asc' } }),
  ]);
  // Decimal(78,0) and BigInt columns compared as plain decimal strings.
  const plain = (value: unknown): unknown =>
    typeof value === 'bigint'
      ? value.toString()
      : Prisma.Decimal.isDecimal(value)
        ? value.toFixed()
        : Array.isArray(value)
          ? value.map(plain)
          : value !== null && typeof value === 'object'
            ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
            : value;
  return plain({ events, tracks, listings, sales }) as {
    events: { tokenId: string }[];
    tracks: { tokenId: string; owner: string }[];
    listings: unknown[];
    sales: unknown[];
  };
}
const resetIndex = () => clearIndex(prisma, CHAIN_ID);

beforeAll(async () => {
  anvil = await startAnvil();
  dir = await mkdtemp(path.join(inject('servicesDir'), 'indexer-'));
  publicClient = createPublicClient({ chain: localChain(anvil.rpcUrl), transport: http(anvil.rpcUrl) }) as PublicClient;
  const { deployment } = await deployContracts({
    publicClient,
    walletClient: wallet(deployer!.privateKey),
    deploymentPath: path.join(dir, 'deployment.json'),
  });
  addresses = toMotifAddresses(
    Object.fromEntries(Object.entries(deployment.contracts).map(([k, v]) => [k, v.address])),
  )!;
  startBlock = BigInt(Math.min(...Object.values(deployment.contracts).map((c) => c.blockNumber)));

  // A history: 3 mints; token 1 listed and bought; token 2 listed and cancelled; token 3 listed then repriced.
  for (let i = 0; i < 3; i++) ids.push(await mint());
  const [t1, t2, t3] = ids.map(BigInt) as [bigint, bigint, bigint];
  const seller = market(creator!.privateKey);
  const expiry = (await publicClient.getBlock()).timestamp + 86_400n;
  await send(
    wallet(creator!.privateKey).writeContract({
      address: addresses.TrackCollection,
      abi: MOTIF_ABIS.TrackCollection,
      functionName: 'setApprovalForAll',
      args: [addresses.Market, true],
    }),
  );
  await send(
    seller.w.writeContract({
      address: seller.address,
      abi: seller.abi,
      functionName: 'list',
      args: [addresses.TrackCollection, t1, parseEther('1'), expiry],
    }),
  );
  await send(
    seller.w.writeContract({
      address: seller.address,
      abi: seller.abi,
      functionName: 'list',
      args: [addresses.TrackCollection, t2, parseEther('2'), expiry],
    }),
  );
  await send(
    seller.w.writeContract({
      address: seller.address,
      abi: seller.abi,
      functionName: 'list',
      args: [addresses.TrackCollection, t3, parseEther('3'), expiry],
    }),
  );
  const buyer = market(collector!.privateKey);
  await send(
    buyer.w.writeContract({
      address: buyer.address,
      abi: buyer.abi,
      functionName: 'buy',
      args: [addresses.TrackCollection, t1],
      value: parseEther('1'),
    }),
  );
  await send(
    seller.w.writeContract({
      address: seller.address,
      abi: seller.abi,
      functionName: 'cancelListing',
      args: [addresses.TrackCollection, t2],
    }),
  );
  await send(
    seller.w.writeContract({
      address: seller.address,
      abi: seller.abi,
      functionName: 'updateListing',
      args: [addresses.TrackCollection, t3, parseEther('2.5')],
    }),
  );
});

afterAll(async () => {
  await resetIndex();
  await prisma.$disconnect();
  await anvil?.stop();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(resetIndex);

describe('indexer', () => {
  it('backfills mints, transfers, listings and sales into their tables', async () => {
    await syncAll();
    const { tracks, listings, sales } = await snapshotTables();
    expect(tracks.map((t: { tokenId: string; owner: string }) => [t.tokenId, t.owner])).toEqual([
      [ids[0], collector!.address],
      [ids[1], creator!.address],
      [ids[2], creator!.address],
    ]);
    expect(tracks[0]).toMatchObject({
      creator: creator!.address,
      royaltyBps: 500,
      licence: 1,
      royaltyReceiver: creator!.address,
    });
    expect(listings).toEqual([
      expect.objectContaining({ tokenId: ids[2], seller: creator!.address, priceWei: parseEther('2.5').toString() }),
    ]);
    expect(sales).toEqual([
      expect.objectContaining({
        tokenId: ids[0],
        buyer: collector!.address,
        seller: creator!.address,
        priceWei: parseEther('1').toString(),
        royaltyWei: parseEther('0.05').toString(),
      }),
    ]);
  });

  it('gives the same rows when restarted mid-stream and when a range is delivered twice', async () => {
    await syncAll();
    const reference = await snapshotTables();
    await resetIndex();
    // Small batches, "restarting" (a fresh call with no memory) after each one.
    for (let i = 0; i < 4; i++) await syncOnce(params({ batchSize: 2 }));
    const partial = await snapshotTables();
    expect(partial.events.length).toBeLessThan(reference.events.length);
    await syncAll({ batchSize: 3 });
    expect(await snapshotTables()).toEqual(reference);
    // Duplicate delivery: forget the cursor and read everything again.
    await prisma.chainCursor.deleteMany({ where: { chainId: CHAIN_ID } });
    await syncAll();
    expect(await snapshotTables()).toEqual(reference);
  });

  it('rolls back rows above the fork when the chain reorganises, then follows the new chain', async () => {
    const test = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl) });
    const snapshot = await test.snapshot();
    const orphan = await mint(other!.address); // a track on a branch that will vanish
    await syncAll();
    expect((await snapshotTables()).tracks.map((t) => t.tokenId)).toContain(orphan);

    await test.revert({ id: snapshot });
    const replacement = await mint(collector!.address); // another track at the same height, then a longer chain
    await test.mine({ blocks: 3 });
    const result = await syncOnce(params());
    expect(result.rolledBackTo).not.toBeNull();
    await syncAll();
    expect(await prisma.track.count({ where: { chainId: CHAIN_ID, tokenId: orphan } })).toBe(0);
    expect(await prisma.chainEvent.count({ where: { chainId: CHAIN_ID, tokenId: orphan } })).toBe(0);
    const track = await prisma.track.findUnique({
      where: { chainId_tokenId: { chainId: CHAIN_ID, tokenId: replacement } },
    });
    expect(track?.owner).toBe(collector!.address);
    const events = await prisma.chainEvent.findMany({ where: { chainId: CHAIN_ID, tokenId: replacement } });
    expect(events).toHaveLength(2); // Transfer + TrackMinted
    const onChainHash = (await publicClient.getBlock({ blockNumber: events[0]!.blockNumber })).hash;
    expect(events.every((e) => e.blockHash === onChainHash)).toBe(true);
  });

  it('when every recorded block is gone and nothing was indexed below them, reads everything again; with older events, the reorg is too deep', async () => {
    await syncAll();
    const reference = await snapshotTables();
    // As after a local chain restarted from a state saved before the first indexed event: no recorded block matches.
    await prisma.$executeRaw`UPDATE "IndexedBlock" SET hash = '0x' || repeat('ee', 32) WHERE "chainId" = ${CHAIN_ID}`;
    const result = await syncOnce(params());
    expect(result.rolledBackTo).toBe(startBlock - 1n);
    await syncAll();
    expect(await snapshotTables()).toEqual(reference);

    // Events below the oldest recorded block (its row pruned, as past the confirmation window): nothing proves where
    // the chains part, so the indexer stops and says so rather than guess.
    const oldest = await prisma.indexedBlock.findFirst({ where: { chainId: CHAIN_ID }, orderBy: { number: 'asc' } });
    await prisma.indexedBlock.delete({ where: { chainId_number: { chainId: CHAIN_ID, number: oldest!.number } } });
    await prisma.$executeRaw`UPDATE "IndexedBlock" SET hash = '0x' || repeat('ee', 32) WHERE "chainId" = ${CHAIN_ID}`;
    await expect(syncOnce(params())).rejects.toBeInstanceOf(ReorgTooDeepError);
  });

  it('syncToHead counts the batches and events of a backfill, and says when it ran out of batches', async () => {
    await expect(syncToHead(params({ batchSize: 1 }), 2)).rejects.toBeInstanceOf(IndexerBehindError);
    await resetIndex();
    const head = await publicClient.getBlockNumber();
    const result = await syncToHead(params({ batchSize: 2 }));
    expect(result.toBlock).toBe(head);
    expect(result.batches).toBe(Math.ceil(Number(head - startBlock + 1n) / 2));
    expect(result.events).toBe(await prisma.chainEvent.count({ where: { chainId: CHAIN_ID } }));
  });

  it('keeps a track authorship check across transfers, and voids it when the mint it checked is replaced', async () => {
    await syncAll();
    const [kept, replaced] = [ids[0]!, ids[1]!];
    const where = (tokenId: string) => ({ chainId_tokenId: { chainId: CHAIN_ID, tokenId } });
    const original = await prisma.track.findUniqueOrThrow({ where: where(replaced) });
    await prisma.track.update({ where: where(kept), data: { authorship: 'verified' } });
    // As if a reorg had re-minted the token from another manifest: the stored check was about that other mint.
    await prisma.track.update({
      where: where(replaced),
      data: {
        authorship: 'unverified',
        authorshipReason: 'checked another mint',
        manifestDigest: toHex(1n, { size: 32 }),
      },
    });
    const transfer = (key: `0x${string}`, from: Address, tokenId: string) =>
      send(
        wallet(key).writeContract({
          address: addresses.TrackCollection,
          abi: MOTIF_ABIS.TrackCollection,
          functionName: 'transferFrom',
          args: [from, other!.address, BigInt(tokenId)],
        }),
      );
    await transfer(collector!.privateKey, collector!.address, kept);
    await transfer(creator!.privateKey, creator!.address, replaced);
    await syncAll();
    expect(await prisma.track.findUniqueOrThrow({ where: where(kept) })).toMatchObject({
      owner: other!.address,
      authorship: 'verified',
    });
    expect(await prisma.track.findUniqueOrThrow({ where: where(replaced) })).toMatchObject({
      owner: other!.address,
      manifestDigest: original.manifestDigest,
      authorship: 'pending',
      authorshipReason: null,
    });
  });

  it('allows a single writer at a time', async () => {
    const lock = await acquireIndexerLock(inject('databaseUrl'), CHAIN_ID);
    try {
      await expect(acquireIndexerLock(inject('databaseUrl'), CHAIN_ID)).rejects.toBeInstanceOf(IndexerBusyError);
    } finally {
      await lock.release();
    }
    const again = await acquireIndexerLock(inject('databaseUrl'), CHAIN_ID);
    await again.release();
  });
});
