import { describe, expect, it } from 'vitest';
import type { QuantizedNote } from '../notes/melody';
import {
  barRepeatShare,
  chordToneCount,
  copiesAWindow,
  endsOnTonic,
  inKeyCount,
  stepTokens,
  windowIndex,
} from './form-metrics';

const note = (pitch: number, start: number, end: number): QuantizedNote => ({
  pitch,
  quantizedStartStep: start,
  quantizedEndStep: end,
});
/** One bar of four quarter notes starting at `bar`. */
const bar = (bar: number, pitches: number[]) => pitches.map((p, i) => note(p, bar * 16 + i * 4, bar * 16 + i * 4 + 4));

describe('form metrics', () => {
  it('counts bars that sound like an earlier bar, never an empty one', () => {
    const a = [60, 62, 64, 65];
    const b = [67, 65, 64, 62];
    // bars: A B A (empty) B  -> bars after the first: B new, A repeat, empty not a repeat, B repeat
    const notes = [...bar(0, a), ...bar(1, b), ...bar(2, a), ...bar(4, b)];
    expect(barRepeatShare(notes, 5)).toBeCloseTo(2 / 4, 12);
    expect(barRepeatShare([...bar(0, a), ...bar(1, [60, 62, 64, 66])], 2)).toBe(0);
    expect(barRepeatShare(bar(0, a), 1)).toBe(0);
  });

  it('a note held across a bar line belongs to both bars, clipped', () => {
    const held = [note(60, 8, 24), note(60, 24, 40)]; // bar 1: 60 0-8, 60 8-16; bar 2: 60 0-8
    expect(barRepeatShare(held, 3)).toBe(0);
  });

  it('finds the tonic ending by the last onset (highest pitch on a tie), in any octave', () => {
    expect(endsOnTonic(bar(0, [64, 62, 71, 72]), 'C')).toBe(true);
    expect(endsOnTonic(bar(0, [60, 62, 64, 67]), 'C')).toBe(false);
    expect(endsOnTonic([note(55, 0, 4), note(48, 0, 4)], 'G')).toBe(true);
    expect(endsOnTonic([], 'C')).toBe(false);
  });

  it('counts notes in the key and on the chord of their bar', () => {
    const notes = [...bar(0, [60, 61, 64, 67]), ...bar(1, [67, 71, 74, 66])];
    expect(inKeyCount(notes, 'C', 'major')).toEqual([6, 8]);
    // bar 0 over C: 60, 64, 67 on; bar 1 over G: 67, 71, 74 on, 66 (F#) off
    expect(chordToneCount(notes, ['C', 'G'])).toEqual([6, 8]);
    // no chord: the notes are not counted at all
    expect(chordToneCount(notes, ['C', 'N.C.'])).toEqual([3, 4]);
  });

  it('finds a verbatim 4-bar window of a training melody at any offset, and only with enough onsets', () => {
    const tune = [...bar(0, [60, 62, 64, 65]), ...bar(1, [67, 69, 71, 72]), ...bar(2, [72, 71, 69, 67])];
    // the training melody has the tune starting 5 steps in, after a pickup
    const training = stepTokens(
      [note(55, 0, 5), ...tune.map((n) => note(n.pitch, n.quantizedStartStep + 5, n.quantizedEndStep + 5))],
      64,
    );
    const index = windowIndex([training], 32);
    expect(copiesAWindow(stepTokens(tune, 48), index, 32)).toBe(true);
    // a note changed in each of the first two bars: no window survives
    const changed = tune.map((n, i) => (i === 3 || i === 7 ? note(66, n.quantizedStartStep, n.quantizedEndStep) : n));
    expect(copiesAWindow(stepTokens(changed, 48), index, 32)).toBe(false);
    // transposed: not a verbatim copy
    const up = tune.map((n) => note(n.pitch + 2, n.quantizedStartStep, n.quantizedEndStep));
    expect(copiesAWindow(stepTokens(up, 48), index, 32)).toBe(false);
    // a window with fewer than 4 onsets never counts
    const sparse = stepTokens([note(60, 0, 32)], 32);
    expect(copiesAWindow(sparse, windowIndex([sparse], 32), 32)).toBe(false);
  });

  it('encodes onsets, note ends and holds per step', () => {
    expect(Array.from(stepTokens([note(60, 0, 2), note(62, 2, 3)], 5))).toEqual([60, -1, 62, -2, -1]);
  });
});
