/**
 * Form and harmony of generated pieces (the `model.samples.*` bench figures): does a piece repeat itself as tunes
 * do, end on the tonic, stay in its key, sit on its chords, and avoid copying the training tunes. Pure functions over
 * quantized notes (sixteenth steps, 16 to a 4/4 bar); the bench (bench/model-samples.ts) composes the pieces.
 */
import type { QuantizedNote } from '../notes/melody';
import { inScale, keyPitchClass, mod12, parseChordSymbol, type KeyName, type ScaleName } from '../arrangement/theory';
import { STEPS_PER_BAR } from '../arrangement/types';

/** What a bar sounds like, as a comparable string: its notes' pitches and positions inside the bar (clipped to it). */
function barPattern(notes: readonly QuantizedNote[], bar: number, barSteps: number): string {
  const from = bar * barSteps;
  const to = from + barSteps;
  return notes
    .filter((n) => n.quantizedStartStep < to && n.quantizedEndStep > from)
    .map((n) => [n.pitch, Math.max(n.quantizedStartStep, from) - from, Math.min(n.quantizedEndStep, to) - from])
    .sort((a, b) => a[1]! - b[1]! || a[0]! - b[0]!)
    .map((x) => x.join(':'))
    .join(' ');
}

/**
 * The share of bars after the first that sound exactly like an earlier bar (same pitches at the same places), the
 * measure of repetition the outside evaluation used. Empty bars do not count as repeats. `barSteps`: 12 for 3/4 and
 * 6/8 bars.
 */
export function barRepeatShare(notes: readonly QuantizedNote[], bars: number, barSteps = STEPS_PER_BAR): number {
  if (bars < 2) return 0;
  const seen = new Set<string>();
  let repeats = 0;
  for (let b = 0; b < bars; b++) {
    const p = barPattern(notes, b, barSteps);
    if (b > 0 && p !== '' && seen.has(p)) repeats++;
    seen.add(p);
  }
  return repeats / (bars - 1);
}

/** The last note (the latest start; the highest on a tie) is the key's tonic, in any octave. */
export function endsOnTonic(notes: readonly QuantizedNote[], key: KeyName): boolean {
  const last = [...notes].sort((a, b) => b.quantizedStartStep - a.quantizedStartStep || b.pitch - a.pitch)[0];
  return last !== undefined && mod12(last.pitch) === keyPitchClass(key);
}

/** Notes in the key's scale, and notes in all. */
export function inKeyCount(notes: readonly QuantizedNote[], key: KeyName, scale: ScaleName): [number, number] {
  return [notes.filter((n) => inScale(n.pitch, key, scale)).length, notes.length];
}

/** Notes whose pitch class is a tone of the chord sounding at their start (one chord per bar), and notes in all. */
export function chordToneCount(
  notes: readonly QuantizedNote[],
  chordPerBar: readonly string[],
  barSteps = STEPS_PER_BAR,
): [number, number] {
  let on = 0;
  let all = 0;
  for (const n of notes) {
    const symbol = chordPerBar[Math.floor(n.quantizedStartStep / barSteps)];
    const chord = symbol === undefined ? null : parseChordSymbol(symbol);
    if (!chord) continue; // no chord (N.C. or past the progression): nothing to sit on
    all++;
    if (chord.intervals.some((i) => mod12(chord.root + i) === mod12(n.pitch))) on++;
  }
  return [on, all];
}

/**
 * A melody as one token per sixteenth step (the pitch at an onset, -2 where a note ends, -1 for nothing new), the
 * form in which a copy is looked for: absolute pitches, so a copy means the same notes in the same key.
 */
export function stepTokens(notes: readonly QuantizedNote[], totalSteps: number): Int16Array {
  const tokens = new Int16Array(totalSteps).fill(-1);
  const sorted = [...notes].sort((a, b) => a.quantizedStartStep - b.quantizedStartStep || b.pitch - a.pitch);
  for (const n of sorted) {
    if (n.quantizedEndStep < totalSteps && tokens[n.quantizedEndStep] === -1) tokens[n.quantizedEndStep] = -2;
    if (n.quantizedStartStep < totalSteps) tokens[n.quantizedStartStep] = n.pitch;
  }
  return tokens;
}

/** The smallest number of onsets a window needs to count as a copy (a few held notes match too much). */
export const MIN_ONSETS_FOR_COPY = 4;

function onsets(tokens: ArrayLike<number>, from: number, length: number): number {
  let count = 0;
  for (let i = from; i < from + length; i++) if ((tokens[i] ?? -1) >= 0) count++;
  return count;
}

/** Every window of `length` steps of the training melodies (at every offset) with enough onsets, as keys. */
export function windowIndex(melodies: readonly ArrayLike<number>[], length: number): Set<string> {
  const index = new Set<string>();
  for (const tokens of melodies)
    for (let t = 0; t + length <= tokens.length; t++)
      if (onsets(tokens, t, length) >= MIN_ONSETS_FOR_COPY)
        index.add(Array.prototype.slice.call(tokens, t, t + length).join(','));
  return index;
}

/** Does any bar-aligned window of `length` steps of the piece appear verbatim in the index? */
export function copiesAWindow(tokens: ArrayLike<number>, index: ReadonlySet<string>, length: number): boolean {
  for (let t = 0; t + length <= tokens.length; t += STEPS_PER_BAR)
    if (
      onsets(tokens, t, length) >= MIN_ONSETS_FOR_COPY &&
      index.has(Array.prototype.slice.call(tokens, t, t + length).join(','))
    )
      return true;
  return false;
}
