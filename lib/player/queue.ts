/**
 * The listening queue behind the site's one player bar: which tracks are queued and which one plays. Pure state
 * transitions (a reducer), so the bar, the play buttons and their tests share one rule for what "play", "next" and
 * "ended" mean; the bar owns the single <audio> element that keeps playing across client-side navigation.
 */

/** A playable track: where its audio streams from and the page it belongs to. */
export type QueuedTrack = {
  /** Unique within the queue: the token id, or the folder CID for a track that is not minted yet. */
  id: string;
  title: string;
  /** The creator as the page shows them (profile name, else a short address). */
  by: string;
  /** The audio's URL on this node's gateway. */
  src: string;
  /** The track's own page. */
  href: string;
};

export type QueueState = {
  tracks: readonly QueuedTrack[];
  /** The index of the track in the bar, or null when nothing is loaded. */
  current: number | null;
  /** Bumped on every explicit play, so playing the same track again restarts it. */
  playToken: number;
};

export type QueueAction =
  /** Play this track now; `list` (the cards on the page, in order) becomes the queue, so Next plays the next card. */
  | { type: 'play'; track: QueuedTrack; list?: readonly QueuedTrack[] }
  /** Add to the end of the queue (once: a track already queued stays where it is). */
  | { type: 'enqueue'; track: QueuedTrack }
  | { type: 'next' }
  | { type: 'previous' }
  /** The audio reached its end: the next track; after the last, it stays in the bar, stopped. */
  | { type: 'ended' }
  | { type: 'remove'; id: string }
  | { type: 'clear' };

export const EMPTY_QUEUE: QueueState = { tracks: [], current: null, playToken: 0 };

/** The largest queue kept: the bar lists it, and a gallery page of cards is far smaller. */
export const MAX_QUEUE = 100;

function withoutDuplicates(list: readonly QueuedTrack[]): QueuedTrack[] {
  const seen = new Set<string>();
  return list.filter((t) => (seen.has(t.id) ? false : (seen.add(t.id), true)));
}

export function queueReducer(state: QueueState, action: QueueAction): QueueState {
  switch (action.type) {
    case 'play': {
      const list = withoutDuplicates(action.list?.some((t) => t.id === action.track.id) ? action.list : [action.track]);
      const at = list.findIndex((t) => t.id === action.track.id);
      // keep a window of the list around the played track within the cap
      const start = Math.max(0, Math.min(at, list.length - MAX_QUEUE));
      const tracks = list.slice(start, start + MAX_QUEUE);
      return { tracks, current: at - start, playToken: state.playToken + 1 };
    }
    case 'enqueue': {
      if (state.tracks.some((t) => t.id === action.track.id) || state.tracks.length >= MAX_QUEUE) return state;
      const tracks = [...state.tracks, action.track];
      return { ...state, tracks, current: state.current ?? tracks.length - 1 };
    }
    case 'next':
    case 'ended': {
      if (state.current === null) return state;
      if (state.current + 1 < state.tracks.length)
        return { ...state, current: state.current + 1, playToken: state.playToken + 1 };
      return state; // the last track stays in the bar, stopped at its end
    }
    case 'previous': {
      if (state.current === null || state.current === 0) return state;
      return { ...state, current: state.current - 1, playToken: state.playToken + 1 };
    }
    case 'remove': {
      const at = state.tracks.findIndex((t) => t.id === action.id);
      if (at < 0) return state;
      const tracks = state.tracks.filter((_, i) => i !== at);
      let current = state.current;
      if (current !== null) {
        if (at < current) current -= 1;
        else if (at === current) current = current < tracks.length ? current : null;
      }
      return { ...state, tracks, current: tracks.length === 0 ? null : current };
    }
    case 'clear':
      return { ...EMPTY_QUEUE, playToken: state.playToken };
  }
}

/** The track in the bar, if any. */
export function nowPlaying(state: QueueState): QueuedTrack | null {
  return state.current === null ? null : (state.tracks[state.current] ?? null);
}
