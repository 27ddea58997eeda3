import type { Metadata } from 'next';
import { cache } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LICENCES } from '../../../lib/contracts/licences';
import { SPLIT_SHARE_SCALE } from '../../../lib/splits';
import { shortHex } from '../../../lib/format/short-hex';
import { currencyOf, formatAmount } from '../../../lib/format/amount';
import { accountsInEvent, describeEvent } from '../../../lib/activity/describe-event';
import { serverCurrency, serverTokenCurrencies } from '../../_components/server-currency';
import { trackIdOf } from '../../../lib/contracts/track-id';
import { tokenIdFromParam, TrackNotFoundError, type TrackView } from '../../../lib/tracks/track-page';
import { loadTrack } from './load-track';
import { parseSignedVoucher } from '../../../lib/vouchers/signed-voucher';
import { RedeemVoucher } from './redeem-voucher';
import { TrackActions } from './track-actions';
import { EditionSection } from './edition/edition-section';
import { PlayButton } from '../../_components/player/play-button';
import { presetForChainId } from '../../../lib/config/chains';
import { ORIGIN_NOTE } from '../../../lib/provenance/origin-link';
import { AccountName } from '../../_components/account-name';
import { peopleJson, peopleOf, type People } from '../../../lib/profiles/display-names';
import { getServices } from '../../../lib/platform/services';
import { getAddress } from 'viem';
import { ShareButton } from '../../_components/share-button';
import { shareMetadata } from '../../_components/share-metadata';
import { findTrackVoucher } from '../../../lib/vouchers/find-track-voucher';
import { coverUrl, streamUrl } from '../../../lib/tracks/media-urls';

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
  const p = view.provenance;
  const sales = view.history.filter(
    (e) => e.name === 'Sale' || e.name === 'SaleInCurrency' || e.name === 'VoucherRedeemed',
  );
  const currency = await serverCurrency();
  const tokens = await serverTokenCurrencies();
  // an amount in the ERC-20 at `token` (null: native): a token price never reads as the native currency (issue #20)
  const priced = (baseUnits: bigint | string, token: string | null) =>
    formatAmount(baseUnits, currencyOf(token, currency, tokens));
  const lastSale = sales.at(-1);
  const people = await peopleOnPage(view);
  const { names } = people;

  return (
    <article className="track-page" data-token-id={view.tokenId}>
      <h1>{title}</h1>
      {track ? (
        <p className="muted">
          by <AccountName address={track.creator} people={people} /> · owned by{' '}
          <span data-testid="track-owner">
            <AccountName address={track.owner} people={people} />
          </span>
          {track.genre ? ` · ${track.genre}` : ''}
          {track.musicalKey ? ` · ${track.musicalKey}` : ''}
          {track.bpm ? ` · ${track.bpm} BPM` : ''}
        </p>
      ) : (
        <p className="muted" data-testid="track-owner">
          Not minted yet (or not indexed yet).
          {stored && (
            <>
              {' '}
              <Link href={`/c/${stored.shortId}`}>Collect it from its creator’s voucher</Link>.
            </>
          )}
        </p>
      )}
      {track && track.authorship !== 'verified' && (
        <p className="status-bad" role="status" data-testid="track-authorship">
          {track.authorship === 'unverified'
            ? `Unverified: ${track.authorshipReason ?? 'the signed manifest does not match this mint'}.`
            : 'Authorship not checked yet: the signed manifest has not been read.'}{' '}
          Only the person who signed a track’s manifest can mint it as theirs; until this token is verified it is left
          out of the gallery.
        </p>
      )}
      {track?.description && <p>{track.description}</p>}
      {track && <ShareButton title={title} path={`/tracks/${view.tokenId}`} />}

      {view.cid ? (
        <section aria-labelledby="player-heading" className="player">
          <h2 id="player-heading">Listen</h2>
          {p ? (
            <figure>
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={coverUrl(view.cid)} alt={`Cover of ${title}`} width={480} height={240} />
              <figcaption className="muted">
                Cover art (the piano roll drawn from the track’s MIDI unless the creator uploaded one).
              </figcaption>
            </figure>
          ) : (
            // the folder (its manifest) cannot be read here: no cover to show, rather than a broken image
            <p className="muted" data-testid="no-cover">
              No cover: the track’s folder is not readable from this node’s IPFS store.
            </p>
          )}
          <PlayButton
            track={{
              id: view.tokenId,
              title,
              by: track ? (names.get(track.creator) ?? shortHex(track.creator)) : 'unknown creator',
              src: streamUrl(view.cid),
              href: `/tracks/${view.tokenId}`,
            }}
          />
          <p>
            <a href={`/ipfs/${view.cid}/audio.wav`} download>
              WAV (lossless)
            </a>{' '}
            ·{' '}
            <a href={`/ipfs/${view.cid}/track.mid`} download>
              MIDI
            </a>{' '}
            · <a href={`/ipfs/${view.cid}/metadata.json`}>metadata.json</a> ·{' '}
            <a href={`/ipfs/${view.cid}/manifest.json`}>manifest.json</a> · folder <code>{view.cid}</code>
          </p>
        </section>
      ) : (
        <p className="muted">
          This track is not minted, and no voucher for it is linked: its folder is not known here yet.
        </p>
      )}

      {p && (
        <section aria-labelledby="disclosure-heading" className="ai-disclosure" data-testid="ai-disclosure">
          <h2 id="disclosure-heading">AI disclosure: {p.disclosure.label}</h2>
          <p>
            <strong>What the model did:</strong> {p.disclosure.model}
          </p>
          <p>
            <strong>What the person did:</strong> {p.disclosure.personLine}
          </p>
        </section>
      )}

      {p?.origin && (
        <section aria-labelledby="origin-heading" data-testid="track-origin">
          <h2 id="origin-heading">First minted on another chain</h2>
          <p>
            First minted as token <code>{p.origin.tokenId}</code> of <code>{p.origin.contract}</code> on chain{' '}
            {p.origin.chainId}
            {presetForChainId(p.origin.chainId) ? ` (${presetForChainId(p.origin.chainId)?.chain.name})` : ''}.
          </p>
          <p className="muted">{ORIGIN_NOTE}</p>
        </section>
      )}

      <section aria-labelledby="provenance-heading">
        <h2 id="provenance-heading">Provenance</h2>
        {p ? (
          <dl>
            <dt>Model</dt>
            <dd>
              {p.modelId} <span className="muted">(weights {p.weightsCid.slice(0, 16)}…)</span>
            </dd>
            <dt>Seed</dt>
            <dd>
              <code>{p.seed}</code> · temperature {p.temperature} · {p.sampler}
            </dd>
            <dt>Generation</dt>
            <dd>
              {p.bars} bars in {p.key} at {p.tempo} BPM; after the edits: {p.disclosure.now}
            </dd>
            <dt>Human edits</dt>
            <dd>
              {p.edits.total === 0
                ? 'none'
                : `${p.edits.total} (${Object.entries(p.edits.byKind)
                    .map(([kind, n]) => `${n} ${kind}`)
                    .join(', ')})`}
            </dd>
            <dt>AI disclosure</dt>
            <dd>
              {p.humanEdited
                ? 'Composite with trained algorithmic media (AI output edited by a person)'
                : 'Trained algorithmic media (AI output, no human edits)'}{' '}
              — <a href={p.digitalSourceType}>IPTC digital source type</a>
            </dd>
            <dt>Created</dt>
            <dd>{new Date(p.createdAt).toUTCString()}</dd>
          </dl>
        ) : (
          <p className="muted">The signed manifest is not available from this node’s IPFS store.</p>
        )}
        {track && <p>Licence: {LICENCES[track.licence] ?? `#${track.licence}`}</p>}
        <p>
          <Link className="button" href={`/verify?id=${view.tokenId}`}>
            Verify this track
          </Link>{' '}
          — replays the generation and checks every file, the signature and the chain record.
        </p>
      </section>

      {track && (
        <section aria-labelledby="royalty-heading">
          <h2 id="royalty-heading">Royalty</h2>
          <p>
            {track.royaltyBps / 100}% of every resale to <AccountName address={track.royaltyReceiver} people={people} />
            {view.split ? ', a split:' : '.'}
          </p>
          {view.split && (
            <table>
              <caption>Split recipients</caption>
              <thead>
                <tr>
                  <th scope="col">Payee</th>
                  <th scope="col">Share</th>
                </tr>
              </thead>
              <tbody>
                {view.split.accounts.map((a, i) => (
                  <tr key={a}>
                    <td>
                      <AccountName address={a} people={people} />
                    </td>
                    <td>{((view.split!.shares[i] ?? 0) / (SPLIT_SHARE_SCALE / 100)).toFixed(2)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

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

      {track && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">Ownership and sale history</h2>
          {sales.length > 0 && (
            <p>
              {sales.length} sale{sales.length === 1 ? '' : 's'}; last{' '}
              {priced(
                String(lastSale?.args.price),
                lastSale?.name === 'SaleInCurrency' ? String(lastSale.args.currency) : null,
              )}
              .
            </p>
          )}
          <ol className="history" data-testid="history">
            {view.history
              .filter((e) => e.name !== 'Approval')
              .map((e) => (
                <li key={`${e.txHash}-${e.logIndex}`}>
                  {describeEvent(e.name, e.args, currency, { names, tokens })}{' '}
                  <span className="muted">block {e.blockNumber}</span>
                </li>
              ))}
          </ol>
        </section>
      )}
    </article>
  );
}
