import { cache } from 'react';
import { describeDisclosure, type DisclosureText } from '../../../lib/provenance/disclosure-text';
import { parseSignedManifest } from '../../../lib/provenance/signed-manifest';
import { createPublicClient, getAddress, http, isHex, size, type Address, type Hex } from 'viem';
import { readContentDigest } from '../../../lib/provenance/chain-record';
import { cidOfContentDigest as cidFromContentDigest } from '../../../lib/provenance/digest';
import { readAll } from '../../../lib/ipfs/storage';
import { getServices } from '../../../lib/platform/services';
import { parseTrackTarget } from '../../../lib/provenance/target';
import { procedureLabel, proceduresOf } from '../../../lib/provenance/procedures';
import type { IndexedMetadata } from '../../../lib/indexer/track-metadata';
import { pagesDb } from '../../_components/server-prisma';

export type HistoryEntry = { name: string; blockNumber: string; txHash: string; logIndex: number; args: Record<string, unknown> };
export type OfferCandidate = { buyer: Address; amount: string; expiry: string };
export type ProvenanceSummary = {
  modelId: string;
  weightsCid: string;
  seed: string;
  temperature: number;
  sampler: string;
  tempo: number;
  key: string;
  bars: number;
  /** Number of human edits, and how many of each kind of operation (only kinds that occur). */
  edits: { total: number; byKind: Record<string, number> };
  digitalSourceType: string;
  humanEdited: boolean;
  createdAt: string;
  manifestDigest: string;
  /** What the model did and what the person did, in words (lib/provenance/disclosure-text.ts). */
  disclosure: DisclosureText;
};

/** The metadata columns the indexer fills (title is null until the metadata resolves). */
type TrackColumns = Omit<IndexedMetadata, 'title'> & { title: string | null };

export type TrackView = {
  tokenId: string;
  /** The track's folder: recorded by its mint, or given by a voucher for this id; null when not known yet. */
  contentDigest: `0x${string}` | null;
  cid: string | null;
  track: ({
    creator: Address;
    owner: Address;
    licence: number;
    royaltyReceiver: Address;
    royaltyBps: number;
    mintedBlock: string;
    mintedTx: string;
    /** Whether the minter signed the folder's manifest (the indexer's check, issue #13); the reason when not. */
    authorship: 'pending' | 'verified' | 'unverified';
    authorshipReason: string | null;
  } & TrackColumns) | null;
  listing: { seller: Address; priceWei: string } | null;
  split: { address: Address; accounts: Address[]; shares: number[] } | null;
  history: HistoryEntry[];
  offers: OfferCandidate[];
  provenance: ProvenanceSummary | null;
};

export class TrackNotFoundError extends Error {
  override name = 'TrackNotFoundError';
}

/** Token id from the URL: decimal, 0x + 64 hex digits, or the folder CID. */
export function tokenIdFromParam(param: string): bigint {
  try {
    const target = parseTrackTarget(decodeURIComponent(param));
    if ('tokenId' in target && target.tokenId !== undefined) return target.tokenId;
  } catch {
    // fall through
  }
  throw new TrackNotFoundError(`"${param}" is not a track id`);
}

// A folder is addressed by its content, so its summary never changes: kept per process once read (bounded), so a
// busy track page does not fetch and re-verify the same manifest from IPFS on every request. Misses are not kept: a
// folder pinned later shows its panel at once.
const PROVENANCE_CACHE_SIZE = 1_000;
const provenanceKey = Symbol.for('motif.trackProvenance');
type WithProvenance = typeof globalThis & { [provenanceKey]?: Map<string, ProvenanceSummary> };

async function readProvenance(contentDigest: `0x${string}`): Promise<ProvenanceSummary | null> {
  const g = globalThis as WithProvenance;
  const known = (g[provenanceKey] ??= new Map());
  const hit = known.get(contentDigest);
  if (hit) return hit;
  const summary = await fetchProvenance(contentDigest);
  if (summary) {
    if (known.size >= PROVENANCE_CACHE_SIZE) known.delete(known.keys().next().value ?? contentDigest);
    known.set(contentDigest, summary);
  }
  return summary;
}

async function fetchProvenance(contentDigest: `0x${string}`): Promise<ProvenanceSummary | null> {
  try {
    const services = await getServices();
    const bytes = await readAll(services.storage.cat(cidFromContentDigest(contentDigest), { path: 'manifest.json', signal: AbortSignal.timeout(3_000) }));
    // Validated against the manifest schema: a folder that is not a Motif manifest shows no provenance panel.
    const signed = parseSignedManifest(JSON.parse(new TextDecoder().decode(bytes)));
    const m = signed.manifest;
    return {
      modelId: m.model.id,
      weightsCid: m.model.weightsCid,
      seed: String(m.generation.seed),
      temperature: m.generation.temperature,
      sampler: procedureLabel(proceduresOf(m).sampler),
      tempo: m.generation.tempo,
      key: `${m.generation.key} ${m.generation.scale}`,
      bars: m.generation.bars,
      edits: {
        total: m.edits.summary.total,
        byKind: Object.fromEntries(Object.entries(m.edits.summary).filter(([kind, n]) => kind !== 'total' && n > 0)),
      },
      digitalSourceType: m.aiDisclosure.digitalSourceType,
      humanEdited: m.aiDisclosure.humanEdited,
      createdAt: m.createdAt,
      manifestDigest: signed.manifestDigest,
      disclosure: describeDisclosure(m),
    };
  } catch {
    return null; // not pinned here (yet), or not a Motif manifest: the panel says so
  }
}

