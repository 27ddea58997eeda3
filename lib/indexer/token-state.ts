import type { JsonValue } from './decode-logs';

/** The events of one token, in chain order, as stored. */
export type TokenEvent = { contract: string; name: string; args: Record<string, JsonValue>; blockNumber: bigint; txHash: string; logIndex: number };

export type TrackState = {
  creator: string;
  owner: string;
  contentDigest: string;
  manifestDigest: string;
  licence: number;
  royaltyReceiver: string;
  royaltyBps: number;
  mintedBlock: bigint;
  mintedTx: string;
};

/** `expiry`: unix seconds after which the market refuses the listing. */
export type ListingState = { seller: string; priceWei: string; listedBlock: bigint; expiry: bigint };

const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : String(v ?? ''));
const num = (v: JsonValue | undefined): number => Number(v ?? 0);

/**
 * Folds a token's events into its current track record and active listing. Pure: the indexer recomputes a token
 * from its stored events after new events or a reorg, so the projection never drifts from the log.
 * A listing dies when the token moves (any Transfer after it), is cancelled, or is sold.
 */
export function foldTokenEvents(events: readonly TokenEvent[]): { track: TrackState | null; listing: ListingState | null } {
  let track = null as TrackState | null;
  let owner = null as string | null;
  let listing = null as ListingState | null;
  for (const e of events) {
    if (e.contract === 'TrackCollection' && e.name === 'TrackMinted') {
      track = {
        creator: str(e.args.creator),
        owner: owner ?? str(e.args.creator),
        contentDigest: str(e.args.contentDigest),
        manifestDigest: str(e.args.manifestDigest),
        licence: num(e.args.licence),
        royaltyReceiver: str(e.args.royaltyReceiver),
        royaltyBps: num(e.args.royaltyBps),
        mintedBlock: e.blockNumber,
        mintedTx: e.txHash,
      };
    } else if (e.contract === 'TrackCollection' && e.name === 'Transfer') {
      owner = str(e.args.to);
      listing = null;
    } else if (e.contract === 'Market') {
      if (e.name === 'Listed') listing = { seller: str(e.args.seller), priceWei: str(e.args.price), listedBlock: e.blockNumber, expiry: BigInt(str(e.args.expiry) || '0') };
      else if (e.name === 'ListingUpdated' && listing) listing = { ...listing, priceWei: str(e.args.price) };
      else if (e.name === 'ListingCancelled' || e.name === 'Sale') listing = null;
    }
  }
  if (track && owner) track.owner = owner;
  return { track, listing };
}

export function compareChainOrder(a: { blockNumber: bigint; logIndex: number }, b: { blockNumber: bigint; logIndex: number }): number {
  return a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1;
}
