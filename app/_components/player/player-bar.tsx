'use client';

import Link from 'next/link';
import { useEffect, useRef, useState, type Dispatch } from 'react';
import { nowPlaying, type QueueAction, type QueueState } from '../../../lib/player/queue';

/**
 * The persistent player bar: one <audio> element for the whole site (native controls: keyboard and screen-reader
 * operable), the playing track linked to its page, Previous/Next, and the queue as a disclosure. Hidden until
 * something is played.
 */
export function PlayerBar({ state, dispatch }: { state: QueueState; dispatch: Dispatch<QueueAction> }) {
  const audio = useRef<HTMLAudioElement>(null);
  const queueToggle = useRef<HTMLButtonElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [queueOpen, setQueueOpen] = useState(false);
  const track = nowPlaying(state);

  // A new explicit play (or Next/Previous/end) loads the track and starts it; removing a track only swaps the source.
  useEffect(() => {
    const el = audio.current;
    if (!el || !track || state.playToken === 0) return;
    setProblem(null);
    el.currentTime = 0; // playing the same track again restarts it
    el.play().catch((e: unknown) => {
      // the browser refused to start sound (autoplay policy) or the source failed: say so, the controls remain
      if (e instanceof DOMException && e.name === 'AbortError') return; // superseded by the next play
      setProblem(e instanceof Error ? e.message : String(e));
    });
    // the token changes exactly when playback should (re)start
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.playToken]);

  if (!track) return null;
  const at = state.current ?? 0;
  return (
    <section className="player-bar" aria-label="Player">
      <p className="player-now" aria-live="polite">
        <span className="muted">Now playing </span>
        <Link href={track.href}>{track.title}</Link> <span className="muted">by {track.by}</span>
      </p>
      <audio
        ref={audio}
        src={track.src}
        controls
        preload="metadata"
        aria-label={`Now playing: ${track.title}`}
        onEnded={() => dispatch({ type: 'ended' })}
        onError={() => setProblem(`The audio of “${track.title}” could not be loaded.`)}
      />
      <div className="player-controls">
        <button type="button" onClick={() => dispatch({ type: 'previous' })} disabled={at === 0}>
          Previous
        </button>
        <button type="button" onClick={() => dispatch({ type: 'next' })} disabled={at + 1 >= state.tracks.length}>
          Next
        </button>
        <button
          type="button"
          className="button-secondary"
          ref={queueToggle}
          aria-expanded={queueOpen}
          aria-controls="player-queue"
          onClick={() => setQueueOpen((o) => !o)}
        >
          Queue ({state.tracks.length})
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            dispatch({ type: 'clear' });
            focusMain(); // the bar goes away with this button: keep focus on the page, not the body
          }}
        >
          Close player
        </button>
      </div>
      {problem && (
        <p role="alert" className="status-bad">
          {problem}
        </p>
      )}
      {queueOpen && (
        <ol id="player-queue" className="player-queue" aria-label="Queue">
          {state.tracks.map((t, i) => (
            <li key={t.id} aria-current={i === at ? 'true' : undefined}>
              <Link href={t.href}>{t.title}</Link> <span className="muted">by {t.by}</span>{' '}
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  dispatch({ type: 'remove', id: t.id });
                  queueToggle.current?.focus(); // the removed row takes its button with it
                }}
              >
                Remove<span className="visually-hidden"> {t.title}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function focusMain(): void {
  const main = document.getElementById('main');
  if (!main) return;
  main.tabIndex = -1;
  main.focus();
}
