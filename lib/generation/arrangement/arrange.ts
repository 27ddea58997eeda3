/**
 * Arrangement rules (pure): melody from the model, chords voiced from the progression, a bass line derived from the
 * chord roots, drums from a style pattern. Same inputs, same arrangement.
 */
import { sortNotes } from '../notes/melody';
import { drumStyle, GM_DRUMS, hitVelocity, type DrumVoice } from './drums';
import type { InstrumentId } from './instruments';
import { mod12, parseChordSymbol, type KeyName, type ScaleName } from './theory';
import { STEPS_PER_BAR, type Arrangement, type ArrangementNote, type TrackId } from './types';

export type ArrangeParams = {
  melody: readonly ArrangementNote[];
  /** One chord symbol per bar (length = bars). */
  progression: readonly string[];
  bars: number;
  tempo: number;
  key: KeyName;
  scale: ScaleName;
  style: string;
  instruments?: Partial<Record<TrackId, InstrumentId>>;
};

export const DEFAULT_INSTRUMENTS: Record<TrackId, InstrumentId> = {
  melody: 'lead',
  chords: 'keys',
  bass: 'bass',
  drums: 'kit',
};

/** Chord voicing: close position, lowest tone in [lowest, lowest + 11] (root-position, so the sound is predictable). */
export function voiceChord(symbol: string, lowest = 53): number[] {
  const chord = parseChordSymbol(symbol);
  if (!chord) return [];
  const rootPitch = lowest + mod12(chord.root - lowest);
  return chord.intervals.map((iv) => rootPitch + iv);
}

/** Bass pitch of a chord: its root in [lowest, lowest + 11]. */
export function bassRoot(symbol: string, lowest = 36): number | null {
  const chord = parseChordSymbol(symbol);
  return chord ? lowest + mod12(chord.root - lowest) : null;
}

/** Chord rhythm per style: [startStepInBar, lengthSteps][] within a bar. */
export function chordRhythm(style: string): Array<[number, number]> {
  switch (style) {
    case 'four-on-the-floor':
    case 'pop':
      return [
        [0, 4],
        [4, 4],
        [8, 4],
        [12, 4],
      ];
    case 'bossa':
      return [
        [0, 3],
        [3, 5],
        [10, 6],
      ];
    case 'hiphop':
      return [
        [0, 6],
        [6, 10],
      ];
    default:
      return [[0, 16]];
  }
}

/**
 * Bass rule: the chord root on beat 1 (accent), the fifth on beat 3, the root an octave up on the last eighth when
 * the next chord differs (a pickup); `none`-style arrangements hold the root for the whole bar.
 */
export function bassLine(progression: readonly string[], style: string): ArrangementNote[] {
  const notes: ArrangementNote[] = [];
  progression.forEach((symbol, bar) => {
    const root = bassRoot(symbol);
    if (root === null) return;
    const chord = parseChordSymbol(symbol);
    const fifth = root + (chord?.intervals[2] ?? 7);
    const at = bar * STEPS_PER_BAR;
    if (style === 'none') {
      notes.push({ pitch: root, quantizedStartStep: at, quantizedEndStep: at + 16, velocity: 100 });
      return;
    }
    const next = progression[bar + 1];
    const pickup = next !== undefined && next !== symbol;
    notes.push({ pitch: root, quantizedStartStep: at, quantizedEndStep: at + 6, velocity: 110 });
    notes.push({ pitch: fifth, quantizedStartStep: at + 8, quantizedEndStep: at + (pickup ? 14 : 16), velocity: 90 });
    if (pickup) notes.push({ pitch: root + 12, quantizedStartStep: at + 14, quantizedEndStep: at + 16, velocity: 80 });
  });
  return notes;
}

export function chordTrack(progression: readonly string[], style: string): ArrangementNote[] {
  const notes: ArrangementNote[] = [];
  const rhythm = chordRhythm(style);
  progression.forEach((symbol, bar) => {
    const pitches = voiceChord(symbol);
    for (const [start, len] of rhythm) {
      for (const pitch of pitches) {
        const s = bar * STEPS_PER_BAR + start;
        notes.push({ pitch, quantizedStartStep: s, quantizedEndStep: s + len, velocity: start === 0 ? 80 : 65 });
      }
    }
  });
  return notes;
}

/** Drum hits from the style's 16-step pattern, each a sixteenth long. */
export function drumTrack(style: string, bars: number): ArrangementNote[] {
  const pattern = drumStyle(style).pattern;
  const notes: ArrangementNote[] = [];
  for (let bar = 0; bar < bars; bar++) {
    for (const [voice, line] of Object.entries(pattern) as Array<[DrumVoice, string]>) {
      for (let s = 0; s < Math.min(16, line.length); s++) {
        const v = hitVelocity(line[s] ?? '-');
        if (v === 0) continue;
        const at = bar * STEPS_PER_BAR + s;
        notes.push({ pitch: GM_DRUMS[voice], quantizedStartStep: at, quantizedEndStep: at + 1, velocity: v });
      }
    }
  }
  return notes;
}

function sorted(notes: ArrangementNote[]): ArrangementNote[] {
  return sortNotes(notes) as ArrangementNote[];
}

export function arrange(p: ArrangeParams): Arrangement {
  const instruments = { ...DEFAULT_INSTRUMENTS, ...p.instruments };
  const progression = Array.from(
    { length: p.bars },
    (_, i) => p.progression[i] ?? p.progression[p.progression.length - 1] ?? 'N.C.',
  );
  const end = p.bars * STEPS_PER_BAR;
  const melody = p.melody
    .filter((n) => n.quantizedStartStep < end)
    .map((n) => ({ ...n, quantizedEndStep: Math.min(n.quantizedEndStep, end) }));
  return {
    version: 1,
    tempo: p.tempo,
    stepsPerQuarter: 4,
    bars: p.bars,
    key: p.key,
    scale: p.scale,
    style: p.style,
    progression,
    tracks: [
      { id: 'melody', instrument: instruments.melody, muted: false, solo: false, notes: sorted(melody) },
      {
        id: 'chords',
        instrument: instruments.chords,
        muted: false,
        solo: false,
        notes: sorted(chordTrack(progression, p.style)),
      },
      {
        id: 'bass',
        instrument: instruments.bass,
        muted: false,
        solo: false,
        notes: sorted(bassLine(progression, p.style)),
      },
      {
        id: 'drums',
        instrument: instruments.drums,
        muted: false,
        solo: false,
        notes: sorted(drumTrack(p.style, p.bars)),
      },
    ],
  };
}
