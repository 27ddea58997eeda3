import 'server-only';
import { getAddress, isHex, size, type Address, type Hex } from 'viem';
import type { PrismaClient } from '../db/client';
import type { IndexedMetadata } from '../indexer/track-metadata';
import { motifEventOf } from '../indexer/decode-logs';
import { cidOfContentDigest } from '../provenance/digest';
import { describeDisclosure, type DisclosureText } from '../provenance/disclosure-text';
import { procedureLabel, proceduresOf } from '../provenance/procedures';
import { parseSignedManifest } from '../provenance/signed-manifest';
import type { ManifestOrigin } from '../provenance/manifest-schema';
import { parseTrackTarget } from '../provenance/target';
import { BaseError } from '../errors/base';
import { readAll, type IpfsStorage } from '../ipfs/storage';

/**
 * What a track page shows, read from the indexer's tables and folded from its event log: the track, its live
 * listing, its royalty split, its history and the offers still open. The pinned folder and the chain are read through
 * the functions passed in, so the folding is tested against a real database without IPFS or a chain.
 */

export type HistoryEntry = {
  name: string;
  blockNumber: string;
  txHash: string;
  logIndex: number;
  args: Record<string, unknown>;
};
/** An offer by the events; `currency`: the ERC-20 it is in (OfferMadeInCurrency), null for a native offer. */
export type OfferCandidate = { buyer: Address; amount: string; expiry: string; currency: Address | null };
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
  /** Where a re-minted track was first minted (manifest v2 `origin`), or null for a first mint. */
  origin: ManifestOrigin | null;
};

/** The metadata columns the indexer fills (title is null until the metadata resolves). */
type TrackColumns = Omit<IndexedMetadata, 'title'> & { title: string | null };

export type TrackView = {
  tokenId: string;
  /** The track's folder: recorded by its mint, or given by a voucher for this id; null when not known yet. */
  contentDigest: Hex | null;
  cid: string | null;
  track:
    | ({
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
      } & TrackColumns)
    | null;
  /** `currency`: the ERC-20 the price is in (its smallest units), null for the native currency (issue #20). */
  listing: { seller: Address; priceWei: string; currency: Address | null } | null;
  split: { address: Address; accounts: Address[]; shares: number[] } | null;
  history: HistoryEntry[];
  offers: OfferCandidate[];
  provenance: ProvenanceSummary | null;
};

export type TrackNotFoundErrorType = TrackNotFoundError & { name: 'TrackNotFoundError' };
export class TrackNotFoundError extends BaseError {
  override name = 'TrackNotFoundError';
}

/** Token id from the URL: decimal, 0x + 64 hex digits, or the folder CID. */
export function tokenIdFromParam(param: string): bigint {
  try {
    const target = parseTrackTarget(decodeURIComponent(param));
    if ('tokenId' in target && target.tokenId !== undefined) return target.tokenId;
  } catch {
    // fall through: not a track id
  }
  throw new TrackNotFoundError(`"${param}" is not a track id`);
}

/** The provenance panel's facts from a folder's manifest.json (validated against the manifest schema), or null. */
export function provenanceSummary(manifestJson: unknown): ProvenanceSummary | null {
  let signed;
  try {
    signed = parseSignedManifest(manifestJson);
  } catch {
    return null; // not a Motif manifest: the page shows no provenance panel
  }
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
    origin: m.version === 2 ? (m.origin ?? null) : null,
  };
}

const PROVENANCE_CACHE_SIZE = 1_000;

/**
 * Reads a folder's provenance summary from `storage` (manifest.json, 3 s at most). A folder is addressed by its
 * content, so its summary never changes: kept once read (at most 1,000, oldest dropped first), so a busy track page
 * does not fetch and re-verify the same manifest on every request. Misses are not kept: a folder pinned later shows
 * its panel at once.
 */
export function createProvenanceReader(
  storage: () => Promise<Pick<IpfsStorage, 'cat'>>,
): (contentDigest: Hex) => Promise<ProvenanceSummary | null> {
  const known = new Map<Hex, ProvenanceSummary>();
  return async (contentDigest) => {
    const hit = known.get(contentDigest);
    if (hit) return hit;
    let summary: ProvenanceSummary | null;
    try {
      const bytes = await readAll(
        (await storage()).cat(cidOfContentDigest(contentDigest), {
          path: 'manifest.json',
          signal: AbortSignal.timeout(3_000),
        }),
      );
      summary = provenanceSummary(JSON.parse(new TextDecoder().decode(bytes)));
    } catch {
      summary = null; // not pinned here (yet), or not JSON: the panel says so
    }
    if (summary) {
      if (known.size >= PROVENANCE_CACHE_SIZE) known.delete(known.keys().next().value ?? contentDigest);
      known.set(contentDigest, summary);
    }
    return summary;
  };
}

