/**
 * Real track folders for a platform a test or bench starts itself: pinned into the node's repository before
 * `npm start` (as earlier mints would have left them), then minted, and some listed, by the dev creator with viem.
 * One home for this set-up, shared by the home page e2e and the home and load benches.
 */
import path from 'node:path';
import { CID } from 'multiformats/cid';
import { createPublicClient, createWalletClient, getContractAddress, http, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { localChain } from '../../lib/config/chains';
import { marketAbi, trackCollectionAbi } from '../../lib/contracts/abi';
import { readDeployment } from '../../lib/contracts/deployment';
import { trackIdOf } from '../../lib/contracts/track-id';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import { contentDigestOfCid } from '../../lib/provenance/digest';
import { buildManifest } from '../../lib/provenance/manifest';
import { signManifest } from '../../lib/provenance/signed-manifest';
import { pinTrack } from '../../lib/tracks/track-folder';
import { makeMidi, makeWav, manifestParams } from '../provenance/fixtures';

const [deployer, creator] = localDevAccounts(2);
if (!deployer || !creator) throw new Error('two local dev accounts expected');

/** The dev account that signs, mints and lists the fixtures. */
export const FIXTURE_CREATOR = creator;

export type FixtureTrack = { title: string; genre: string; description: string; seconds: number };

/** A pinned fixture: its folder and manifest digests, and the token id its mint will have. */
export type PinnedFixture = { title: string; content: Hex; manifest: Hex; tokenId: bigint };

/**
 * Pins each track's folder (WAV, MIDI, the creator's signed manifest, metadata, cover) into `dataDir`'s IPFS repo.
 * The manifests are bound to the TrackCollection `npm start` deploys as the dev deployer's first transaction.
 */
export async function pinFixtureTracks(dataDir: string, tracks: readonly FixtureTrack[]): Promise<PinnedFixture[]> {
  const collection = getContractAddress({ from: deployer!.address, nonce: 0n });
  const account = privateKeyToAccount(FIXTURE_CREATOR.privateKey);
  const storage = await HeliaStorage.open(path.join(dataDir, 'ipfs'));
  const pinned: PinnedFixture[] = [];
  try {
    for (const t of tracks) {
      const wav = makeWav(t.seconds);
      const midi = makeMidi();
      const signed = await signManifest({
        manifest: buildManifest(await manifestParams(account.address, wav, midi, [])),
        chainId: 31337,
        verifyingContract: collection,
        sign: (td) => account.signTypedData(td),
      });
      const folder = await pinTrack(storage, {
        wav,
        midi,
        signed,
        metadata: { name: t.title, description: t.description, genre: t.genre, credits: [] },
      });
      const content = contentDigestOfCid(CID.parse(folder.cid));
      pinned.push({
        title: t.title,
        content,
        manifest: signed.manifestDigest,
        tokenId: trackIdOf(account.address, content),
      });
    }
  } finally {
    await storage.close();
  }
  return pinned;
}

export type MintAndListParameters = {
  dataDir: string;
  anvilPort: string | number;
  pinned: readonly PinnedFixture[];
  /** The listing price of the fixture at the same index, in wei; undefined leaves it unlisted. */
  prices: readonly (bigint | undefined)[];
  /** How long listings stay open. */
  listingSeconds: bigint;
};

/** Mints every pinned fixture to the creator (5% royalty to them, licence 6) and lists those with a price. */
export async function mintAndListFixtures(p: MintAndListParameters): Promise<void> {
  const chain = localChain(`http://127.0.0.1:${p.anvilPort}`);
  const publicClient = createPublicClient({ chain, transport: http() });
  const wallet = createWalletClient({
    chain,
    transport: http(),
    account: privateKeyToAccount(FIXTURE_CREATOR.privateKey),
  });
  const deployment = readDeployment(path.join(p.dataDir, 'deployments', '31337.json'));
  const collection = deployment.contracts.TrackCollection.address;
  const market = deployment.contracts.Market.address;
  const send = async (hash: Promise<Hex>) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== 'success') throw new Error(`fixture set-up transaction ${receipt.transactionHash} reverted`);
  };
  const creatorAddress = FIXTURE_CREATOR.address;
  for (const f of p.pinned)
    await send(
      wallet.writeContract({
        address: collection,
        abi: trackCollectionAbi,
        functionName: 'mint',
        args: [creatorAddress, f.content, f.manifest, creatorAddress, 500, 6],
      }),
    );
  await send(
    wallet.writeContract({
      address: collection,
      abi: trackCollectionAbi,
      functionName: 'setApprovalForAll',
      args: [market, true],
    }),
  );
  const expiry = (await publicClient.getBlock()).timestamp + p.listingSeconds;
  for (const [i, f] of p.pinned.entries()) {
    const price = p.prices[i];
    if (price === undefined) continue;
    await send(
      wallet.writeContract({
        address: market,
        abi: marketAbi,
        functionName: 'list',
        args: [collection, f.tokenId, price, expiry],
      }),
    );
  }
}
