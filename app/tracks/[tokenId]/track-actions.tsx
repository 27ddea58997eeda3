'use client';

import { useState } from 'react';
import { parseUnits, zeroAddress, type Address } from 'viem';
import { useChainId, useConfig, useConnection, useReadContracts, useSwitchChain } from 'wagmi';
import { simulateContract, writeContract } from 'wagmi/actions';
import { shortHex } from '../../../lib/format/short-hex';
import { amountLabel } from '../../_components/format';
import { useFormatAmount, useNativeCurrency } from '../../_hooks/use-chain-info';
import { useMotifContract } from '../../_hooks/use-motif-contract';
import { useTx, type TxStep } from '../../_hooks/use-tx';
import { FeeBreakdown, useBreakdown } from './fee-breakdown';
import { TxStatus } from './tx-status';
import type { OfferCandidate } from '../../../lib/tracks/track-page';

/** A positive amount typed in the chain's currency, in its base units (null: not a valid amount). */
function parseAmount(text: string, decimals: number): bigint | null {
  const t = text.trim();
  if (!new RegExp(`^\\d+(\\.\\d{1,${Math.max(decimals, 1)}})?$`).test(t) || (decimals === 0 && t.includes('.')))
    return null;
  const v = parseUnits(t, decimals);
  return v > 0n ? v : null;
}

type Props = {
  tokenId: string;
  offers: OfferCandidate[];
  split: { address: Address; accounts: Address[]; shares: number[] } | null;
};