/** One RPC client per process (not one per page request): only pages of tokens the indexer has not seen use it. */
let reader: { rpcUrl: string; client: ReturnType<typeof createPublicClient> } | undefined;
function chainReader(rpcUrl: string): ReturnType<typeof createPublicClient> {
  if (reader?.rpcUrl !== rpcUrl) reader = { rpcUrl, client: createPublicClient({ transport: http(rpcUrl) }) };
  return reader.client;
}

/** A token the indexer has not seen yet (a mint a moment ago): its folder as the collection records it, else null. */
async function mintedContentDigest(tokenId: bigint): Promise<Hex | null> {
  try {
    const services = await getServices();
    const collection = (await services.contractAddresses()).TrackCollection;
    if (!collection) return null;
    return await readContentDigest(chainReader(services.rpcUrl), { collection, tokenId });
  } catch {
    return null; // not minted (or the chain is unreachable): the page says the folder is not known yet
  }
}

const OFFER_EVENTS = new Set(['OfferMade', 'OfferCancelled', 'Sale']);

/**
 * Everything the track page shows, from the indexer's tables and the pinned folder. `voucherContent`: the content
 * digest of a voucher already checked to be for this id (an unminted id holds only 96 bits of its digest).
 * Memoized per request (React `cache`): the page's metadata and its body read the track once.
 */
export const loadTrack = cache(readTrack);

async function readTrack(tokenId: bigint, voucherContent?: Hex): Promise<TrackView> {
  const { prisma, chainId } = await pagesDb();
  const id = tokenId.toString();
  const [track, listing, events] = await Promise.all([
    prisma.track.findUnique({ where: { chainId_tokenId: { chainId, tokenId: id } } }),
    prisma.listing.findFirst({ where: { chainId, tokenId: id, expiry: { gt: BigInt(Math.floor(Date.now() / 1000)) } } }),
    prisma.chainEvent.findMany({ where: { chainId, tokenId: id }, orderBy: [{ blockNumber: 'asc' }, { logIndex: 'asc' }], take: 500 }),
  ]);
  // A minted token's folder is the one its mint recorded (v2 ids keep only 96 bits of it); an unminted one's is known
  // only from a voucher for it.
  const contentDigest: Hex | null = track && isHex(track.contentDigest) && size(track.contentDigest) === 32 ? track.contentDigest : (voucherContent ?? (await mintedContentDigest(tokenId)));
  const cid = contentDigest ? cidFromContentDigest(contentDigest).toString() : null;
  const history: HistoryEntry[] = events.map((e) => ({ name: e.name, blockNumber: e.blockNumber.toString(), txHash: e.txHash, logIndex: e.logIndex, args: e.args as Record<string, unknown> }));

  // Offers still open by the events: the latest OfferMade per buyer not followed by its cancellation or a sale to
  // that buyer. The page re-reads each on chain (offerOf) before offering to accept it.
  const open = new Map<string, OfferCandidate>();
  for (const e of history) {
    if (!OFFER_EVENTS.has(e.name)) continue;
    const buyer = String(e.args.buyer);
    if (e.name === 'OfferMade') open.set(buyer, { buyer: getAddress(buyer), amount: String(e.args.amount), expiry: String(e.args.expiry) });
    else open.delete(buyer);
  }

  let split: TrackView['split'] = null;
  if (track) {
    const splitEvent = await prisma.chainEvent.findFirst({
      where: { chainId, name: { in: ['SplitCreated', 'SplitUpdated'] }, args: { path: ['split'], equals: getAddress(track.royaltyReceiver) } },
      orderBy: [{ blockNumber: 'desc' }, { logIndex: 'desc' }],
    });
    if (splitEvent) {
      const args = splitEvent.args as { accounts: string[]; shares: (string | number)[] };
      split = { address: getAddress(track.royaltyReceiver), accounts: args.accounts.map((a) => getAddress(a)), shares: args.shares.map(Number) };
    }
  }

  return {
    tokenId: id,
    contentDigest,
    cid,
    track: track && {
      creator: getAddress(track.creator),
      owner: getAddress(track.owner),
      licence: track.licence,
      royaltyReceiver: getAddress(track.royaltyReceiver),
      royaltyBps: track.royaltyBps,
      title: track.title,
      description: track.description,
      genre: track.genre,
      musicalKey: track.musicalKey,
      bpm: track.bpm,
      durationMs: track.durationMs,
      modelId: track.modelId,
      mintedBlock: track.mintedBlock.toString(),
      mintedTx: track.mintedTx,
      authorship: track.authorship,
      authorshipReason: track.authorshipReason,
    },
    listing: listing && { seller: getAddress(listing.seller), priceWei: listing.priceWei.toFixed(0) },
    split,
    history,
    offers: [...open.values()],
    provenance: contentDigest ? await readProvenance(contentDigest) : null,
  };
}
