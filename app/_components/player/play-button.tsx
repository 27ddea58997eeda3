'use client';

import { nowPlaying, type QueuedTrack } from '../../../lib/player/queue';
import { usePlayer } from './player-context';

/** Play a track in the site's player bar (the page's list becomes the queue), or add it to the queue. */
export function PlayButton({ track, withQueue = true }: { track: QueuedTrack; withQueue?: boolean }) {
  const { state, dispatch, list } = usePlayer();
  const playing = nowPlaying(state)?.id === track.id;
  const queued = state.tracks.some((t) => t.id === track.id);
  return (
    <div className="play-actions">
      {/* The visible word starts the accessible name ("Play <title>"), as WCAG 2.5.3 asks; the state is aria-pressed. */}
      <button
        type="button"
        className="play-button"
        aria-pressed={playing}
        onClick={() => dispatch({ type: 'play', track, ...(list ? { list } : {}) })}
      >
        <span aria-hidden="true">▶ </span>
        Play<span className="visually-hidden"> {track.title}</span>
      </button>
      {withQueue && (
        <button
          type="button"
          className="button-secondary"
          disabled={queued}
          onClick={() => dispatch({ type: 'enqueue', track })}
        >
          {queued ? 'Queued' : 'Queue'}
          <span className="visually-hidden"> {track.title}</span>
        </button>
      )}
    </div>
  );
}
