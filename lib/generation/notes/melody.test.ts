import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  MelodyEncodingError,
  melodyEventsFromNotes,
  notesFromMelodyEvents,
  vocabularySize,
  type QuantizedNote,
} from './melody';
import { canonicalNotesJson, notesDigest } from './digest';
import { chordSymbolFromPitches, NO_CHORD } from './chords';

type Tensor = { argMax(axis: number): { dataSync(): ArrayLike<number>; dispose(): void }; dispose(): void };
type Converter = {
  toTensor(ns: unknown): Tensor;
  toNoteSequence(oh: Tensor, spq: number): Promise<{ notes: QuantizedNote[] }>;
};
const require = createRequire(import.meta.url);
const core = require('@magenta/music/node/core') as {
  data?: {
    MelodyConverter: new (args: { minPitch: number; maxPitch: number; ignorePolyphony?: boolean }) => Converter;
  };
};

function randomNotes(seed: number): QuantizedNote[] {
  let s = seed;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const notes: QuantizedNote[] = [];
  let t = 0;
  for (let i = 0; i < 30; i++) {
    t += Math.floor(rnd() * 4);
    const len = 1 + Math.floor(rnd() * 6);
    notes.push({ pitch: 48 + Math.floor(rnd() * 36), quantizedStartStep: t, quantizedEndStep: t + len });
    if (rnd() < 0.2) notes.push({ pitch: 48 + Math.floor(rnd() * 36), quantizedStartStep: t, quantizedEndStep: t + 2 });
  }
  return notes;
}

describe('melody events (Magenta MelodyConverter encoding)', () => {
  it('has the 38-event vocabulary for 48..83', () => expect(vocabularySize()).toBe(38));
  it('encodes like the documented example', () => {
    const ev = melodyEventsFromNotes(
      [
        { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 2 },
        { pitch: 62, quantizedStartStep: 2, quantizedEndStep: 3 },
        { pitch: 64, quantizedStartStep: 5, quantizedEndStep: 6 },
      ],
      8,
    );
    expect(Array.from(ev)).toEqual([14, 0, 16, 1, 0, 18, 1, 0]);
    expect(() => melodyEventsFromNotes([{ pitch: 90, quantizedStartStep: 0, quantizedEndStep: 1 }], 2)).toThrow(
      MelodyEncodingError,
    );
  });
  it("matches Magenta's own MelodyConverter on random note lists", async () => {
    const MelodyConverter = core.data?.MelodyConverter;
    if (!MelodyConverter) throw new Error('@magenta/music/node/core does not export data.MelodyConverter');
    const conv = new MelodyConverter({ minPitch: 48, maxPitch: 83, ignorePolyphony: true });
    for (let seed = 1; seed <= 20; seed++) {
      const notes = randomNotes(seed);
      const total = Math.max(...notes.map((n) => n.quantizedEndStep)) + 2;
      const ns = {
        notes: notes.map((n) => ({ ...n })),
        totalQuantizedSteps: total,
        quantizationInfo: { stepsPerQuarter: 4 },
      };
      const oh = conv.toTensor(ns);
      const idx = oh.argMax(1);
      const theirs = Array.from(idx.dataSync());
      idx.dispose();
      const ours = melodyEventsFromNotes(notes, total);
      expect(Array.from(ours)).toEqual(theirs);
      const back = notesFromMelodyEvents(ours).map((n) => [n.pitch, n.quantizedStartStep, n.quantizedEndStep]);
      const theirBack = (await conv.toNoteSequence(oh, 4)).notes.map((n) => [
        n.pitch,
        n.quantizedStartStep,
        n.quantizedEndStep,
      ]);
      oh.dispose();
      expect(back).toEqual(theirBack);
    }
  });
});

describe('notes digest', () => {
  it('is order independent and changes with any note', async () => {
    const a = [
      { pitch: 60, quantizedStartStep: 0, quantizedEndStep: 2 },
      { pitch: 62, quantizedStartStep: 2, quantizedEndStep: 4 },
    ];
    expect(canonicalNotesJson(a)).toBe('[[60,0,2],[62,2,4]]');
    expect(await notesDigest(a)).toBe(await notesDigest([a[1]!, a[0]!]));
    expect(await notesDigest(a)).not.toBe(await notesDigest([a[0]!, { ...a[1]!, quantizedEndStep: 5 }]));
    expect(await notesDigest(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('chord symbols from pitches', () => {
  it('names triads, sevenths and inversions', () => {
    expect(chordSymbolFromPitches([43, 47, 50])).toBe('G');
    expect(chordSymbolFromPitches([45, 48, 52])).toBe('Am');
    expect(chordSymbolFromPitches([50, 54, 57, 60])).toBe('D7');
    expect(chordSymbolFromPitches([40, 43, 48])).toBe('C'); // first inversion of C
    expect(chordSymbolFromPitches([47, 50, 53])).toBe('Bdim');
    expect(chordSymbolFromPitches([])).toBe(NO_CHORD);
  });
});
