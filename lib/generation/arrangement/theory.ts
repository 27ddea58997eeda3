/**
 * Keys, scales and chord symbols for the arrangement (pure).
 *
 * Chord symbols use the suffixes of lib/generation/notes/chords.ts (the set Magenta's PitchChordEncoder parses):
 * '', m, 7, m7, maj7, dim, aug, m7b5, dim7, sus4, 6; roots C..B with one optional '#' or 'b'. `N.C.` is no chord.
 */
import { BaseError } from '../../errors/base';
export const KEYS = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
export type KeyName = (typeof KEYS)[number];

export const SCALES = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  mixolydian: [0, 2, 4, 5, 7, 9, 10],
  harmonicMinor: [0, 2, 3, 5, 7, 8, 11],
  majorPentatonic: [0, 2, 4, 7, 9],
  minorPentatonic: [0, 3, 5, 7, 10],
} as const satisfies Record<string, readonly number[]>;
export type ScaleName = keyof typeof SCALES;
export const SCALE_NAMES = Object.keys(SCALES) as ScaleName[];

export class ChordSymbolError extends BaseError {
  constructor(symbol: string) {
    super(`cannot parse chord symbol "${symbol}"`);
    this.name = 'ChordSymbolError';
  }
}

const LETTER_PC: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

export const CHORD_SUFFIXES: Readonly<Record<string, readonly number[]>> = {
  '': [0, 4, 7],
  m: [0, 3, 7],
  '7': [0, 4, 7, 10],
  m7: [0, 3, 7, 10],
  maj7: [0, 4, 7, 11],
  dim: [0, 3, 6],
  aug: [0, 4, 8],
  m7b5: [0, 3, 6, 10],
  dim7: [0, 3, 6, 9],
  sus4: [0, 5, 7],
  '6': [0, 4, 7, 9],
};

export const NO_CHORD_SYMBOL = 'N.C.';

export type ParsedChord = { root: number; intervals: readonly number[]; suffix: string };

export function mod12(n: number): number {
  return ((n % 12) + 12) % 12;
}

export function keyPitchClass(key: KeyName): number {
  return KEYS.indexOf(key);
}

/** Parses `C`, `F#m7`, `Bbmaj7`...; returns null for `N.C.`; throws ChordSymbolError otherwise. */
export function parseChordSymbol(symbol: string): ParsedChord | null {
  if (symbol === NO_CHORD_SYMBOL) return null;
  const m = /^([A-G])([#b]?)(.*)$/.exec(symbol);
  if (!m) throw new ChordSymbolError(symbol);
  const [, letter = 'C', acc = '', suffix = ''] = m;
  const intervals = CHORD_SUFFIXES[suffix];
  if (!intervals) throw new ChordSymbolError(symbol);
  const base = LETTER_PC[letter] ?? 0;
  return { root: mod12(base + (acc === '#' ? 1 : acc === 'b' ? -1 : 0)), intervals, suffix };
}

export function chordSymbol(root: number, suffix: string): string {
  return `${KEYS[mod12(root)] ?? 'C'}${suffix}`;
}

/** Is pitch class `pc` in the scale? */
export function inScale(pitch: number, key: KeyName, scale: ScaleName): boolean {
  const rel = mod12(pitch - keyPitchClass(key));
  return (SCALES[scale] as readonly number[]).includes(rel);
}

/** Moves a pitch to the nearest scale tone (ties go down), keeping it in [min, max] when possible. */
export function snapToScale(pitch: number, key: KeyName, scale: ScaleName, min = 0, max = 127): number {
  if (inScale(pitch, key, scale)) return pitch;
  for (let d = 1; d < 12; d++) {
    if (pitch - d >= min && inScale(pitch - d, key, scale)) return pitch - d;
    if (pitch + d <= max && inScale(pitch + d, key, scale)) return pitch + d;
  }
  return pitch;
}

/** The scale's pitches in [low, high]. */
export function scalePitches(key: KeyName, scale: ScaleName, low: number, high: number): number[] {
  const out: number[] = [];
  for (let p = low; p <= high; p++) if (inScale(p, key, scale)) out.push(p);
  return out;
}

/**
 * Triad (or seventh) on scale degree `degree` (0-based) built by stacking scale thirds; named with the matching
 * suffix. Pentatonic scales borrow the major / natural minor scale for harmony.
 */
export function diatonicChord(key: KeyName, scale: ScaleName, degree: number, seventh = false): string {
  const harmonyScale: ScaleName = scale === 'majorPentatonic' ? 'major' : scale === 'minorPentatonic' ? 'minor' : scale;
  const steps = SCALES[harmonyScale] as readonly number[];
  const n = steps.length;
  const at = (i: number): number => {
    const octave = Math.floor(i / n);
    return (steps[((i % n) + n) % n] ?? 0) + 12 * octave;
  };
  const root = at(degree);
  const third = at(degree + 2) - root;
  const fifth = at(degree + 4) - root;
  const sev = at(degree + 6) - root;
  const want = seventh ? [0, third, fifth, sev] : [0, third, fifth];
  let suffix = '';
  for (const [s, iv] of Object.entries(CHORD_SUFFIXES)) {
    if (iv.length === want.length && iv.every((v, i) => v === want[i])) {
      suffix = s;
      break;
    }
  }
  return chordSymbol(keyPitchClass(key) + root, suffix);
}
