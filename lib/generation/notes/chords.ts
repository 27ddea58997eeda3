/**
 * Chord symbols for the chord-conditioned model. The Nottingham chord tracks are MIDI (pitches, not symbols); this
 * names the sounding pitch-class set with a symbol that Magenta's chord parsing (tonal 2.x) understands, so training
 * data and the studio's progressions go through the same `PitchChordEncoder`.
 */
export const NO_CHORD = 'N.C.';

const ROOT_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'] as const;

/** Suffix and intervals (semitones above the root); every suffix was checked against tonal 2.2.2's `Chord.notes`. */
const TEMPLATES: ReadonlyArray<{ suffix: string; intervals: readonly number[] }> = [
  { suffix: '', intervals: [0, 4, 7] },
  { suffix: 'm', intervals: [0, 3, 7] },
  { suffix: '7', intervals: [0, 4, 7, 10] },
  { suffix: 'm7', intervals: [0, 3, 7, 10] },
  { suffix: 'maj7', intervals: [0, 4, 7, 11] },
  { suffix: 'dim', intervals: [0, 3, 6] },
  { suffix: 'aug', intervals: [0, 4, 8] },
  { suffix: 'm7b5', intervals: [0, 3, 6, 10] },
  { suffix: 'dim7', intervals: [0, 3, 6, 9] },
  { suffix: 'sus4', intervals: [0, 5, 7] },
  { suffix: '6', intervals: [0, 4, 7, 9] },
];

export function rootName(pitchClass: number): string {
  return ROOT_NAMES[((pitchClass % 12) + 12) % 12] ?? 'C';
}

/**
 * Names a set of sounding MIDI pitches. Exact template matches win (root = the bass when several roots match, e.g.
 * C6 vs Am7); otherwise the template with the best (matched - missing - extra) score, bass root preferred; a single
 * pitch class becomes its major triad symbol's root alone is not expressible, so it is named as a major chord.
 * No pitches: `N.C.`.
 */
export function chordSymbolFromPitches(pitches: readonly number[]): string {
  if (pitches.length === 0) return NO_CHORD;
  const bass = Math.min(...pitches) % 12;
  const pcs = new Set(pitches.map((p) => ((p % 12) + 12) % 12));
  let best: { score: number; symbol: string } | null = null;
  for (let r = 0; r < 12; r++) {
    const root = (bass + r) % 12; // bass first, so ties keep the bass as root
    for (let t = 0; t < TEMPLATES.length; t++) {
      const tpl = TEMPLATES[t];
      if (!tpl) continue;
      const tplPcs = new Set(tpl.intervals.map((i) => (root + i) % 12));
      let matched = 0;
      for (const pc of tplPcs) if (pcs.has(pc)) matched++;
      const missing = tplPcs.size - matched;
      let extra = 0;
      for (const pc of pcs) if (!tplPcs.has(pc)) extra++;
      if (!pcs.has(root)) continue;
      // Exact matches score highest; simpler templates (earlier) win ties; the bass root wins ties.
      const score =
        (missing === 0 && extra === 0 ? 1000 : 0) + 10 * matched - 12 * missing - 11 * extra - 0.01 * t - 0.001 * r;
      if (!best || score > best.score) best = { score, symbol: rootName(root) + tpl.suffix };
    }
  }
  return best ? best.symbol : rootName(bass);
}

/** One symbol per step from notes `{pitch, start, end}` (in steps): the pitches sounding at each step. */
export function chordSymbolsPerStep(
  notes: ReadonlyArray<{ pitch: number; quantizedStartStep: number; quantizedEndStep: number }>,
  totalSteps: number,
): string[] {
  const sounding: number[][] = Array.from({ length: totalSteps }, () => []);
  for (const n of notes) {
    for (let s = Math.max(0, n.quantizedStartStep); s < Math.min(totalSteps, n.quantizedEndStep); s++)
      sounding[s]?.push(n.pitch);
  }
  return sounding.map((ps) => chordSymbolFromPitches(ps));
}
