import {
  getAddress,
  isAddressEqual,
  keccak256,
  recoverMessageAddress,
  type Address,
  type Hex,
  type LocalAccount,
  type PublicClient,
} from 'viem';
import { splitMainAbi, trackCollectionAbi } from '../contracts/abi';
import { canonicalBytes } from '../provenance/canonical';
import { readChainRecord } from '../provenance/chain-record';
import { cidOfContentDigest } from '../provenance/digest';

export const SNAPSHOT_TYPE = 'motif.catalogue-snapshot';

/** One track as its chain records it at the snapshot's block. */
export type SnapshotTrack = {
  tokenId: string;
  folderCid: string;
  contentDigest: Hex;
  manifestDigest: Hex;
  creator: Address;
  owner: Address;
  licence: number;
  royalty: { receiver: Address; bps: number };
  /** The royalty receiver's split (SplitMain), when it is one: its payees and shares (of 1,000,000). */
  split: { address: Address; accounts: Address[]; shares: number[] } | null;
  mintedBlock: string;
  mintTx: Hex;
};

export type CatalogueSnapshot = {
  type: typeof SNAPSHOT_TYPE;
  version: 1;
  chainId: number;
  collection: Address;
  /** The block every value was read at. */
  block: { number: string; hash: Hex };
  /** Whose catalogue: the tracks they created or own. */
  account: Address;
  tracks: SnapshotTrack[];
};

/** The snapshot and who vouches for it: an EIP-191 signature over keccak256 of its RFC 8785 canonical JSON. */
export type SignedSnapshot = { snapshot: CatalogueSnapshot; digest: Hex; signer: Address; signature: Hex };

export type ReadSnapshotParameters = { account: Address; collection: Address; splitMain?: Address; fromBlock?: bigint };

const ROYALTY_PROBE = 10_000n;

/**
 * What the chain records about every track `account` created or owns, read at one block (the latest when called):
 * owner, creator, digests, licence, royalty (ERC-2981 at a 10,000 sale price gives basis points) and split.
 */
export async function readCatalogueSnapshot(
  client: PublicClient,
  params: ReadSnapshotParameters,
): Promise<CatalogueSnapshot> {
  const block = await client.getBlock({ blockTag: 'latest' });
  const at = { blockNumber: block.number };
  const range = { fromBlock: params.fromBlock ?? 0n, toBlock: block.number };
  const [minted, received] = await Promise.all([
    client.getContractEvents({
      address: params.collection,
      abi: trackCollectionAbi,
      eventName: 'TrackMinted',
      args: { creator: params.account },
      ...range,
      strict: true,
    }),
    client.getContractEvents({
      address: params.collection,
      abi: trackCollectionAbi,
      eventName: 'Transfer',
      args: { to: params.account },
      ...range,
      strict: true,
    }),
  ]);
  const ids = [...new Set([...minted.map((l) => l.args.tokenId), ...received.map((l) => l.args.id)])].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const tracks: SnapshotTrack[] = [];
  for (const tokenId of ids) {
    const record = await readChainRecord(client, {
      collection: params.collection,
      tokenId,
      fromBlock: params.fromBlock,
    });
    const owner = await client.readContract({
      address: params.collection,
      abi: trackCollectionAbi,
      functionName: 'ownerOf',
      args: [tokenId],
      ...at,
    });
    // a token received and sold on since is not this account's any more, unless they created it
    if (!isAddressEqual(owner, params.account) && !isAddressEqual(record.creator, params.account)) continue;
    const [receiver, amount] = await client.readContract({
      address: params.collection,
      abi: trackCollectionAbi,
      functionName: 'royaltyInfo',
      args: [tokenId, ROYALTY_PROBE],
      ...at,
    });
    tracks.push({
      tokenId: tokenId.toString(),
      folderCid: cidOfContentDigest(record.contentDigest).toString(),
      contentDigest: record.contentDigest,
      manifestDigest: record.manifestDigest,
      creator: getAddress(record.creator),
      owner: getAddress(owner),
      licence: record.licence,
      royalty: { receiver: getAddress(receiver), bps: Number(amount) },
      split: params.splitMain ? await splitOf(client, params.splitMain, receiver, range) : null,
      mintedBlock: record.blockNumber.toString(),
      mintTx: record.transactionHash,
    });
  }
  return {
    type: SNAPSHOT_TYPE,
    version: 1,
    chainId: await client.getChainId(),
    collection: getAddress(params.collection),
    block: { number: block.number.toString(), hash: block.hash },
    account: getAddress(params.account),
    tracks,
  };
}

async function splitOf(
  client: PublicClient,
  splitMain: Address,
  split: Address,
  range: { fromBlock: bigint; toBlock: bigint },
): Promise<SnapshotTrack['split']> {
  const [created, updated] = await Promise.all([
    client.getContractEvents({
      address: splitMain,
      abi: splitMainAbi,
      eventName: 'SplitCreated',
      args: { split },
      ...range,
      strict: true,
    }),
    client.getContractEvents({
      address: splitMain,
      abi: splitMainAbi,
      eventName: 'SplitUpdated',
      args: { split },
      ...range,
      strict: true,
    }),
  ]);
  const last = [...created, ...updated]
    .sort((a, b) =>
      a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
    )
    .at(-1);
  return last
    ? {
        address: getAddress(split),
        accounts: last.args.accounts.map((a) => getAddress(a)),
        shares: last.args.shares.map(Number),
      }
    : null;
}

/** keccak256 of the snapshot's canonical JSON: what is signed. */
export function snapshotDigest(snapshot: CatalogueSnapshot): Hex {
  return keccak256(canonicalBytes(snapshot));
}

export async function signSnapshot(snapshot: CatalogueSnapshot, signer: LocalAccount): Promise<SignedSnapshot> {
  const digest = snapshotDigest(snapshot);
  return {
    snapshot,
    digest,
    signer: signer.address,
    signature: await signer.signMessage({ message: { raw: digest } }),
  };
}

/** Whether `signed` is intact and signed by its `signer` (the signer's authority is for the reader to judge). */
export async function verifySnapshotSignature(signed: SignedSnapshot): Promise<boolean> {
  if (snapshotDigest(signed.snapshot) !== signed.digest) return false;
  const recovered = await recoverMessageAddress({ message: { raw: signed.digest }, signature: signed.signature });
  return isAddressEqual(recovered, signed.signer);
}
