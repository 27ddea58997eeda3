'use client';

import { zeroAddress, type Address } from 'viem';
import { useReadContracts } from 'wagmi';
import type { MotifContract } from '../../../lib/chain/contracts';
import type { OfferCandidate } from '../../../lib/tracks/track-page';

/** `currency`: the ERC-20 the offer is in (issue #20), null for the native currency. */
export type LiveOffer = { buyer: Address; amount: bigint; expiry: bigint; currency: Address | null };

type Contracts = {
  collection: MotifContract<'TrackCollection'> | null;
  market: MotifContract<'Market'> | null;
  splitMain: MotifContract<'SplitMain'> | null;
};

/**
 * The track's market state as the viewer sees it, read from the chain and refreshed every few seconds; `stablecoin`:
 * the chain's ERC-20 (issue #20), whose offers are read with currencyOfferOf (the viewer's own included).
 */
export function useTrackMarket(
  id: bigint,
  { collection, market, splitMain }: Contracts,
  viewer: Address | undefined,
  offers: OfferCandidate[],
  splitAddress: Address | undefined,
  stablecoin: Address | null,
) {
  const reads = useReadContracts({
    contracts:
      collection && market && splitMain
        ? ([
            { ...collection, functionName: 'ownerOf', args: [id] },
            { ...market, functionName: 'listingOf', args: [collection.address, id] },
            { ...collection, functionName: 'getApproved', args: [id] },
            { ...market, functionName: 'offerOf', args: [collection.address, id, viewer ?? zeroAddress] },
            { ...market, functionName: 'creditsOf', args: [viewer ?? zeroAddress] },
            { ...collection, functionName: 'creditsOf', args: [viewer ?? zeroAddress] },
            { ...splitMain, functionName: 'balanceOf', args: [viewer ?? zeroAddress, zeroAddress] },
            { ...market, functionName: 'creditsOf', args: [splitAddress ?? zeroAddress] },
            { ...market, functionName: 'listingCurrency', args: [collection.address, id] },
            {
              ...market,
              functionName: 'currencyOfferOf',
              args: [collection.address, id, viewer ?? zeroAddress, stablecoin ?? zeroAddress],
            },
          ] as const)
        : [],
    query: { enabled: collection !== null && market !== null && splitMain !== null, refetchInterval: 4_000 },
  });
  const offerReads = useReadContracts({
    contracts:
      collection && market
        ? offers.map((o) =>
            o.currency
              ? {
                  ...market,
                  functionName: 'currencyOfferOf' as const,
                  args: [collection.address, id, o.buyer, o.currency] as const,
                }
              : { ...market, functionName: 'offerOf' as const, args: [collection.address, id, o.buyer] as const },
          )
        : [],
    query: { enabled: collection !== null && market !== null && offers.length > 0, refetchInterval: 4_000 },
  });

  const data = reads.data;
  const owner = (data?.[0]?.result as Address | undefined) ?? null;
  const listingResult = data?.[1]?.result as readonly [Address, bigint, bigint, boolean] | undefined;
  // The ERC-20 a listing is priced in (issue #20); null: native.
  const listingCurrency = (data?.[8]?.result as Address | undefined) ?? zeroAddress;
  const listing =
    listingResult && listingResult[3]
      ? {
          seller: listingResult[0],
          price: listingResult[1],
          expiry: listingResult[2],
          currency: listingCurrency === zeroAddress ? null : listingCurrency,
        }
      : null;
  const approved = (data?.[2]?.result as Address | undefined) ?? null;
  const myOffer = data?.[3]?.result as readonly [bigint, bigint] | undefined;
  const myTokenOffer = stablecoin ? (data?.[9]?.result as readonly [bigint, bigint] | undefined) : undefined;
  const marketCredits = (data?.[4]?.result as bigint | undefined) ?? 0n;
  const collectionCredits = (data?.[5]?.result as bigint | undefined) ?? 0n;
  const splitBalance = (data?.[6]?.result as bigint | undefined) ?? 0n;
  const splitPending = (data?.[7]?.result as bigint | undefined) ?? 0n;
  const now = BigInt(Math.floor(Date.now() / 1000));
  const liveOffers = offers
    .map((o, i) => {
      const r = offerReads.data?.[i]?.result as readonly [bigint, bigint] | undefined;
      return r && r[0] > 0n && r[1] >= now
        ? { buyer: o.buyer, amount: r[0], expiry: r[1], currency: o.currency }
        : null;
    })
    .filter((o): o is LiveOffer => o !== null);

  return {
    isLoading: reads.isLoading,
    owner,
    listing,
    approved,
    myOffer,
    myTokenOffer,
    marketCredits,
    collectionCredits,
    splitBalance,
    splitPending,
    liveOffers,
  };
}
