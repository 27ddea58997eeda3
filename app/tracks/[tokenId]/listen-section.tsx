import { shortHex } from '../../../lib/format/short-hex';
import { coverUrl, streamUrl } from '../../../lib/tracks/media-urls';
import type { TrackView } from '../../../lib/tracks/track-page';
import type { People } from '../../../lib/profiles/display-names';
import { PlayButton } from '../../_components/player/play-button';

/**
 * Listen: the cover (only when the track's folder is readable here: never a broken image), the play button and the
 * downloads; a track whose folder is not known yet says so.
 */
export function ListenSection({ view, title, names }: { view: TrackView; title: string; names: People['names'] }) {
  const { track, provenance: p } = view;
  return (
    <>
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
    </>
  );
}
