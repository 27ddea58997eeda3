import { describe, expect, it } from 'vitest';
import { makeMidi, NOTES } from '../../../test/provenance/fixtures';
import { coverSvg } from './cover';
import { arrangementToMidi, midiBarSteps, notesFromMidi } from './midi';
import { arrange } from '../arrangement/arrange';

describe('cover image', () => {
  it('is a deterministic SVG piano roll of the notes, independent of their order', () => {
    const a = coverSvg(NOTES, { title: 'T & <x>' });
    expect(a).toBe(coverSvg([...NOTES].reverse(), { title: 'T & <x>' }));
    expect(a.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(a).toContain('T &amp; &lt;x&gt;');
    expect((a.match(/rx=/g) ?? []).length).toBe(NOTES.length);
    expect(coverSvg(NOTES.slice(1))).not.toBe(coverSvg(NOTES));
  });
  it('reads the same notes back from the MIDI file it is drawn from', () => {
    expect(notesFromMidi(makeMidi(NOTES))).toEqual(NOTES);
    expect(midiBarSteps(makeMidi(NOTES))).toBe(16);
  });
  it('draws bar lines every 12 steps for a 3/4 or 6/8 file, as its time signature says', () => {
    const waltz = arrange({
      melody: [],
      progression: ['C'],
      bars: 4,
      tempo: 90,
      key: 'C',
      scale: 'major',
      style: 'rock',
      meter: '3/4',
    });
    const midi = arrangementToMidi(waltz);
    expect(midiBarSteps(midi)).toBe(12);
    expect(midiBarSteps(arrangementToMidi({ ...waltz, meter: '6/8' }))).toBe(12);
    const lines = (svg: string) => (svg.match(/<line /g) ?? []).length;
    const notes = notesFromMidi(midi);
    // 48 steps: bar lines at 0, 12, 24, 36, 48 (4/4 would draw 0, 16, 32, 48)
    expect(lines(coverSvg(notes, { barSteps: midiBarSteps(midi) }))).toBe(5);
    expect(lines(coverSvg(notes))).toBe(4);
  });
});
