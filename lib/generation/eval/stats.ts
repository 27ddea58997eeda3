/**
 * Statistics of generated melodies against a reference corpus (pure functions over note lists).
 */
import type { QuantizedNote } from '../notes/melody';

export type MelodyStats = {
  /** Number of sequences. */
  sequences: number;
  /** Total variation distance (0..1) between this set's pitch-class histogram and the reference's. */
  pitchClassDistance: number;
  /** Share of notes inside the best-fitting diatonic (major / relative minor) scale of their sequence. */
  inKeyRatio: number;
  /** Share of consecutive notes that repeat the previous pitch. */
  repeatedNoteRatio: number;
  /** Notes per bar of 16 steps. */
  notesPerBar: number;
  /** Mean (highest - lowest pitch) per sequence, semitones. */
  meanRange: number;
  /** Share of notes whose pitch class is in the chord sounding at their start (only with chords). */
  chordToneRatio?: number;
};

export type StatsInput = {
  notes: readonly QuantizedNote[];
  steps: number;
  /** Pitch classes of the chord at each step (chord-conditioned sets). */
  chordPitchClasses?: ReadonlyArray<readonly number[]>;
};

const MAJOR = [0, 2, 4, 5, 7, 9, 11];

export function pitchClassHistogram(sets: readonly StatsInput[]): number[] {
  const h = new Array<number>(12).fill(0);
  let n = 0;
  for (const s of sets)
    for (const note of s.notes) {
      h[note.pitch % 12] = (h[note.pitch % 12] ?? 0) + 1;
      n++;
    }
  return h.map((v) => (n ? v / n : 0));
}

export function totalVariation(a: readonly number[], b: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) d += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return d / 2;
}

/** Notes in the best of the 12 major scales (equivalently their relative minors) for this note list. */
export function inKeyCount(notes: readonly QuantizedNote[]): number {
  let best = 0;
  for (let tonic = 0; tonic < 12; tonic++) {
    const scale = new Set(MAJOR.map((i) => (tonic + i) % 12));
    let c = 0;
    for (const n of notes) if (scale.has(n.pitch % 12)) c++;
    best = Math.max(best, c);
  }
  return best;
}

export function melodyStats(sets: readonly StatsInput[], reference: readonly StatsInput[]): MelodyStats {
  let notes = 0;
  let inKey = 0;
  let pairs = 0;
  let repeats = 0;
  let steps = 0;
  let rangeSum = 0;
  let rangeCount = 0;
  let chordNotes = 0;
  let chordTones = 0;
  let hasChords = false;
  for (const s of sets) {
    const sorted = [...s.notes].sort((a, b) => a.quantizedStartStep - b.quantizedStartStep);
    notes += sorted.length;
    inKey += inKeyCount(sorted);
    steps += s.steps;
    for (let i = 1; i < sorted.length; i++) {
      pairs++;
      if (sorted[i]?.pitch === sorted[i - 1]?.pitch) repeats++;
    }
    if (sorted.length) {
      const ps = sorted.map((n) => n.pitch);
      rangeSum += Math.max(...ps) - Math.min(...ps);
      rangeCount++;
    }
    if (s.chordPitchClasses) {
      hasChords = true;
      for (const n of sorted) {
        const pcs = s.chordPitchClasses[n.quantizedStartStep];
        if (!pcs || pcs.length === 0) continue;
        chordNotes++;
        if (pcs.includes(n.pitch % 12)) chordTones++;
      }
    }
  }
  const stats: MelodyStats = {
    sequences: sets.length,
    pitchClassDistance: totalVariation(pitchClassHistogram(sets), pitchClassHistogram(reference)),
    inKeyRatio: notes ? inKey / notes : 0,
    repeatedNoteRatio: pairs ? repeats / pairs : 0,
    notesPerBar: steps ? (notes / steps) * 16 : 0,
    meanRange: rangeCount ? rangeSum / rangeCount : 0,
  };
  if (hasChords) stats.chordToneRatio = chordNotes ? chordTones / chordNotes : 0;
  return stats;
}

/** A markdown table, one row per labelled set. */
export function statsTable(rows: ReadonlyArray<{ label: string; stats: MelodyStats }>): string {
  const withChords = rows.some((r) => r.stats.chordToneRatio !== undefined);
  const head = ['set', 'n', 'PC-hist distance (TV)', 'in-key', 'repeated notes', 'notes / bar', 'range (st)'];
  if (withChords) head.push('chord tones');
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const { label, stats: s } of rows) {
    const cells = [
      label,
      String(s.sequences),
      s.pitchClassDistance.toFixed(3),
      s.inKeyRatio.toFixed(3),
      s.repeatedNoteRatio.toFixed(3),
      s.notesPerBar.toFixed(2),
      s.meanRange.toFixed(1),
    ];
    if (withChords) cells.push(s.chordToneRatio === undefined ? '-' : s.chordToneRatio.toFixed(3));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
