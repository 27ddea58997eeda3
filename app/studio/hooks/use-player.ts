'use client';
/** Playback with Tone.js (loaded on the first Play), the loop switch and the piano roll's playhead. */
import { useCallback, useEffect, useRef, useState, type Dispatch, type RefObject } from 'react';
import type { Arrangement } from '../../../lib/generation/arrangement/types';
import type { TonePlayer } from '../../../lib/generation/render/tone-player';
import type { StatusEvent } from '../../../lib/studio/status';
import { PIANO_ROLL_STEP_W } from '../piano-roll';

export type Player = {
  playing: boolean;
  loop: boolean;
  playheadRef: RefObject<SVGLineElement | null>;
  toggle(): Promise<void>;
  stop(): void;
  setLoop(on: boolean): void;
};

export function usePlayer(arrangement: Arrangement | null, dispatch: Dispatch<StatusEvent>): Player {
  const playerRef = useRef<TonePlayer | null>(null);
  const playheadRef = useRef<SVGLineElement | null>(null);
  const [playing, setPlaying] = useState(false);
  const [loop, setLoopState] = useState(true);

  useEffect(() => () => playerRef.current?.dispose(), []);

  // keep the player in step with the arrangement
  useEffect(() => {
    if (arrangement && playerRef.current?.ready) playerRef.current.load(arrangement);
  }, [arrangement]);

  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    const tick = () => {
      const x = String((playerRef.current?.positionSteps() ?? 0) * PIANO_ROLL_STEP_W);
      playheadRef.current?.setAttribute('x1', x);
      playheadRef.current?.setAttribute('x2', x);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing]);

  const toggle = useCallback(async () => {
    if (!arrangement) return;
    try {
      if (!playerRef.current) {
        const { TonePlayer } = await import('../../../lib/generation/render/tone-player');
        playerRef.current = new TonePlayer();
      }
      const player = playerRef.current;
      await player.unlock();
      player.load(arrangement);
      player.setLoop(loop);
      if (player.playing) {
        player.stop();
        setPlaying(false);
      } else {
        player.play();
        setPlaying(true);
      }
      dispatch({ type: 'clear-error' });
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      dispatch({
        type: 'error',
        message: e.name === 'AudioBlockedError' ? e.message : `Audio could not start: ${e.message}`,
      });
    }
  }, [arrangement, loop, dispatch]);

  const stop = useCallback(() => {
    playerRef.current?.stop();
    setPlaying(false);
    playheadRef.current?.setAttribute('x1', '0');
    playheadRef.current?.setAttribute('x2', '0');
  }, []);

  const setLoop = useCallback((on: boolean) => {
    setLoopState(on);
    playerRef.current?.setLoop(on);
  }, []);

  return { playing, loop, playheadRef, toggle, stop, setLoop };
}
