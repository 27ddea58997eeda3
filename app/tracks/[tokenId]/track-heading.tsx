import Link from 'next/link';
import type { TrackView } from '../../../lib/tracks/track-page';
import { AccountName, type PeopleLike } from '../../_components/account-name';
import { ShareButton } from '../../_components/share-button';

/**
 * The top of the track page: its title, creator and owner (name and avatar), the authorship warning when the mint is
 * not verified, the description and the share button. A track not minted yet links its stored voucher, if any.
 */
export function TrackHeading({
  view,
  title,
  stored,
  people,
}: {
  view: TrackView;
  title: string;
  stored: { shortId: string } | null;
  people: PeopleLike;
}) {
  const { track } = view;
  return (
    <>
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
    </>
  );
}
