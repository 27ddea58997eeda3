import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cleanEvaluationSplits, evaluationRemovals, passageKey, splitRecord, type SplitPiece } from './hygiene';

/** A melody of one onset every `every` steps (events: 0 no event, 1 note-off, 2+ pitch), pitches from `pitches`. */
function melody(pitches: readonly number[], every = 4): number[] {
  const events: number[] = [];
  for (const p of pitches) events.push(p, ...new Array<number>(every - 1).fill(0));
  events.push(1);
  return events;
}

const tune = Array.from({ length: 40 }, (_, i) => 2 + ((i * 7) % 19)); // 40 quarter notes, 10 bars
const piece = (id: string, split: SplitPiece['split'], events: number[], chords?: string[]): SplitPiece => ({
  id,
  split,
  events,
  chords,
  sha256: `sha-${id}`,
});

describe('passageKey', () => {
  it('is the same for a passage and its transpositions, and null without an onset', () => {
    const a = melody([10, 12, 14, 10, 20, 18, 16, 10]);
    const b = melody([13, 15, 17, 13, 23, 21, 19, 13]);
    expect(passageKey(a, 0)).toBe(passageKey(b, 0));
    expect(passageKey(a, 0)).not.toBe(passageKey(melody([10, 12, 14, 10, 20, 18, 16, 11]), 0));
    expect(passageKey(new Array<number>(40).fill(0), 0)).toBeNull();
  });
});

describe('evaluationRemovals', () => {
  it('finds a duplicate of a training piece and of an earlier evaluation piece', () => {
    const other = melody(tune.map((p) => 40 - p)); // not covered by the training tune
    const removals = evaluationRemovals([
      piece('a-train', 'train', melody(tune)),
      piece('b-valid', 'valid', melody(tune)),
      piece('c-valid', 'valid', other),
      piece('d-test', 'test', other),
    ]);
    expect(removals).toEqual([
      { id: 'b-valid', split: 'valid', reason: 'duplicate', of: 'a-train' },
      { id: 'd-test', split: 'test', reason: 'duplicate', of: 'c-valid' },
    ]);
  });

  it('counts the chords in a duplicate: the same melody over other chords is not one', () => {
    const removals = evaluationRemovals([
      piece('a', 'train', melody(tune), ['C']),
      piece('b', 'test', melody(tune.map((p) => 40 - p)), ['G']),
      piece('c', 'test', melody(tune.map((p) => 40 - p)), ['D']),
    ]);
    expect(removals).toEqual([]);
  });

  it('removes a test piece whose every 2-bar passage is in training, transposed, and keeps one with a new passage', () => {
    // bars 2..7 of the training tune, up a fourth
    const covered = melody(tune.slice(8, 32).map((p) => p + 5));
    const changed = tune.slice(8, 32).map((p) => p + 5);
    changed[20] = changed[20]! + 1; // one new note in the last bars
    const removals = evaluationRemovals([
      piece('train', 'train', melody(tune)),
      piece('covered', 'test', covered),
      piece('changed', 'test', melody(changed)),
    ]);
    expect(removals).toEqual([{ id: 'covered', split: 'test', reason: 'covered' }]);
  });

  it('never takes a training piece out', () => {
    const all = [
      piece('t1', 'train', melody(tune)),
      piece('t2', 'train', melody(tune)),
      piece('v', 'valid', melody(tune)),
    ];
    const { pieces, removed } = cleanEvaluationSplits(all);
    expect(pieces.map((p) => p.id)).toEqual(['t1', 't2']);
    expect(removed).toEqual([{ id: 'v', split: 'valid', reason: 'duplicate', of: 't1' }]);
  });
});

describe('splitRecord', () => {
  it('lists each split with its hashes and digest, and what was removed', () => {
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const r = splitRecord(
      [
        piece('b', 'train', melody(tune)),
        piece('a', 'train', melody(tune.map((p) => 40 - p))),
        piece('v', 'valid', melody(tune)),
        piece('t', 'test', melody([3, 9, 4, 8, 5, 7, 6, 2, 3, 9])),
      ],
      sha,
    );
    expect(r.splits.train.pieces).toEqual([
      { id: 'a', sha256: 'sha-a' },
      { id: 'b', sha256: 'sha-b' },
    ]);
    expect(r.splits.train.digest).toBe(sha('sha-a  a\nsha-b  b\n'));
    expect(r.splits.valid).toEqual({ count: 0, digest: sha(''), pieces: [] });
    expect(r.splits.test.count).toBe(1);
    expect(r.removed).toEqual([{ id: 'v', split: 'valid', reason: 'duplicate', of: 'b', sha256: 'sha-v' }]);
  });
});
