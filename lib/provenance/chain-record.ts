import type { Address, Hex, PublicClient } from 'viem';
import { trackCollectionAbi } from '../contracts/abi';
import { BaseError } from '../errors/base';

/** What TrackCollection holds about a token: storage (owner, tokenURI) and its TrackMinted event (creator, digests). */
export type ChainRecord = {
  tokenId: bigint;
  owner: Address;
  creator: Address;
  contentDigest: Hex;
  manifestDigest: Hex;
  licence: number;
  tokenURI: string;
  blockNumber: bigint;
  transactionHash: Hex;
};

/** The token does not exist in the collection (never minted, or burnt). */
export class TokenNotFoundError extends BaseError {
  override name = 'TokenNotFoundError';
}

export type ReadChainRecordParameters = {
  collection: Address;
  tokenId: bigint;
  /** First block to search for TrackMinted (the collection's deployment block; default 0). */
  fromBlock?: bigint;
};

/**
 * Reads a token's record. The manifest digest and creator live only in the `TrackMinted` event (the contract keeps
 * them out of storage to save gas), so they are read from the log whose indexed `tokenId` matches.
 */
export async function readChainRecord(client: PublicClient, params: ReadChainRecordParameters): Promise<ChainRecord> {
  const { collection, tokenId } = params;
  let owner: Address;
  try {
    owner = await client.readContract({
      address: collection,
      abi: trackCollectionAbi,
      functionName: 'ownerOf',
      args: [tokenId],
    });
  } catch (error) {
    throw new TokenNotFoundError(
      `token ${tokenId} does not exist in ${collection}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
  const [tokenURI, logs] = await Promise.all([
    client.readContract({ address: collection, abi: trackCollectionAbi, functionName: 'tokenURI', args: [tokenId] }),
    client.getContractEvents({
      address: collection,
      abi: trackCollectionAbi,
      eventName: 'TrackMinted',
      args: { tokenId },
      fromBlock: params.fromBlock ?? 0n,
      toBlock: 'latest',
      strict: true,
    }),
  ]);
  const log = logs[0];
  if (!log || log.blockNumber === null || log.transactionHash === null)
    throw new TokenNotFoundError(`no TrackMinted event for token ${tokenId} in ${collection}`);
  const { creator, contentDigest, manifestDigest, licence } = log.args;
  return {
    tokenId,
    owner,
    creator,
    contentDigest,
    manifestDigest,
    licence,
    tokenURI,
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
  };
}

export type ReadContentDigestParameters = { collection: Address; tokenId: bigint };

/**
 * The content digest (sha2-256 of the track folder) a token records. The id holds only its low 96 bits beside the
 * creator's address, so the folder of a token is read from the collection.
 */
export async function readContentDigest(
  client: Pick<PublicClient, 'readContract'>,
  params: ReadContentDigestParameters,
): Promise<Hex> {
  try {
    return await client.readContract({
      address: params.collection,
      abi: trackCollectionAbi,
      functionName: 'contentDigestOf',
      args: [params.tokenId],
    });
  } catch (error) {
    throw new TokenNotFoundError(
      `token ${params.tokenId} does not exist in ${params.collection}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
}
