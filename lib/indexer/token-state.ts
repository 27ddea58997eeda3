import type { MotifEvent } from './decode-logs';

/** The events of one token, in chain order, as stored (read back with motifEventOf). */
export type TokenEvent = MotifEvent & { blockNumber: bigint; txHash: string; logIndex: number };

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

/**
 * `expiry`: unix seconds after which the market refuses the listing. `currency`: the ERC-20 a ListedInCurrency
 * listing is priced in (`priceWei` then counts that token's smallest units), null for a native price.
 */
export type ListingState = {
  seller: string;
  priceWei: string;
  listedBlock: bigint;
  expiry: bigint;
  currency: string | null;
};

/**
 * Folds a token's events into its current track record and active listing. Pure: the indexer recomputes a token
 * from its stored events after new events or a reorg, so the projection never drifts from the log.
 * A listing (native or in an ERC-20) dies when the token moves (any Transfer after it), is cancelled, or is sold.
 */
export function foldTokenEvents(events: readonly TokenEvent[]): {
  track: TrackState | null;
  listing: ListingState | null;
} {
  let track = null as TrackState | null;
  let owner = null as string | null;
  let listing = null as ListingState | null;
  for (const e of events) {
    if (e.contract === 'TrackCollection' && e.name === 'TrackMinted') {
      track = {
        creator: e.args.creator,
        owner: owner ?? e.args.creator,
        contentDigest: e.args.contentDigest,
        manifestDigest: e.args.manifestDigest,
        licence: e.args.licence,
        royaltyReceiver: e.args.royaltyReceiver,
        royaltyBps: e.args.royaltyBps,
        mintedBlock: e.blockNumber,
        mintedTx: e.txHash,
      };
    } else if (e.contract === 'TrackCollection' && e.name === 'Transfer') {
      owner = e.args.to;
      listing = null;
    } else if (e.contract === 'Market') {
      if (e.name === 'Listed')
        listing = {
          seller: e.args.seller,
          priceWei: e.args.price,
          listedBlock: e.blockNumber,
          expiry: BigInt(e.args.expiry),
          currency: null,
        };
      else if (e.name === 'ListedInCurrency')
        listing = {
          seller: e.args.seller,
          priceWei: e.args.price,
          listedBlock: e.blockNumber,
          expiry: BigInt(e.args.expiry),
          currency: e.args.currency,
        };
      else if (e.name === 'ListingUpdated' && listing) listing = { ...listing, priceWei: e.args.price };
      else if (e.name === 'ListingCancelled' || e.name === 'Sale' || e.name === 'SaleInCurrency') listing = null;
    }
  }
  if (track && owner) track.owner = owner;
  return { track, listing };
}

export function compareChainOrder(
  a: { blockNumber: bigint; logIndex: number },
  b: { blockNumber: bigint; logIndex: number },
): number {
  return a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1;
}
