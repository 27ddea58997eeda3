'use client';

import type { Address } from 'viem';
import { useChainId, useConfig, useConnection, useSwitchChain } from 'wagmi';
import type { OfferCandidate } from '../../../lib/tracks/track-page';
import { useStablecoin } from '../../_hooks/use-chain-info';
import { useMotifContract } from '../../_hooks/use-motif-contract';
import { useTx } from '../../_hooks/use-tx';
import { BuyPanel } from './buy-panel';
import { CreditsPanel } from './credits-panel';
import { ListForm } from './list-form';
import { ListingPanel } from './listing-panel';
import { MakeOfferForm } from './make-offer-form';
import { OffersPanel } from './offers-panel';
import { makeTrade } from './trade-steps';
import { TxStatus } from './tx-status';
import { useTrackMarket } from './use-track-market';
import { YourOffer } from './your-offer';
import type { PeopleLike } from '../../_components/account-name';

type Props = {
  tokenId: string;
  offers: OfferCandidate[];
  split: { address: Address; accounts: Address[]; shares: number[] } | null;
  /** The people the page names (offer makers among them): display names and uploaded avatars, as JSON. */
  people: PeopleLike;
};

/** The actions the viewer may take on a minted track, each with its fee shown before the wallet is asked to sign. */
export function TrackActions({ tokenId, offers, split, people }: Props) {
  const id = BigInt(tokenId);
  const config = useConfig();
  const configuredChainId = useChainId();
  const connection = useConnection();
  const switchChain = useSwitchChain();
  const collection = useMotifContract('TrackCollection');
  const market = useMotifContract('Market');
  const splitMain = useMotifContract('SplitMain');
  const viewer = connection.address;
  const tx = useTx();
  const stablecoin = useStablecoin();
  const contracts = { collection, market, splitMain };
  const state = useTrackMarket(id, contracts, viewer, offers, split?.address, stablecoin?.address ?? null);

  if (!collection || !market || !splitMain) return <p role="alert">No contracts are recorded for this chain.</p>;
  if (!viewer)
    return <p className="muted">Connect a wallet (top right) to buy, list, make an offer or withdraw credits.</p>;
  if (connection.chainId !== configuredChainId) {
    return (
      <div role="alert">
        <p>
          Your wallet is on chain {connection.chainId}; Motif runs on chain {configuredChainId}.
        </p>
        <button type="button" onClick={() => switchChain.mutate({ chainId: configuredChainId })}>
          Switch network
        </button>
      </div>
    );
  }
  if (state.isLoading) return <p aria-busy="true">Reading the track’s market state…</p>;

  const { owner, listing, myOffer, myTokenOffer, liveOffers } = state;
  const isOwner = owner !== null && owner === viewer;
  const hasMyOffer = myOffer !== undefined && myOffer[0] > 0n;
  // one offer per currency: a second one in the chain's stablecoin (issue #20) besides a native one
  const hasMyTokenOffer = myTokenOffer !== undefined && myTokenOffer[0] > 0n;
  const open = { native: !hasMyOffer, token: stablecoin !== null && !hasMyTokenOffer };
  const trade = makeTrade({ id, account: viewer, config, collection, market, splitMain, tx }, state.approved);

  return (
    <div className="track-actions">
      <TxStatus state={tx.state} />
      {isOwner && !listing && <ListForm trade={trade} needsApproval={state.approved !== market.address} />}
      {isOwner && listing && <ListingPanel trade={trade} listing={listing} />}
      {isOwner && liveOffers.length > 0 && <OffersPanel trade={trade} offers={liveOffers} people={people} />}
      {!isOwner && listing && <BuyPanel trade={trade} price={listing.price} currency={listing.currency} />}
      {!isOwner && owner && myOffer && hasMyOffer && <YourOffer trade={trade} offer={myOffer} />}
      {!isOwner && owner && stablecoin && myTokenOffer && hasMyTokenOffer && (
        <YourOffer trade={trade} offer={myTokenOffer} token={stablecoin} />
      )}
      {!isOwner && owner && (open.native || open.token) && <MakeOfferForm trade={trade} open={open} />}
      <CreditsPanel trade={trade} amounts={state} split={split} />
    </div>
  );
}
