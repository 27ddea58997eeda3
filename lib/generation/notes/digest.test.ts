import { describe, expect, it } from 'vitest';
import { canonicalNotesJson, notesDigest } from './digest';

const grid = [
  { pitch: 64, quantizedStartStep: 0, quantizedEndStep: 2 },
  { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4 },
];

describe('notes digest', () => {
  it('writes a note on the grid as [pitch,start,end] and a humanised one with its offset last', async () => {
    expect(canonicalNotesJson(grid)).toBe('[[60,0,4],[64,0,2]]');
    // a missing offset and velocity never enter it: grid notes keep the digest they always had
    expect(await notesDigest(grid.map((n) => ({ ...n, velocity: 90 })))).toBe(await notesDigest(grid));
    const late = [{ pitch: 64, quantizedStartStep: 0, quantizedEndStep: 2, offsetTicks: 12 }, ...grid.slice(1)];
    expect(canonicalNotesJson(late)).toBe('[[60,0,4],[64,0,2,12]]');
    expect(await notesDigest(late)).not.toBe(await notesDigest(grid));
    // notes equal but for the offset sort by it
    const twins = [
      { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4, offsetTicks: 5 },
      { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 4, offsetTicks: -5 },
    ];
    expect(canonicalNotesJson(twins)).toBe('[[60,0,4,-5],[60,0,4,5]]');
    expect(canonicalNotesJson([...twins].reverse())).toBe(canonicalNotesJson(twins));
  });
});
