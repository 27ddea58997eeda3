import { describe, expect, it } from 'vitest';
import { EMPTY_QUEUE, MAX_QUEUE, nowPlaying, queueReducer, type QueueAction, type QueuedTrack } from './queue';

const track = (n: number): QueuedTrack => ({
  id: String(n),
  title: `Track ${n}`,
  by: `creator ${n}`,
  src: `/ipfs/bafy${n}/audio.wav`,
  href: `/tracks/${n}`,
});
const run = (...actions: QueueAction[]) => actions.reduce(queueReducer, EMPTY_QUEUE);
const cards = [track(1), track(2), track(3)];

describe('listening queue', () => {
  it('playing a card queues the page’s cards from it, and Next/Previous walk them', () => {
    let s = run({ type: 'play', track: track(2), list: cards });
    expect(nowPlaying(s)?.id).toBe('2');
    expect(s.tracks.map((t) => t.id)).toEqual(['1', '2', '3']);
    s = queueReducer(s, { type: 'next' });
    expect(nowPlaying(s)?.id).toBe('3');
    expect(queueReducer(s, { type: 'next' })).toBe(s); // Next on the last track keeps it
    s = queueReducer(queueReducer(s, { type: 'previous' }), { type: 'previous' });
    expect(nowPlaying(s)?.id).toBe('1');
    expect(queueReducer(s, { type: 'previous' })).toBe(s);
  });

  it('the end of a track plays the next, and the last stays in the bar, stopped', () => {
    const s = run({ type: 'play', track: track(2), list: cards }, { type: 'ended' });
    expect(nowPlaying(s)?.id).toBe('3');
    expect(s.playToken).toBe(2);
    expect(queueReducer(s, { type: 'ended' })).toBe(s);
  });

  it('every explicit play bumps the play token (the same track again restarts), stepping too; enqueue does not', () => {
    const a = run({ type: 'play', track: track(1) });
    const b = queueReducer(a, { type: 'play', track: track(1) });
    expect(b.playToken).toBe(a.playToken + 1);
    const c = queueReducer(b, { type: 'enqueue', track: track(5) });
    expect(c.playToken).toBe(b.playToken);
    expect(queueReducer(c, { type: 'next' }).playToken).toBe(c.playToken + 1);
  });

  it('a track played outside the list plays alone; duplicates in a list are queued once', () => {
    expect(run({ type: 'play', track: track(9), list: cards }).tracks.map((t) => t.id)).toEqual(['9']);
    const s = run({ type: 'play', track: track(2), list: [track(1), track(2), track(1), track(3)] });
    expect(s.tracks.map((t) => t.id)).toEqual(['1', '2', '3']);
    expect(nowPlaying(s)?.id).toBe('2');
  });

  it('enqueue appends once, loads the bar when empty, and respects the cap', () => {
    let s = run({ type: 'enqueue', track: track(1) });
    expect(nowPlaying(s)?.id).toBe('1');
    s = queueReducer(s, { type: 'enqueue', track: track(2) });
    expect(queueReducer(s, { type: 'enqueue', track: track(2) })).toBe(s);
    expect(nowPlaying(s)?.id).toBe('1');
    const full = Array.from({ length: MAX_QUEUE }, (_, i) => track(i)).reduce(
      (q, t) => queueReducer(q, { type: 'enqueue', track: t }),
      EMPTY_QUEUE,
    );
    expect(full.tracks).toHaveLength(MAX_QUEUE);
    expect(queueReducer(full, { type: 'enqueue', track: track(1000) })).toBe(full);
  });

  it('a long list keeps a window of the cap around the played track', () => {
    const list = Array.from({ length: 250 }, (_, i) => track(i));
    const s = run({ type: 'play', track: track(240), list });
    expect(s.tracks).toHaveLength(MAX_QUEUE);
    expect(nowPlaying(s)?.id).toBe('240');
    expect(s.tracks.at(-1)?.id).toBe('249');
  });

  it('removing keeps the playing track when another goes, and moves to the next when it goes itself', () => {
    const s = run({ type: 'play', track: track(2), list: cards });
    const before = queueReducer(s, { type: 'remove', id: '1' });
    expect(nowPlaying(before)?.id).toBe('2');
    expect(before.current).toBe(0);
    const itself = queueReducer(s, { type: 'remove', id: '2' });
    expect(nowPlaying(itself)?.id).toBe('3');
    const last = queueReducer(queueReducer(s, { type: 'next' }), { type: 'remove', id: '3' });
    expect(nowPlaying(last)).toBeNull();
    expect(queueReducer(s, { type: 'remove', id: 'nope' })).toBe(s);
    expect(queueReducer(run({ type: 'play', track: track(1) }), { type: 'remove', id: '1' })).toMatchObject({
      tracks: [],
      current: null,
    });
  });

  it('clear empties the queue but keeps counting plays', () => {
    const s = run({ type: 'play', track: track(1) }, { type: 'clear' });
    expect(s).toEqual({ tracks: [], current: null, playToken: 1 });
  });
});
