'use client';

import { createContext, useContext, useReducer, type Dispatch, type ReactNode } from 'react';
import {
  EMPTY_QUEUE,
  queueReducer,
  type QueueAction,
  type QueuedTrack,
  type QueueState,
} from '../../../lib/player/queue';
import { PlayerBar } from './player-bar';

const QueueContext = createContext<{ state: QueueState; dispatch: Dispatch<QueueAction> } | null>(null);
/** The cards around a play button (the page's list), so Next plays the next card. */
const ListContext = createContext<readonly QueuedTrack[] | undefined>(undefined);

/**
 * The site's one player: it lives in the root layout, above the pages, so a client-side navigation (next/link)
 * keeps its <audio> element, and the music, playing while the listener moves on.
 */
export function PlayerProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(queueReducer, EMPTY_QUEUE);
  return (
    <QueueContext.Provider value={{ state, dispatch }}>
      {children}
      <PlayerBar state={state} dispatch={dispatch} />
    </QueueContext.Provider>
  );
}

/** Marks a list of tracks (a page's cards) as the queue a play button inside it starts. */
export function PlayableList({ tracks, children }: { tracks: readonly QueuedTrack[]; children: ReactNode }) {
  return <ListContext.Provider value={tracks}>{children}</ListContext.Provider>;
}

export function usePlayer(): {
  state: QueueState;
  dispatch: Dispatch<QueueAction>;
  list: readonly QueuedTrack[] | undefined;
} {
  const queue = useContext(QueueContext);
  const list = useContext(ListContext);
  if (!queue) throw new Error('usePlayer needs the PlayerProvider of the root layout');
  return { ...queue, list };
}
