/**
 * The demo catalogue as the chain holds it now, read from the chain itself (not a marker file, not the index): every
 * TrackMinted of the TrackCollection; a mint by a demo creator whose pinned metadata.json carries the demo marker and
 * a demo title is that demo track; any other mint is someone's own track. For each demo track: its owner, its live
 * listing, the Market credits of its royalty receiver and whether SplitMain has distributed for that receiver.
 */
import { getAddress, type Address, type Chain, type Client, type Transport } from 'viem';
import { getContractEvents, readContract } from 'viem/actions';
import { z } from 'zod';
import { marketAbi, splitMainAbi, trackCollectionAbi } from '../contracts/abi';
import { readAll, type IpfsStorage } from '../ipfs/storage';
import { cidOfContentDigest } from '../provenance/digest';
import { TRACK_FILES } from '../provenance/manifest-schema';
import { isDemoDescription, type DemoAccounts, type DemoTrackSpec } from './catalogue';
import type { DemoChainState, DemoTrackState } from './plan';

export type DemoContracts = { collection: Address; market: Address; splitMain: Address };

export type ReadDemoChainParameters = {
  specs: readonly DemoTrackSpec[];
  accounts: DemoAccounts;
  contracts: DemoContracts;
  /** The TrackCollection's deployment block (logs are read from there). */
  fromBlock: bigint;
  storage: Pick<IpfsStorage, 'cat'>;
  signal?: AbortSignal;
};

export type DemoChainReading = DemoChainState & {
  /** Each demo track's royalty receiver, by slug. */
  receivers: Record<string, Address>;
};

const metadataSchema = z.object({ name: z.string(), description: z.string().optional() });

async function readMetadata(
  storage: Pick<IpfsStorage, 'cat'>,
  contentDigest: `0x${string}`,
  signal?: AbortSignal,
): Promise<z.infer<typeof metadataSchema> | null> {
  try {
    const bytes = await readAll(storage.cat(cidOfContentDigest(contentDigest), { path: TRACK_FILES.metadata, signal }));
    const parsed = metadataSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // not on this node: not a demo track this seed pinned
  }
}

export async function readDemoChain(
  client: Client<Transport, Chain | undefined>,
  p: ReadDemoChainParameters,
): Promise<DemoChainReading> {
  const minted = await getContractEvents(client, {
    address: p.contracts.collection,
    abi: trackCollectionAbi,
    eventName: 'TrackMinted',
    fromBlock: p.fromBlock,
    toBlock: 'latest',
  });
  const tracks: Record<string, DemoTrackState> = {};
  const receivers: Record<string, Address> = {};
  let otherTracks = 0;
  for (const log of minted) {
    const { tokenId, creator, contentDigest, royaltyReceiver } = log.args;
    if (tokenId === undefined || !creator || !contentDigest || !royaltyReceiver) continue;
    const candidates = p.specs.filter(
      (s) => getAddress(p.accounts[s.creator].address) === getAddress(creator) && tracks[s.slug] === undefined,
    );
    const metadata = candidates.length > 0 ? await readMetadata(p.storage, contentDigest, p.signal) : null;
    const spec =
      metadata && isDemoDescription(metadata.description)
        ? candidates.find((s) => s.title === metadata.name)
        : undefined;
    if (!spec) {
      otherTracks++;
      continue;
    }
    const [owner, listing, receiverCredits, distributions] = await Promise.all([
      readContract(client, {
        address: p.contracts.collection,
        abi: trackCollectionAbi,
        functionName: 'ownerOf',
        args: [tokenId],
      }),
      readContract(client, {
        address: p.contracts.market,
        abi: marketAbi,
        functionName: 'listingOf',
        args: [p.contracts.collection, tokenId],
      }),
      readContract(client, {
        address: p.contracts.market,
        abi: marketAbi,
        functionName: 'creditsOf',
        args: [royaltyReceiver],
      }),
      getContractEvents(client, {
        address: p.contracts.splitMain,
        abi: splitMainAbi,
        eventName: 'Distributed',
        args: { split: royaltyReceiver },
        fromBlock: p.fromBlock,
        toBlock: 'latest',
      }),
    ]);
    tracks[spec.slug] = {
      tokenId,
      owner: getAddress(owner),
      listed: listing[3],
      receiverCredits,
      distributed: distributions.length > 0,
    };
    receivers[spec.slug] = getAddress(royaltyReceiver);
  }
  return { otherTracks, tracks, receivers };
}
