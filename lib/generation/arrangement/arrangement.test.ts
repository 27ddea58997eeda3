import { describe, expect, it } from 'vitest';
import {
  arrange,
  audibleTracks,
  bassLine,
  chordTrack,
  diatonicChord,
  drumTrack,
  DRUM_STYLES,
  GM_DRUMS,
  inScale,
  parseChordSymbol,
  progressionPerBar,
  snapToScale,
  suggestProgression,
  track,
  voiceChord,
  arrangementSchema,
  ChordSymbolError,
  UnknownStyleError,
} from './index';

describe('theory', () => {
  it('parses chord symbols with accidentals and suffixes', () => {
    expect(parseChordSymbol('C')).toEqual({ root: 0, intervals: [0, 4, 7], suffix: '' });
    expect(parseChordSymbol('F#m7')?.root).toBe(6);
    expect(parseChordSymbol('Bbmaj7')).toEqual({ root: 10, intervals: [0, 4, 7, 11], suffix: 'maj7' });
    expect(parseChordSymbol('N.C.')).toBeNull();
    expect(() => parseChordSymbol('H7')).toThrow(ChordSymbolError);
    expect(() => parseChordSymbol('Cm9')).toThrow(ChordSymbolError);
  });
  it('builds diatonic chords', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((d) => diatonicChord('C', 'major', d))).toEqual([
      'C',
      'Dm',
      'Em',
      'F',
      'G',
      'Am',
      'Bdim',
    ]);
    expect([0, 2, 5, 6].map((d) => diatonicChord('A', 'minor', d))).toEqual(['Am', 'C', 'F', 'G']);
    expect(diatonicChord('G', 'major', 4, true)).toBe('D7');
    expect(diatonicChord('C', 'majorPentatonic', 5)).toBe('Am');
  });
  it('snaps to the nearest scale tone, ties down', () => {
    expect(inScale(61, 'C', 'major')).toBe(false);
    expect(snapToScale(61, 'C', 'major')).toBe(60);
    expect(snapToScale(66, 'C', 'major')).toBe(65);
    expect(snapToScale(64, 'C', 'major')).toBe(64);
    expect(snapToScale(63, 'C', 'minorPentatonic')).toBe(63);
    expect(snapToScale(61, 'C', 'minorPentatonic')).toBe(60);
  });
});

describe('progressions', () => {
  it('suggests a seeded progression in the scale mode, one chord per bar', () => {
    const a = suggestProgression('C', 'major', 8, 7);
    expect(a).toEqual(suggestProgression('C', 'major', 8, 7));
    expect(a.chords).toHaveLength(8);
    for (const c of a.chords) expect(parseChordSymbol(c)).not.toBeNull();
    const m = suggestProgression('A', 'minor', 4, 1);
    expect(['axis-minor', 'minor-cadence', 'andalusian']).toContain(m.templateId);
    expect(m.chords[0]).toBe('Am');
  });
  it('repeats a user progression per bar', () => {
    expect(progressionPerBar(['C', 'G'], 5)).toEqual(['C', 'G', 'C', 'G', 'C']);
  });
});

describe('arrangement rules', () => {
  it('voices chords in close root position above F3', () => {
    expect(voiceChord('C')).toEqual([60, 64, 67]);
    expect(voiceChord('G7')).toEqual([55, 59, 62, 65]);
    expect(voiceChord('N.C.')).toEqual([]);
    for (const sym of ['C', 'Db', 'E', 'F#m', 'Bb7']) {
      const v = voiceChord(sym);
      expect(v[0]).toBeGreaterThanOrEqual(53);
      expect(v[0]).toBeLessThan(65);
    }
  });
  it('derives the bass from chord roots: root on beat 1, fifth on beat 3, pickup before a change', () => {
    const notes = bassLine(['C', 'G'], 'rock');
    expect(notes).toEqual([
      { pitch: 36, quantizedStartStep: 0, quantizedEndStep: 6, velocity: 110 },
      { pitch: 43, quantizedStartStep: 8, quantizedEndStep: 14, velocity: 90 },
      { pitch: 48, quantizedStartStep: 14, quantizedEndStep: 16, velocity: 80 },
      { pitch: 43, quantizedStartStep: 16, quantizedEndStep: 22, velocity: 110 },
      { pitch: 50, quantizedStartStep: 24, quantizedEndStep: 32, velocity: 90 },
    ]);
    expect(bassLine(['Am'], 'none')).toEqual([
      { pitch: 45, quantizedStartStep: 0, quantizedEndStep: 16, velocity: 100 },
    ]);
    expect(bassLine(['N.C.'], 'rock')).toEqual([]);
  });
  it('every bass note is the chord root or fifth of its bar', () => {
    const prog = ['C', 'Am', 'F', 'G7', 'Em', 'Bdim'];
    for (const n of bassLine(prog, 'pop')) {
      const c = parseChordSymbol(prog[Math.floor(n.quantizedStartStep / 16)] ?? 'C');
      const rel = ((((n.pitch % 12) - (c?.root ?? 0)) % 12) + 12) % 12;
      expect([0, c?.intervals[2]]).toContain(rel);
    }
  });
  it('chord track follows the style rhythm and stays inside each bar', () => {
    const notes = chordTrack(['C', 'F'], 'pop');
    expect(notes).toHaveLength(2 * 4 * 3);
    for (const n of notes)
      expect(Math.floor(n.quantizedStartStep / 16)).toBe(Math.floor((n.quantizedEndStep - 1) / 16));
  });
  it('drums come from the style library', () => {
    const rock = drumTrack('rock', 2);
    expect(rock.filter((n) => n.pitch === GM_DRUMS.snare).map((n) => n.quantizedStartStep)).toEqual([4, 12, 20, 28]);
    expect(drumTrack('none', 4)).toEqual([]);
    expect(() => drumTrack('polka', 1)).toThrow(UnknownStyleError);
    for (const s of DRUM_STYLES) for (const line of Object.values(s.pattern)) expect(line).toHaveLength(16);
  });
  it('arranges four valid tracks, cutting the melody at the end', () => {
    const a = arrange({
      melody: [
        { pitch: 72, quantizedStartStep: 0, quantizedEndStep: 40, velocity: 100 },
        { pitch: 74, quantizedStartStep: 40, quantizedEndStep: 44, velocity: 100 },
      ],
      progression: ['C', 'G'],
      bars: 2,
      tempo: 100,
      key: 'C',
      scale: 'major',
      style: 'rock',
    });
    expect(arrangementSchema.parse(a)).toEqual(a);
    expect(a.tracks.map((t) => t.id)).toEqual(['melody', 'chords', 'bass', 'drums']);
    expect(track(a, 'melody').notes).toEqual([
      { pitch: 72, quantizedStartStep: 0, quantizedEndStep: 32, velocity: 100 },
    ]);
  });
  it('solo wins over mute', () => {
    const a = arrange({ melody: [], progression: ['C'], bars: 1, tempo: 120, key: 'C', scale: 'major', style: 'rock' });
    const muted = { ...a, tracks: a.tracks.map((t) => (t.id === 'bass' ? { ...t, muted: true } : t)) };
    expect(audibleTracks(muted).map((t) => t.id)).toEqual(['melody', 'chords', 'drums']);
    const solo = {
      ...muted,
      tracks: muted.tracks.map((t) => (t.id === 'bass' || t.id === 'drums' ? { ...t, solo: true } : t)),
    };
    expect(audibleTracks(solo).map((t) => t.id)).toEqual(['bass', 'drums']);
  });
});
