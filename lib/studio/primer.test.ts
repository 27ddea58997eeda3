import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { defaultComposeRequest, parseComposeRequest } from '../generation/compose/request';
import { canonicalPrimerJson, primerDigest } from '../generation/compose/primer-digest';
import { arrangementToMidi } from '../generation/export/midi';
import { arrange } from '../generation/arrangement/arrange';
import {
  keyAction,
  melodyPrimer,
  PRIMER_MAX_BYTES,
  PrimerError,
  primerFromMidi,
  studioMeterOfMidi,
  primerFromPlayed,
  primerSummary,
} from './primer';

const n = (pitch: number, s: number, e: number) => ({ pitch, quantizedStartStep: s, quantizedEndStep: e });

describe('melodyPrimer', () => {
  it('cuts leading empty bars, keeps the highest of a chord, ends each note where the next starts, folds the range', () => {
    const p = melodyPrimer([n(60, 17, 22), n(64, 17, 20), n(96, 20, 23), n(30, 24, 24)], 'x.mid');
    expect(p).toEqual({ source: 'x.mid', notes: [n(64, 1, 4), n(84 - 12, 4, 7), n(42 + 12, 8, 9)], totalSteps: 16 });
  });
  it('keeps at most 4 bars and refuses an empty file', () => {
    const long = Array.from({ length: 40 }, (_, i) => n(60 + (i % 5), i * 4, i * 4 + 4));
    const p = melodyPrimer(long, 'long');
    expect(p.totalSteps).toBe(64);
    expect(p.notes).toHaveLength(16);
    expect(() => melodyPrimer([], 'empty.mid')).toThrow(PrimerError);
  });
});

describe('studioMeterOfMidi', () => {
  const fileIn = (meter: '3/4' | '6/8' | undefined) =>
    arrangementToMidi(
      arrange({
        melody: [{ ...n(67, 0, 12), velocity: 100 }],
        progression: ['G'],
        bars: 2,
        tempo: 90,
        key: 'G',
        scale: 'major',
        style: 'none',
        ...(meter ? { meter } : {}),
      }),
    );
  it("reads the file's own meter, so an uploaded waltz is cut into 3/4 bars", () => {
    expect(studioMeterOfMidi(fileIn('3/4'))).toBe('3/4');
    expect(studioMeterOfMidi(fileIn('6/8'))).toBe('6/8');
    expect(studioMeterOfMidi(fileIn(undefined))).toBe('4/4');
    expect(studioMeterOfMidi(new TextEncoder().encode('not midi'))).toBeUndefined();
    const waltz = fileIn('3/4');
    // two bars of 3/4 (24 steps), where 4/4 bars would make them two bars of 32
    expect(primerFromMidi(waltz, 'waltz.mid', studioMeterOfMidi(waltz)).totalSteps).toBe(24);
    expect(primerFromMidi(waltz, 'waltz.mid').totalSteps).toBe(32);
  });
});

describe('primerFromMidi', () => {
  const midi = arrangementToMidi(
    arrange({
      melody: [
        { ...n(60, 0, 4), velocity: 100 },
        { ...n(62, 4, 8), velocity: 100 },
        { ...n(64, 8, 16), velocity: 100 },
      ],
      progression: ['C'],
      bars: 1,
      tempo: 100,
      key: 'C',
      scale: 'major',
      style: 'pop',
    }),
  );
  it('reads a studio MIDI file (the drums dropped, the highest of the other tracks kept per step)', () => {
    const p = primerFromMidi(midi, 'take.mid');
    expect(p.totalSteps).toBe(16);
    expect(p.notes.length).toBeGreaterThan(0);
    expect(p.notes.every((x) => x.pitch >= 48 && x.pitch <= 83)).toBe(true);
    expect(primerSummary(p)).toMatch(/notes? over 1 bar from take\.mid/);
    // usable as a ComposeRequest primer
    const req = parseComposeRequest(
      defaultComposeRequest({ primer: { type: 'melody', notes: p.notes, totalSteps: p.totalSteps } }),
    );
    expect(req.primer.type).toBe('melody');
  });
  it('says clearly why a file is refused: not MIDI, truncated, too large', () => {
    expect(() => primerFromMidi(new TextEncoder().encode('hello world, not midi'), 'a.txt')).toThrow(
      /a\.txt could not be read: .*MThd/,
    );
    expect(() => primerFromMidi(midi.slice(0, midi.length - 5), 'cut.mid')).toThrow(/cut\.mid could not be read/);
    expect(() => primerFromMidi(new Uint8Array(PRIMER_MAX_BYTES + 1), 'big.mid')).toThrow(/at most 65536/);
  });
});

describe('computer keyboard', () => {
  it('maps A..K to one octave and Z/X to octaves', () => {
    expect(keyAction('a', 60)).toEqual({ type: 'note', pitch: 60 });
    expect(keyAction('W', 60)).toEqual({ type: 'note', pitch: 61 });
    expect(keyAction('k', 48)).toEqual({ type: 'note', pitch: 60 });
    expect(keyAction('z', 60)).toEqual({ type: 'octave', base: 48 });
    expect(keyAction('z', 48)).toEqual({ type: 'octave', base: 48 });
    expect(keyAction('x', 60)).toEqual({ type: 'octave', base: 72 });
    expect(keyAction('x', 72)).toEqual({ type: 'octave', base: 72 });
    expect(keyAction('q', 60)).toBeNull();
  });
  it('quantises played notes to the nearest sixteenth at the tempo', () => {
    // 120 BPM: 125 ms per sixteenth
    const p = primerFromPlayed(
      [
        { pitch: 60, downMs: 1000, upMs: 1480 },
        { pitch: 62, downMs: 1510, upMs: 1530 },
        { pitch: 64, downMs: 1990, upMs: 2260 },
      ],
      120,
    );
    expect(p).toEqual({ source: 'keyboard', notes: [n(60, 0, 4), n(62, 4, 5), n(64, 8, 10)], totalSteps: 16 });
  });
});

describe('primerDigest', () => {
  it('is sha256 of the canonical primer JSON, independent of note order', () => {
    const p = { notes: [n(64, 4, 8), n(60, 0, 4)], totalSteps: 16 };
    expect(canonicalPrimerJson(p)).toBe('{"notes":[[60,0,4],[64,4,8]],"totalSteps":16}');
    const hex = createHash('sha256').update('{"notes":[[60,0,4],[64,4,8]],"totalSteps":16}').digest('hex');
    expect(primerDigest(p)).toBe(`sha256:${hex}`);
    expect(primerDigest({ notes: [n(60, 0, 4), n(64, 4, 8)], totalSteps: 16 })).toBe(primerDigest(p));
    expect(primerDigest({ ...p, totalSteps: 32 })).not.toBe(primerDigest(p));
  });
});

describe('primer in 3/4 and 6/8', () => {
  it('lasts whole 12-step bars, at most 4 of them', () => {
    expect(melodyPrimer([n(60, 13, 17)], 'x.mid', '3/4')).toEqual({
      source: 'x.mid',
      notes: [n(60, 1, 5)],
      totalSteps: 12,
    });
    const long = Array.from({ length: 40 }, (_, i) => n(60 + (i % 5), i * 4, i * 4 + 4));
    expect(melodyPrimer(long, 'long', '6/8').totalSteps).toBe(48);
    expect(primerSummary(melodyPrimer(long, 'long', '6/8'), '6/8')).toBe('12 notes over 4 bars from long');
    // a 4/4 primer shown in 3/4
    expect(primerSummary(melodyPrimer([n(60, 0, 4)], 'k'), '3/4')).toBe('1 note over 1.33 bars from k');
  });
});
