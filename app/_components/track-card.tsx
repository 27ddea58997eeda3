import Link from 'next/link';
import { getAddress } from 'viem';
import type { GalleryItem } from '../../lib/gallery/list-tracks';
import { shortHex } from '../../lib/format/short-hex';
import type { QueuedTrack } from '../../lib/player/queue';
import type { TokenCurrency } from '../../lib/format/amount';
import { currencyOf, formatAmount, type Currency } from '../../lib/format/amount';
import { PlayableList } from './player/player-context';
import { PlayButton } from './player/play-button';
import { coverUrl, streamUrl } from '../../lib/tracks/media-urls';
import { peopleOf, type People } from '../../lib/profiles/display-names';
import { getServices } from '../../lib/platform/services';
import { AccountAvatar } from './account-name';

/** A track's title as the cards show it: its indexed title, or the start of its id until the metadata resolves. */
export function trackTitle(track: Pick<GalleryItem, 'title' | 'tokenId'>): string {
  return track.title ?? `Track ${track.tokenId.slice(0, 8)}…`;
}

/** A card's track as the player bar queues it: its audio on this node's gateway and its page (or collect page). */
export function queuedTrackOf(track: GalleryItem, href = `/tracks/${track.tokenId}`): QueuedTrack {
  return {
    id: track.tokenId,
    title: trackTitle(track),
    by: track.creatorName ?? shortHex(track.creator),
    src: streamUrl(track.contentCid),
    href,
  };
}

/**
 * A grid of cards whose play buttons queue the whole grid, in order (Next in the player bar plays the next card).
 * Loads the creators' uploaded avatars (one query for the grid).
 */
export async function TrackGrid<T extends GalleryItem>({
  tracks,
  currency,
  tokens = [],
  heading,
  collectAt,
}: {
  tracks: readonly T[];
  currency: Currency;
  /** The ERC-20s a listing may be priced in (issue #20): a token price shows in its token. */
  tokens?: readonly TokenCurrency[];
  heading?: 'h2' | 'h3';
  /** For collectables (open vouchers): each card's collect page. */
  collectAt?: (track: T) => string;
}) {
  const people = await peopleOf(
    (await getServices()).prisma,
    tracks.map((t) => t.creator),
  );
  return (
    <PlayableList tracks={tracks.map((t) => queuedTrackOf(t, collectAt?.(t)))}>
      <ul className="track-grid">
        {tracks.map((t) => (
          <TrackCard
            key={t.tokenId}
            track={t}
            currency={currencyOf(t.currency, currency, tokens)}
            people={people}
            {...(heading ? { heading } : {})}
            {...(collectAt ? { collectAt: collectAt(t) } : {})}
          />
        ))}
      </ul>
    </PlayableList>
  );
}

/**
 * One indexed track as a card (gallery and home): its cover (the piano roll drawn at publish, from the pinned
 * folder), the title linking to its track page, the creator by profile name (else the short address), the price
 * and a play button that streams the audio from this node's IPFS gateway in the site's player bar.
 */
export function TrackCard({
  track,
  currency,
  heading: Heading = 'h2',
  collectAt,
  people,
}: {
  track: GalleryItem;
  /** The creator's name and uploaded avatar (the card's own creatorName is the name when absent). */
  people?: People;
  /** The currency of the track's price (its listing's token, or the native currency). */
  currency: Currency;
  heading?: 'h2' | 'h3';
  /** A collectable (open voucher, not minted yet): the card links to its collect page at this path instead. */
  collectAt?: string;
}) {
  const title = trackTitle(track);
  const href = collectAt ?? `/tracks/${track.tokenId}`;
  return (
    <li className="track-card" data-token-id={track.tokenId} data-collectable={collectAt ? 'true' : undefined}>
      {/* The cover repeats the title link for the mouse; keyboard and screen readers use the title's own link. */}
      <Link href={href} className="track-card-cover" tabIndex={-1} aria-hidden="true">
        {/* eslint-disable-next-line @next/next/no-img-element -- the cover from our own gateway, already sized */}
        <img src={coverUrl(track.contentCid)} alt="" width={480} height={240} loading="lazy" />
      </Link>
      <Heading>
        <Link href={href}>{title}</Link>
      </Heading>
      <p className="muted">
        by{' '}
        <Link href={`/profiles/${track.creator}`} title={track.creator} className="track-card-creator account-name">
          <AccountAvatar address={getAddress(track.creator)} src={people?.avatars.get(getAddress(track.creator))} />
          {track.creatorName ?? shortHex(track.creator)}
        </Link>
        {track.genre ? ` · ${track.genre}` : ''}
        {track.musicalKey ? ` · ${track.musicalKey}` : ''}
        {track.bpm ? ` · ${track.bpm} BPM` : ''}
      </p>
      <PlayButton track={queuedTrackOf(track, href)} />
      <p className="track-card-price">
        {collectAt && <span className="badge">Collectable</span>}{' '}
        {track.priceWei ? (
          <strong>{formatAmount(track.priceWei, currency)}</strong>
        ) : (
          <span className="muted">Not for sale</span>
        )}
      </p>
    </li>
  );
}
