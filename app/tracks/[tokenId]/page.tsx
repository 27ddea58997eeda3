import type { Metadata } from 'next';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { shortHex } from '../../../lib/format/short-hex';
import { currencyOf, formatAmount } from '../../../lib/format/amount';
import { accountsInEvent } from '../../../lib/activity/describe-event';
import { serverCurrency, serverTokenCurrencies } from '../../_components/server-currency';
import { trackIdOf } from '../../../lib/contracts/track-id';
import { tokenIdFromParam, TrackNotFoundError, type TrackView } from '../../../lib/tracks/track-page';
import { loadTrack } from './load-track';
import { parseSignedVoucher } from '../../../lib/vouchers/signed-voucher';
import { RedeemVoucher } from './redeem-voucher';
import { TrackActions } from './track-actions';
import { EditionSection } from './edition/edition-section';
import { TrackHeading } from './track-heading';
import { ListenSection } from './listen-section';
import { ProvenanceSections } from './provenance-sections';
import { RoyaltySection } from './royalty-section';
import { HistorySection } from './history-section';
import { AccountName } from '../../_components/account-name';
import { peopleJson, peopleOf, type People } from '../../../lib/profiles/display-names';
import { getServices } from '../../../lib/platform/services';
import { getAddress } from 'viem';
import { shareMetadata } from '../../_components/share-metadata';
import { findTrackVoucher } from '../../../lib/vouchers/find-track-voucher';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ tokenId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The content digest of a voucher linked inline (`?voucher=<JSON>`) when it is for this token id. */
function voucherContentFor(tokenId: bigint, voucherParam: string | null): `0x${string}` | undefined {
  if (!voucherParam?.trim().startsWith('{')) return undefined;
  const parsed = parseSignedVoucher(voucherParam);
  if (!parsed.ok) return undefined;
  const { creator, content } = parsed.value.voucher;
  return trackIdOf(creator, content) === tokenId ? content : undefined;
}

/** Every person the page shows (name and avatar): one load per request, shared by the metadata and the page. */
const peopleOnPage = cache(async (view: TrackView): Promise<People> =>
  peopleOf((await getServices()).prisma, [
    ...(view.track ? [view.track.creator, view.track.owner, view.track.royaltyReceiver] : []),
    ...(view.split?.accounts ?? []),
    ...(view.listing ? [view.listing.seller] : []),
    ...view.history.flatMap((e) => accountsInEvent(e.args)),
  ]),
);

async function load(param: string, voucherParam: string | null = null): Promise<TrackView> {
  try {
    const tokenId = tokenIdFromParam(param);
    return await loadTrack(tokenId, voucherContentFor(tokenId, voucherParam));
  } catch (error) {
    if (error instanceof TrackNotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { tokenId } = await params;
  try {
    const query = await searchParams;
    const voucherParam = typeof query.voucher === 'string' ? query.voucher : null;
    const id = tokenIdFromParam(tokenId);
    // the same arguments as the page's load, so the request's cache answers both
    const view = await loadTrack(id, voucherContentFor(id, voucherParam));
    // the page answers 404 for it (below): titled as the not-found page
    if (!view.track && !view.cid && voucherParam === null) return { title: 'Not found' };
    const { track } = view;
    if (!track) {
      // not minted: a stored voucher for it names the track
      const { prisma, chainId } = await getServices();
      const stored = await findTrackVoucher(prisma, chainId, BigInt(view.tokenId));
      return { title: stored?.title ?? `Track ${view.tokenId.slice(0, 10)}…` };
    }
    if (!track.title) return { title: `Track ${view.tokenId.slice(0, 10)}…` };
    const { names } = await peopleOnPage(view);
    return await shareMetadata({
      title: track.title,
      creator: names.get(getAddress(track.creator)) ?? shortHex(track.creator),
      path: `/tracks/${view.tokenId}`,
      contentCid: view.cid,
      card: `/tracks/${view.tokenId}/share.png`,
    });
  } catch {
    return { title: 'Track' };
  }
}

export default async function TrackPage({ params, searchParams }: Props) {
  const { tokenId } = await params;
  const query = await searchParams;
  const voucherParam = typeof query.voucher === 'string' ? query.voucher : null;
  const view = await load(tokenId, voucherParam);
  // Not indexed, not minted on chain and no voucher linked: no such track (a real 404, not an empty page). A page
  // with a voucher linked stays, so its redeem form can mint the token.
  if (!view.track && !view.cid && voucherParam === null) notFound();
  const { track } = view;
  // not minted: an open stored voucher for it gives its title and its collect page
  const services = await getServices();
  const stored = track ? null : await findTrackVoucher(services.prisma, services.chainId, BigInt(view.tokenId));
  const title = track?.title ?? stored?.title ?? `Track ${view.tokenId.slice(0, 10)}…`;
  const currency = await serverCurrency();
  const tokens = await serverTokenCurrencies();
  // an amount in the ERC-20 at `token` (null: native): a token price never reads as the native currency (issue #20)
  const priced = (baseUnits: bigint | string, token: string | null) =>
    formatAmount(baseUnits, currencyOf(token, currency, tokens));
  const people = await peopleOnPage(view);
  const { names } = people;

  return (
    <article className="track-page" data-token-id={view.tokenId}>
      <TrackHeading view={view} title={title} stored={stored} people={people} />

      <ListenSection view={view} title={title} names={names} />

      <ProvenanceSections view={view} />

      <RoyaltySection view={view} people={people} />

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">{track ? 'Trade' : 'Mint'}</h2>
        {view.listing && (
          <p>
            Listed for{' '}
            <strong data-testid="listing-price">{priced(view.listing.priceWei, view.listing.currency)}</strong> by{' '}
            <AccountName address={view.listing.seller} people={people} />
          </p>
        )}
        {track ? (
          <TrackActions tokenId={view.tokenId} offers={view.offers} split={view.split} people={peopleJson(people)} />
        ) : (
          <RedeemVoucher tokenId={view.tokenId} linked={voucherParam} />
        )}
      </section>

      {track && view.contentDigest && (
        <EditionSection
          tokenId={view.tokenId}
          creator={track.creator}
          contentDigest={view.contentDigest}
          refParam={typeof query.ref === 'string' ? query.ref : null}
        />
      )}

      <HistorySection view={view} currency={currency} tokens={tokens} names={names} />
    </article>
  );
}
