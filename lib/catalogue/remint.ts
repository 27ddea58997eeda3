import { CarReader } from '@ipld/car';
import { exporter } from 'ipfs-unixfs-exporter';
import { CID } from 'multiformats/cid';
import { equals } from 'multiformats/bytes';
import { sha256 } from 'multiformats/hashes/sha2';
import {
  getAddress,
  isAddressEqual,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type LocalAccount,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem';
import { trackCollectionAbi } from '../contracts/abi';
import { trackIdOf } from '../contracts/track-id';
import { BaseError } from '../errors/base';
import type { IpfsStorage } from '../ipfs/storage';
import { audioEssence } from '../provenance/c2pa/essence';
import { contentDigestOfCid } from '../provenance/digest';
import { TRACK_FILES, type TrackManifest } from '../provenance/manifest-schema';
import { parseSignedManifest, signManifest } from '../provenance/signed-manifest';
import { pinTrack, type BuildTrackFolderParameters } from '../tracks/track-folder';
import type { SnapshotTrack } from './snapshot';

export class RemintRefusedError extends BaseError {
  override name = 'RemintRefusedError';
}

/** Every file of `folder` in the CAR, each block checked against its CID by the exporter's reads. */
export async function readCarFolder(car: Uint8Array, folder: string): Promise<Map<string, Uint8Array>> {
  const reader = await CarReader.fromBytes(car);
  // CarReader does not check blocks: each is hashed and compared with its CID before the exporter sees it.
  const blockstore = {
    async *get(cid: CID): AsyncGenerator<Uint8Array> {
      const block = await reader.get(cid);
      if (!block) throw new RemintRefusedError(`the CAR lacks block ${cid.toString()} of folder ${folder}`);
      if (cid.multihash.code !== sha256.code || !equals((await sha256.digest(block.bytes)).bytes, cid.multihash.bytes))
        throw new RemintRefusedError(`block ${cid.toString()} in the CAR does not match its CID`);
      yield block.bytes;
    },
  };
  const root = await exporter(CID.parse(folder), blockstore);
  if (root.type !== 'directory') throw new RemintRefusedError(`${folder} is not a track folder`);
  const files = new Map<string, Uint8Array>();
  for await (const listed of root.entries()) {
    const entry = await exporter(listed.cid, blockstore);
    if (entry.type !== 'file' && entry.type !== 'raw') continue;
    const chunks: Uint8Array[] = [];
    for await (const chunk of entry.content()) chunks.push(chunk);
    files.set(listed.name, Buffer.concat(chunks));
  }
  return files;
}

export type RemintParameters = {
  /** The exported CAR (npm run catalogue:export) and the snapshot entry of the track to re-mint. */
  car: Uint8Array;
  track: SnapshotTrack;
  /** The chain and collection of the snapshot: recorded as the new manifest's `origin`. */
  origin: { chainId: number; collection: Address };
  /** The creator: only they can sign the new manifest (and so only they can re-mint their track). */
  creator: LocalAccount;
  storage: IpfsStorage;
  target: {
    chainId: number;
    collection: Address;
    publicClient: PublicClient;
    walletClient: WalletClient<Transport, Chain | undefined, Account>;
  };
  /** Royalty receiver on the new chain (the old split lives on the old chain): default the creator. */
  royaltyReceiver?: Address;
  c2pa?: BuildTrackFolderParameters['c2pa'];
  siteOrigin?: string;
};

export type RemintReturnType = {
  tokenId: bigint;
  cid: string;
  manifestDigest: Hex;
  txHash: Hex;
  manifest: TrackManifest;
};

/**
 * Mints an exported track again on another chain (docs/provenance/SPEC.md 11.1): the original manifest plus `origin`
 * (chain id, collection, token id, manifest digest of the first token), signed by the same creator for the new chain
 * and collection, pinned with the original audio essence and MIDI, minted with the original royalty rate and
 * licence. The original token is left where it is: nothing is moved or burnt.
 */
export async function remintTrack(params: RemintParameters): Promise<RemintReturnType> {
  const { track, creator, target } = params;
  if (!isAddressEqual(track.creator, creator.address))
    throw new RemintRefusedError(
      `token ${track.tokenId} was created by ${track.creator}: only its creator can re-mint it`,
    );
  if (target.chainId === params.origin.chainId)
    throw new RemintRefusedError('the target chain is the origin chain: the track is already minted there');
  const files = await readCarFolder(params.car, track.folderCid);
  const need = (name: string) => {
    const bytes = files.get(name);
    if (!bytes) throw new RemintRefusedError(`folder ${track.folderCid} has no ${name}`);
    return bytes;
  };
  const original = parseSignedManifest(JSON.parse(new TextDecoder().decode(need(TRACK_FILES.manifest))));
  if (original.manifestDigest !== track.manifestDigest)
    throw new RemintRefusedError(
      `manifest.json has digest ${original.manifestDigest}, the chain recorded ${track.manifestDigest}`,
    );
  if (original.manifest.version !== 2)
    throw new RemintRefusedError('a version 1 manifest has no origin field: re-mint needs a version 2 manifest');
  const { origin: _previous, ...base } = original.manifest;
  const manifest: TrackManifest = {
    ...base,
    origin: {
      chainId: params.origin.chainId,
      contract: getAddress(params.origin.collection),
      tokenId: track.tokenId,
      manifestDigest: track.manifestDigest,
    },
  };
  const signed = await signManifest({
    manifest,
    chainId: target.chainId,
    verifyingContract: target.collection,
    sign: (td) => creator.signTypedData(td),
  });
  const oldMetadata = JSON.parse(new TextDecoder().decode(need(TRACK_FILES.metadata))) as {
    name?: string;
    description?: string;
    attributes?: { trait_type: string; value: unknown }[];
  };
  const genre = oldMetadata.attributes?.find((a) => a.trait_type === 'Genre')?.value;
  const pinned = await pinTrack(params.storage, {
    wav: audioEssence(need(TRACK_FILES.audio)),
    midi: need(TRACK_FILES.midi),
    signed,
    metadata: {
      name: oldMetadata.name ?? `Track ${track.tokenId}`,
      description: oldMetadata.description ?? '',
      genre: typeof genre === 'string' && genre ? genre : 'Unknown',
    },
    ...(params.c2pa ? { c2pa: params.c2pa } : {}),
    ...(params.siteOrigin ? { siteOrigin: params.siteOrigin } : {}),
  });
  const content = contentDigestOfCid(CID.parse(pinned.cid));
  const txHash = await target.walletClient.writeContract({
    address: target.collection,
    abi: trackCollectionAbi,
    functionName: 'mint',
    args: [
      creator.address,
      content,
      signed.manifestDigest,
      params.royaltyReceiver ?? creator.address,
      track.royalty.bps,
      track.licence,
    ],
    account: creator,
    chain: target.walletClient.chain,
  });
  const receipt = await target.publicClient.waitForTransactionReceipt({ hash: txHash });
  if (receipt.status !== 'success') throw new RemintRefusedError(`the mint transaction ${txHash} reverted`);
  return {
    tokenId: trackIdOf(creator.address, content),
    cid: pinned.cid,
    manifestDigest: signed.manifestDigest,
    txHash,
    manifest,
  };
}