/** The actions the viewer may take on a minted track, each with its fee shown before the wallet is asked to sign. */
export function TrackActions({ tokenId, offers, split }: Props) {
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
  const currency = useNativeCurrency();
  const eth = useFormatAmount();

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
            { ...market, functionName: 'creditsOf', args: [split?.address ?? zeroAddress] },
          ] as const)
        : [],
    query: { enabled: collection !== null && market !== null && splitMain !== null, refetchInterval: 4_000 },
  });
  const offerReads = useReadContracts({
    contracts:
      collection && market
        ? offers.map((o) => ({
            ...market,
            functionName: 'offerOf' as const,
            args: [collection.address, id, o.buyer] as const,
          }))
        : [],
    query: { enabled: collection !== null && market !== null && offers.length > 0, refetchInterval: 4_000 },
  });

  const [priceText, setPriceText] = useState('');
  const [newPriceText, setNewPriceText] = useState('');
  const [offerText, setOfferText] = useState('');
  const [offerDays, setOfferDays] = useState('7');
  const [listDays, setListDays] = useState('30');
  const listPrice = parseAmount(priceText, currency.decimals);
  const newPrice = parseAmount(newPriceText, currency.decimals);
  const offerAmount = parseAmount(offerText, currency.decimals);

  const data = reads.data;
  const owner = (data?.[0]?.result as Address | undefined) ?? null;
  const listingResult = data?.[1]?.result as readonly [Address, bigint, bigint, boolean] | undefined;
  const listing =
    listingResult && listingResult[3]
      ? { seller: listingResult[0], price: listingResult[1], expiry: listingResult[2] }
      : null;
  const approved = (data?.[2]?.result as Address | undefined) ?? null;
  const myOffer = data?.[3]?.result as readonly [bigint, bigint] | undefined;
  const marketCredits = (data?.[4]?.result as bigint | undefined) ?? 0n;
  const collectionCredits = (data?.[5]?.result as bigint | undefined) ?? 0n;
  const splitBalance = (data?.[6]?.result as bigint | undefined) ?? 0n;
  const splitPending = (data?.[7]?.result as bigint | undefined) ?? 0n;
  const now = BigInt(Math.floor(Date.now() / 1000));
  const liveOffers = offers
    .map((o, i) => {
      const r = offerReads.data?.[i]?.result as readonly [bigint, bigint] | undefined;
      return r && r[0] > 0n && r[1] >= now ? { buyer: o.buyer, amount: r[0], expiry: r[1] } : null;
    })
    .filter((o): o is { buyer: Address; amount: bigint; expiry: bigint } => o !== null);

  const isOwner = viewer !== undefined && owner !== null && owner === viewer;
  const listingBreakdown = useBreakdown(id, listing?.price ?? null).breakdown;
  const listBreakdown = useBreakdown(id, listPrice).breakdown;
  const newPriceBreakdown = useBreakdown(id, newPrice).breakdown;
  const offerBreakdown = useBreakdown(id, offerAmount).breakdown;
  const acceptBreakdown = useBreakdown(id, liveOffers[0]?.amount ?? null).breakdown;

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
  if (reads.isLoading) return <p aria-busy="true">Reading the track’s market state…</p>;

  const account = viewer;
  const approveStep = (): TxStep[] =>
    approved === market.address
      ? []
      : [
          {
            label: 'Approve the market to transfer this track',
            send: async () =>
              writeContract(
                config,
                (
                  await simulateContract(config, {
                    ...collection,
                    functionName: 'approve',
                    args: [market.address, id],
                    account,
                  })
                ).request,
              ),
          },
        ];
  const marketStep = <
    F extends
      'list' | 'updateListing' | 'cancelListing' | 'buy' | 'makeOffer' | 'cancelOffer' | 'acceptOffer' | 'withdraw',
  >(
    label: string,
    params: { functionName: F; args: readonly unknown[]; value?: bigint },
  ): TxStep => ({
    label,
    send: async () => {
      const { request } = await simulateContract(config, { ...market, account, ...params } as Parameters<
        typeof simulateContract
      >[1]);
      return writeContract(config, request);
    },
  });
  // The three places that credit the viewer (pull payments), each withdrawn with its own contract's `withdraw`.
  const credits = [
    {
      source: 'Market',
      amount: marketCredits,
      title: 'Withdraw market credits',
      from: 'from the market',
      send: marketStep('Withdraw', { functionName: 'withdraw', args: [account] }).send,
    },
    {
      source: 'Voucher sales',
      amount: collectionCredits,
      title: 'Withdraw voucher proceeds',
      from: 'of voucher proceeds',
      send: async () =>
        writeContract(
          config,
          (await simulateContract(config, { ...collection, functionName: 'withdraw', args: [account], account }))
            .request,
        ),
    },
    {
      source: 'Royalty splits',
      amount: splitBalance,
      title: 'Withdraw split earnings',
      from: 'from splits',
      send: async () =>
        writeContract(
          config,
          (
            await simulateContract(config, {
              ...splitMain,
              functionName: 'withdraw',
              args: [account, true, []],
              account,
            })
          ).request,
        ),
    },
  ];

  return (
    <div className="track-actions">
      <TxStatus state={tx.state} />

      {isOwner && !listing && (
        <form
          aria-label="List for sale"
          onSubmit={(e) => {
            e.preventDefault();
            // Every listing expires (the market refuses one without an end); it also dies for good once the track moves.
            const expiry = BigInt(Math.floor(Date.now() / 1000) + Number(listDays) * 86_400);
            if (listPrice)
              void tx
                .run('List for sale', [
                  ...approveStep(),
                  marketStep('List', { functionName: 'list', args: [collection.address, id, listPrice, expiry] }),
                ])
                .then((ok) => ok && setPriceText(''));
          }}
        >
          <h3>List for sale</h3>
          <label>
            {amountLabel('Price', currency)}{' '}
            <input
              name="price"
              inputMode="decimal"
              value={priceText}
              onChange={(e) => setPriceText(e.target.value)}
              required
              aria-describedby="list-fee"
            />
          </label>
          <label>
            Listed for{' '}
            <select name="listDays" value={listDays} onChange={(e) => setListDays(e.target.value)}>
              <option value="1">1 day</option>
              <option value="7">7 days</option>
              <option value="30">30 days</option>
              <option value="90">90 days</option>
              <option value="365">1 year</option>
            </select>
          </label>
          <div id="list-fee">
            <FeeBreakdown breakdown={listBreakdown} perspective="seller" label="Fees if it sells at this price" />
          </div>
          {approved !== market.address && (
            <p className="muted">Two transactions: approve the market for this track, then list it.</p>
          )}
          <button type="submit" disabled={!listPrice || tx.busy}>
            List for {listPrice ? eth(listPrice) : '…'}
          </button>
        </form>
      )}

      {isOwner && listing && (
        <section aria-label="Your listing">
          <h3>Listed for {eth(listing.price)}</h3>
          <p className="muted">Until {new Date(Number(listing.expiry) * 1000).toLocaleString()}</p>
          <FeeBreakdown breakdown={listingBreakdown} perspective="seller" label="Fees at the listed price" />
          <form
            aria-label="Change price"
            onSubmit={(e) => {
              e.preventDefault();
              if (newPrice)
                void tx
                  .run('Change price', [
                    marketStep('Change price', {
                      functionName: 'updateListing',
                      args: [collection.address, id, newPrice],
                    }),
                  ])
                  .then((ok) => ok && setNewPriceText(''));
            }}
          >
            <label>
              {amountLabel('New price', currency)}{' '}
              <input
                name="newPrice"
                inputMode="decimal"
                value={newPriceText}
                onChange={(e) => setNewPriceText(e.target.value)}
                required
              />
            </label>
            {newPrice && (
              <FeeBreakdown breakdown={newPriceBreakdown} perspective="seller" label="Fees at the new price" />
            )}
            <button type="submit" disabled={!newPrice || tx.busy}>
              Change price
            </button>
          </form>
          <button
            type="button"
            disabled={tx.busy}
            onClick={() =>
              void tx.run('Cancel listing', [
                marketStep('Cancel listing', { functionName: 'cancelListing', args: [collection.address, id] }),
              ])
            }
          >
            Cancel listing
          </button>
        </section>
      )}

      {isOwner && liveOffers.length > 0 && (
        <section aria-label="Offers">
          <h3>Offers</h3>
          <ul>
            {liveOffers.map((o, i) => (
              <li key={o.buyer}>
                {eth(o.amount)} from <span title={o.buyer}>{shortHex(o.buyer)}</span>, until{' '}
                {new Date(Number(o.expiry) * 1000).toLocaleString()}
                {i === 0 && (
                  <FeeBreakdown breakdown={acceptBreakdown} perspective="seller" label="Fees if you accept" />
                )}
                <button
                  type="button"
                  disabled={tx.busy}
                  // The seller accepts the platform fee shown above, and no more (a fee raised meanwhile cannot apply).
                  onClick={() =>
                    void tx.run('Accept offer', [
                      ...approveStep(),
                      marketStep('Accept offer', {
                        functionName: 'acceptOffer',
                        args: [collection.address, id, o.buyer, o.amount, acceptBreakdown?.feeBps ?? 0],
                      }),
                    ])
                  }
                >
                  Accept offer of {eth(o.amount)} from {shortHex(o.buyer)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {!isOwner && listing && (
        <section aria-label="Buy">
          <h3>For sale: {eth(listing.price)}</h3>
          <FeeBreakdown breakdown={listingBreakdown} perspective="buyer" label="What the price pays" />
          <button
            type="button"
            disabled={tx.busy}
            onClick={() =>
              void tx.run('Buy', [
                marketStep('Buy', { functionName: 'buy', args: [collection.address, id], value: listing.price }),
              ])
            }
          >
            Buy for {eth(listing.price)}
          </button>
        </section>
      )}

      {!isOwner && owner && myOffer && myOffer[0] > 0n && (
        <section aria-label="Your offer">
          <h3>Your offer: {eth(myOffer[0])}</h3>
          <p className="muted">
            Escrowed until {new Date(Number(myOffer[1]) * 1000).toLocaleString()}; cancelling credits it back to
            withdraw.
          </p>
          <button
            type="button"
            disabled={tx.busy}
            onClick={() =>
              void tx.run('Cancel offer', [
                marketStep('Cancel offer', { functionName: 'cancelOffer', args: [collection.address, id] }),
              ])
            }
          >
            Cancel offer
          </button>
        </section>
      )}

      {!isOwner && owner && !(myOffer && myOffer[0] > 0n) && (
        <form
          aria-label="Make an offer"
          onSubmit={(e) => {
            e.preventDefault();
            const days = Number(offerDays);
            if (!offerAmount || !(days >= 1 && days <= 90)) return;
            const expiry = BigInt(Math.floor(Date.now() / 1000) + Math.round(days * 86_400));
            void tx
              .run('Make offer', [
                marketStep('Make offer', {
                  functionName: 'makeOffer',
                  args: [collection.address, id, expiry],
                  value: offerAmount,
                }),
              ])
              .then((ok) => ok && setOfferText(''));
          }}
        >
          <h3>Make an offer</h3>
          <label>
            {amountLabel('Amount', currency)}{' '}
            <input
              name="offer"
              inputMode="decimal"
              value={offerText}
              onChange={(e) => setOfferText(e.target.value)}
              required
            />
          </label>{' '}
          <label>
            Valid for (days){' '}
            <input
              name="days"
              type="number"
              min={1}
              max={90}
              value={offerDays}
              onChange={(e) => setOfferDays(e.target.value)}
              required
            />
          </label>
          <p className="muted">
            The amount is escrowed in the market until the owner accepts, you cancel, or it expires.
          </p>
          {offerAmount && (
            <FeeBreakdown breakdown={offerBreakdown} perspective="buyer" label="Fees if the offer is accepted" />
          )}
          <button type="submit" disabled={!offerAmount || tx.busy}>
            Offer {offerAmount ? eth(offerAmount) : '…'}
          </button>
        </form>
      )}

      <section aria-label="Your credits">
        <h3>Your credits</h3>
        <p className="muted">
          Sale proceeds, royalties and cancelled offers are credited to you; withdraw them to your wallet.
        </p>
        <ul>
          {credits.map((c) => (
            <li key={c.source}>
              {c.source}: {eth(c.amount)}{' '}
              {c.amount > 0n && (
                <button
                  type="button"
                  disabled={tx.busy}
                  onClick={() => void tx.run(c.title, [{ label: 'Withdraw', send: c.send }])}
                >
                  Withdraw {eth(c.amount)} {c.from}
                </button>
              )}
            </li>
          ))}
        </ul>
        {split && splitPending > 0n && (
          <p>
            This track’s split has {eth(splitPending)} of royalties in the market.{' '}
            <button
              type="button"
              disabled={tx.busy}
              onClick={() =>
                void tx.run('Distribute split royalties', [
                  marketStep('Release royalties to the split', { functionName: 'withdraw', args: [split.address] }),
                  {
                    label: 'Distribute to the payees',
                    send: async () =>
                      writeContract(
                        config,
                        (
                          await simulateContract(config, {
                            ...splitMain,
                            functionName: 'distributeETH',
                            args: [split.address, split.accounts, split.shares],
                            account,
                          })
                        ).request,
                      ),
                  },
                ])
              }
            >
              Release and distribute {eth(splitPending)} to the split’s payees
            </button>
          </p>
        )}
      </section>
    </div>
  );
}
