import { describe, expect, it } from 'vitest';
import { makeMidi, NOTES } from '../../../test/provenance/fixtures';
import { coverSvg } from './cover';
import { notesFromMidi } from './midi';

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
  });
});
