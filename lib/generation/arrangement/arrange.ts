/**
 * Arrangement rules (pure): melody from the model, chords voiced from the progression, a bass line derived from the
 * chord roots, drums from a style pattern. Same inputs, same arrangement.
 */
import { sortNotes } from '../notes/melody';
import { drumPattern, drumStyle, GM_DRUMS, hitVelocity, type DrumVoice } from './drums';
import { meterSpec, recordMeter, type Meter } from './meter';
import type { InstrumentId } from './instruments';
import { mod12, parseChordSymbol, type KeyName, type ScaleName } from './theory';
import type { Arrangement, ArrangementNote, TrackId } from './types';

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
  /** Absent or 4/4: procedure `motif.arrange` version 1; 3/4 and 6/8: version 2 (SPEC.md 8.6). */
  meter?: Meter;
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

/** Chord rhythm per style and meter: [startStepInBar, lengthSteps][] within a bar. */
export function chordRhythm(style: string, meter?: Meter): Array<[number, number]> {
  if (meter === '3/4' || meter === '6/8') return chordRhythmIn12(style, meter);
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

/** 3/4 (three quarter beats) and 6/8 (two dotted-quarter beats) comping, 12-step bars (SPEC.md 8.6). */
function chordRhythmIn12(style: string, meter: '3/4' | '6/8'): Array<[number, number]> {
  const waltz = meter === '3/4';
  switch (style) {
    case 'pop':
      return waltz
        ? [
            [0, 4],
            [4, 4],
            [8, 4],
          ]
        : [
            [0, 6],
            [6, 6],
          ];
    case 'four-on-the-floor':
      return waltz
        ? [
            [0, 4],
            [4, 4],
            [8, 4],
          ]
        : [
            [0, 4],
            [4, 2],
            [6, 4],
            [10, 2],
          ];
    case 'bossa':
      return waltz
        ? [
            [0, 3],
            [3, 5],
            [8, 4],
          ]
        : [
            [0, 3],
            [3, 3],
            [6, 6],
          ];
    case 'hiphop':
      return [
        [0, 6],
        [6, 6],
      ];
    default:
      return [[0, 12]];
  }
}

/** Where the bass's root ends, its fifth starts and a pickup starts, per meter (steps within the bar). */
const BASS_STEPS: Readonly<Record<Meter, { rootEnd: number; fifthAt: number; pickupAt: number }>> = {
  '4/4': { rootEnd: 6, fifthAt: 8, pickupAt: 14 },
  '3/4': { rootEnd: 6, fifthAt: 8, pickupAt: 10 },
  '6/8': { rootEnd: 4, fifthAt: 6, pickupAt: 10 },
};

/**
 * Bass rule: the chord root on beat 1 (accent), the fifth on beat 3 (6/8: on beat 2, the second dotted quarter), the
 * root an octave up on the last eighth when the next chord differs (a pickup); `none`-style arrangements hold the
 * root for the whole bar.
 */
export function bassLine(progression: readonly string[], style: string, meter?: Meter): ArrangementNote[] {
  const notes: ArrangementNote[] = [];
  const bar = meterSpec(meter).stepsPerBar;
  const { rootEnd, fifthAt, pickupAt } = BASS_STEPS[meter ?? '4/4'];
  progression.forEach((symbol, b) => {
    const root = bassRoot(symbol);
    if (root === null) return;
    const chord = parseChordSymbol(symbol);
    const fifth = root + (chord?.intervals[2] ?? 7);
    const at = b * bar;
    if (style === 'none') {
      notes.push({ pitch: root, quantizedStartStep: at, quantizedEndStep: at + bar, velocity: 100 });
      return;
    }
    const next = progression[b + 1];
    const pickup = next !== undefined && next !== symbol;
    notes.push({ pitch: root, quantizedStartStep: at, quantizedEndStep: at + rootEnd, velocity: 110 });
    notes.push({
      pitch: fifth,
      quantizedStartStep: at + fifthAt,
      quantizedEndStep: at + (pickup ? pickupAt : bar),
      velocity: 90,
    });
    if (pickup)
      notes.push({ pitch: root + 12, quantizedStartStep: at + pickupAt, quantizedEndStep: at + bar, velocity: 80 });
  });
  return notes;
}

export function chordTrack(progression: readonly string[], style: string, meter?: Meter): ArrangementNote[] {
  const notes: ArrangementNote[] = [];
  const rhythm = chordRhythm(style, meter);
  const bar = meterSpec(meter).stepsPerBar;
  progression.forEach((symbol, b) => {
    const pitches = voiceChord(symbol);
    for (const [start, len] of rhythm) {
      for (const pitch of pitches) {
        const s = b * bar + start;
        notes.push({ pitch, quantizedStartStep: s, quantizedEndStep: s + len, velocity: start === 0 ? 80 : 65 });
      }
    }
  });
  return notes;
}

/** Drum hits from the style's pattern in the meter (16 steps in 4/4, 12 in 3/4 and 6/8), each a sixteenth long. */
export function drumTrack(style: string, bars: number, meter?: Meter): ArrangementNote[] {
  const pattern = drumPattern(drumStyle(style), meter);
  const steps = meterSpec(meter).stepsPerBar;
  const notes: ArrangementNote[] = [];
  for (let bar = 0; bar < bars; bar++) {
    for (const [voice, line] of Object.entries(pattern) as Array<[DrumVoice, string]>) {
      for (let s = 0; s < Math.min(steps, line.length); s++) {
        const v = hitVelocity(line[s] ?? '-');
        if (v === 0) continue;
        const at = bar * steps + s;
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
  const end = p.bars * meterSpec(p.meter).stepsPerBar;
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
        notes: sorted(chordTrack(progression, p.style, p.meter)),
      },
      {
        id: 'bass',
        instrument: instruments.bass,
        muted: false,
        solo: false,
        notes: sorted(bassLine(progression, p.style, p.meter)),
      },
      {
        id: 'drums',
        instrument: instruments.drums,
        muted: false,
        solo: false,
        notes: sorted(drumTrack(p.style, p.bars, p.meter)),
      },
    ],
    ...recordMeter(p.meter),
  };
}