const OFFER_EVENTS = new Set([
  'OfferMade',
  'OfferCancelled',
  'Sale',
  'OfferMadeInCurrency',
  'OfferCancelledInCurrency',
  'SaleInCurrency',
]);

/**
 * Offers still open by the events (oldest first): the latest offer per buyer and currency (native, or an ERC-20's
 * OfferMadeInCurrency) not followed by its cancellation or a sale to that buyer in that currency. The page re-reads
 * each on chain (offerOf / currencyOfferOf) before offering to accept it.
 */
export function openOffers(history: readonly HistoryEntry[]): OfferCandidate[] {
  const open = new Map<string, OfferCandidate>();
  for (const e of history) {
    if (!OFFER_EVENTS.has(e.name)) continue;
    const buyer = getAddress(String(e.args.buyer));
    const currency = e.name.endsWith('InCurrency') ? getAddress(String(e.args.currency)) : null;
    const key = `${buyer}:${currency ?? 'native'}`;
    if (e.name === 'OfferMade' || e.name === 'OfferMadeInCurrency')
      open.set(key, { buyer, amount: String(e.args.amount), expiry: String(e.args.expiry), currency });
    else open.delete(key);
  }
  return [...open.values()];
}

export type ReadTrackViewParameters = {
  prisma: Pick<PrismaClient, 'track' | 'listing' | 'chainEvent'>;
  chainId: number;
  tokenId: bigint;
  /** The content digest of a voucher already checked to be for this id (an unminted id holds only 96 bits of it). */
  voucherContent?: Hex;
  /** A token the indexer has not seen yet (a mint a moment ago): its folder as the collection records it, or null. */
  mintedContentDigest: (tokenId: bigint) => Promise<Hex | null>;
  /** The provenance summary of a folder, or null when it is not readable here. */
  provenance: (contentDigest: Hex) => Promise<ProvenanceSummary | null>;
  /** Listings that expire at or before this Unix second are not live (Market v2 listings expire). */
  nowSeconds?: bigint;
};

/** Everything the track page shows. */
export async function readTrackView(parameters: ReadTrackViewParameters): Promise<TrackView> {
  const { prisma, chainId, tokenId } = parameters;
  const id = tokenId.toString();
  const now = parameters.nowSeconds ?? BigInt(Math.floor(Date.now() / 1000));
  const [track, listing, events] = await Promise.all([
    prisma.track.findUnique({ where: { chainId_tokenId: { chainId, tokenId: id } } }),
    prisma.listing.findFirst({ where: { chainId, tokenId: id, expiry: { gt: now } } }),
    prisma.chainEvent.findMany({
      where: { chainId, tokenId: id },
      orderBy: [{ blockNumber: 'asc' }, { logIndex: 'asc' }],
      take: 500,
    }),
  ]);
  // A minted token's folder is the one its mint recorded (v2 ids keep only 96 bits of it); an unminted one's is known
  // only from a voucher for it.
  const contentDigest: Hex | null =
    track && isHex(track.contentDigest) && size(track.contentDigest) === 32
      ? track.contentDigest
      : (parameters.voucherContent ?? (await parameters.mintedContentDigest(tokenId)));
  const history: HistoryEntry[] = events.map((e) => ({
    name: e.name,
    blockNumber: e.blockNumber.toString(),
    txHash: e.txHash,
    logIndex: e.logIndex,
    args: e.args as Record<string, unknown>,
  }));

  let split: TrackView['split'] = null;
  if (track) {
    // The receiver's latest SplitCreated/SplitUpdated, wherever it was emitted: the split outlives any one token.
    const splitEvent = await prisma.chainEvent.findFirst({
      where: {
        chainId,
        name: { in: ['SplitCreated', 'SplitUpdated'] },
        args: { path: ['split'], equals: getAddress(track.royaltyReceiver) },
      },
      orderBy: [{ blockNumber: 'desc' }, { logIndex: 'desc' }],
    });
    // Read back as the typed event (every argument checked against the ABI): a row that does not match is ignored.
    const event = splitEvent && motifEventOf(splitEvent);
    if (event?.contract === 'SplitMain' && (event.name === 'SplitCreated' || event.name === 'SplitUpdated')) {
      split = {
        address: getAddress(track.royaltyReceiver),
        accounts: event.args.accounts.map((a) => getAddress(a)),
        shares: event.args.shares.map(Number),
      };
    }
  }

  return {
    tokenId: id,
    contentDigest,
    cid: contentDigest ? cidOfContentDigest(contentDigest).toString() : null,
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
    listing: listing && {
      seller: getAddress(listing.seller),
      priceWei: listing.priceWei.toFixed(0),
      currency: listing.currency ? getAddress(listing.currency) : null,
    },
    split,
    history,
    offers: openOffers(history),
    provenance: contentDigest ? await parameters.provenance(contentDigest) : null,
  };
}
