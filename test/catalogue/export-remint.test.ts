/**
 * The way out, end to end on two real anvils with different chain ids and two Helia nodes: a track minted on chain A,
 * its catalogue exported (one CAR + signed snapshot), re-minted on chain B from the CAR alone, and verified on B with
 * the link to the original (confirmed while A answers, unchecked when it does not).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CarReader } from '@ipld/car';
import { CID } from 'multiformats/cid';
import { createPublicClient, createWalletClient, getAddress, http, type Address, type PublicClient } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCatalogue } from '../../lib/catalogue/export-catalogue';
import { remintTrack, RemintRefusedError } from '../../lib/catalogue/remint';
import { readCatalogueSnapshot, signSnapshot, verifySnapshotSignature } from '../../lib/catalogue/snapshot';
import { startAnvil, type Anvil } from '../../lib/chain/anvil';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { customChain } from '../../lib/config/chains';
import { trackCollectionAbi } from '../../lib/contracts/abi';
import { deployContracts } from '../../lib/contracts/deploy';
import { trackIdOf } from '../../lib/contracts/track-id';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import { contentDigestOfCid } from '../../lib/provenance/digest';
import { ORIGIN_NOTE } from '../../lib/provenance/origin-link';
import { verifyTrack } from '../../lib/provenance/verify-track';
import { pinTrack } from '../../lib/tracks/track-folder';
import { fakeReplay, makeTrack } from '../provenance/fixtures';

type Side = {
  anvil: Anvil;
  chainId: number;
  publicClient: PublicClient;
  collection: Address;
  splitMain: Address;
  fromBlock: bigint;
  storage: HeliaStorage;
};
const funder = privateKeyToAccount(localDevAccounts(1)[0]!.privateKey);
const creator = privateKeyToAccount(generatePrivateKey());
const operator = privateKeyToAccount(generatePrivateKey());
let dir: string;
let a: Side;
let b: Side;

async function side(chainId: number): Promise<Side> {
  const anvil = await startAnvil({ port: 0, chainId });
  const chain = customChain(chainId, anvil.rpcUrl);
  const publicClient = createPublicClient({ chain, transport: http(anvil.rpcUrl) }) as PublicClient;
  const wallet = createWalletClient({ chain, transport: http(anvil.rpcUrl), account: funder });
  await publicClient.waitForTransactionReceipt({
    hash: await wallet.sendTransaction({ to: creator.address, value: 10n ** 19n }),
  });
  const { deployment } = await deployContracts({
    publicClient,
    walletClient: wallet,
    deploymentPath: path.join(dir, `deploy-${chainId}.json`),
  });
  const storage = await HeliaStorage.open(path.join(dir, `ipfs-${chainId}`));
  return {
    anvil,
    chainId,
    publicClient,
    collection: deployment.contracts.TrackCollection.address,
    splitMain: deployment.contracts.SplitMain.address,
    fromBlock: BigInt(deployment.contracts.TrackCollection.blockNumber),
    storage,
  };
}

const verifyOptions = (s: Side) => ({
  publicClient: s.publicClient,
  chainId: s.chainId,
  collection: s.collection,
  fromBlock: s.fromBlock,
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-catalogue-'));
  a = await side(7_771);
  b = await side(7_772);
});

afterAll(async () => {
  for (const s of [a, b]) {
    await s?.storage.close();
    await s?.anvil.stop();
  }
  await rm(dir, { recursive: true, force: true });
});

describe('catalogue export and re-mint on another chain', () => {
  it('exports one CAR with the folder and a signed snapshot, re-mints on chain B, and verify links the two', async () => {
    // chain A: mint a track
    const track = await makeTrack(creator, a.chainId, a.collection);
    const pinned = await pinTrack(a.storage, track);
    const content = contentDigestOfCid(CID.parse(pinned.cid));
    const walletA = createWalletClient({
      chain: customChain(a.chainId, a.anvil.rpcUrl),
      transport: http(a.anvil.rpcUrl),
      account: creator,
    });
    const mintHash = await walletA.writeContract({
      address: a.collection,
      abi: trackCollectionAbi,
      functionName: 'mint',
      args: [creator.address, content, track.signed.manifestDigest, creator.address, 750, track.manifest.licence.id],
    });
    expect((await a.publicClient.waitForTransactionReceipt({ hash: mintHash })).status).toBe('success');
    const originalId = trackIdOf(creator.address, content);

    // export: snapshot of what chain A records, signed; one CAR with the snapshot and the folder
    const snapshot = await readCatalogueSnapshot(a.publicClient, {
      account: creator.address,
      collection: a.collection,
      splitMain: a.splitMain,
      fromBlock: a.fromBlock,
    });
    expect(snapshot).toMatchObject({
      chainId: a.chainId,
      account: creator.address,
      tracks: [
        {
          tokenId: originalId.toString(),
          folderCid: pinned.cid,
          manifestDigest: track.signed.manifestDigest,
          owner: creator.address,
          royalty: { receiver: creator.address, bps: 750 },
          licence: track.manifest.licence.id,
          split: null,
        },
      ],
    });
    const signed = await signSnapshot(snapshot, operator);
    expect(await verifySnapshotSignature(signed)).toBe(true);
    expect(
      await verifySnapshotSignature({
        ...signed,
        snapshot: { ...snapshot, tracks: [{ ...snapshot.tracks[0]!, owner: operator.address }] },
      }),
    ).toBe(false);
    const out = await exportCatalogue({
      storage: a.storage,
      signed,
      outDir: path.join(dir, 'export'),
      name: 'catalogue',
    });
    const car = new Uint8Array(await readFile(out.carPath));
    const reader = await CarReader.fromBytes(car);
    expect((await reader.getRoots()).map(String)).toEqual([out.snapshotCid, pinned.cid]);
    expect(JSON.parse(new TextDecoder().decode((await reader.get(CID.parse(out.snapshotCid)))!.bytes))).toEqual(signed);

    // chain B: re-mint from the CAR alone (B's IPFS node has never seen the folder)
    const target = {
      chainId: b.chainId,
      collection: b.collection,
      publicClient: b.publicClient,
      walletClient: createWalletClient({
        chain: customChain(b.chainId, b.anvil.rpcUrl),
        transport: http(b.anvil.rpcUrl),
        account: creator,
      }),
    };
    const entry = snapshot.tracks[0]!;
    const someoneElse = privateKeyToAccount(generatePrivateKey());
    await expect(
      remintTrack({
        car,
        track: entry,
        origin: { chainId: a.chainId, collection: a.collection },
        creator: someoneElse,
        storage: b.storage,
        target,
      }),
    ).rejects.toBeInstanceOf(RemintRefusedError);
    const re = await remintTrack({
      car,
      track: entry,
      origin: { chainId: a.chainId, collection: a.collection },
      creator,
      storage: b.storage,
      target,
    });
    expect(re.manifest.origin).toEqual({
      chainId: a.chainId,
      contract: getAddress(a.collection),
      tokenId: originalId.toString(),
      manifestDigest: track.signed.manifestDigest,
    });
    expect(re.cid).not.toBe(pinned.cid);

    // verify on B: every check passes, and the history names the original, confirmed while chain A answers
    const linked = await verifyTrack({
      tokenId: re.tokenId,
      storage: b.storage,
      replay: fakeReplay,
      chain: verifyOptions(b),
      originChain: (id) => (id === a.chainId ? verifyOptions(a) : null),
    });
    expect(linked.checks.filter((c) => !c.pass).map((c) => c.name)).toEqual([]);
    expect(linked.ok).toBe(true);
    expect(linked.origin).toMatchObject({ chainId: a.chainId, tokenId: originalId.toString(), status: 'confirmed' });
    // the original token did not move: it is still the creator's on chain A
    expect(
      await a.publicClient.readContract({
        address: a.collection,
        abi: trackCollectionAbi,
        functionName: 'ownerOf',
        args: [originalId],
      }),
    ).toBe(creator.address);
    expect(ORIGIN_NOTE).toMatch(/did not move/);

    // chain A halted (unreachable here): the link is the creator's signed statement, reported unchecked
    await a.anvil.stop();
    const halted = await verifyTrack({
      tokenId: re.tokenId,
      storage: b.storage,
      replay: fakeReplay,
      chain: verifyOptions(b),
    });
    expect(halted.ok).toBe(true);
    expect(halted.origin).toMatchObject({ status: 'unchecked' });
    expect(halted.origin?.reason).toMatch(/not reachable/);
  });
});
