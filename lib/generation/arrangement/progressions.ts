/** A small library of chord progressions (scale degrees, 0-based) and a seeded suggestion (pure). */
import { Sfc32 } from '../sampling/prng';
import { diatonicChord, type KeyName, type ScaleName } from './theory';

export type ProgressionTemplate = { id: string; name: string; degrees: readonly number[]; mode: 'major' | 'minor' };

export const PROGRESSIONS: readonly ProgressionTemplate[] = [
  { id: 'pop', name: 'I–V–vi–IV', degrees: [0, 4, 5, 3], mode: 'major' },
  { id: 'doo-wop', name: 'I–vi–IV–V', degrees: [0, 5, 3, 4], mode: 'major' },
  { id: 'jazz', name: 'ii–V–I–vi', degrees: [1, 4, 0, 5], mode: 'major' },
  { id: 'folk', name: 'I–IV–I–V', degrees: [0, 3, 0, 4], mode: 'major' },
  { id: 'axis-minor', name: 'i–VI–III–VII', degrees: [0, 5, 2, 6], mode: 'minor' },
  { id: 'minor-cadence', name: 'i–iv–v–i', degrees: [0, 3, 4, 0], mode: 'minor' },
  { id: 'andalusian', name: 'i–VII–VI–v', degrees: [0, 6, 5, 4], mode: 'minor' },
];

export function scaleMode(scale: ScaleName): 'major' | 'minor' {
  return scale === 'major' || scale === 'mixolydian' || scale === 'majorPentatonic' ? 'major' : 'minor';
}

/** The progression `template` in `key`/`scale`, one chord per bar, repeated to `bars` bars. */
export function progressionFromTemplate(
  template: ProgressionTemplate,
  key: KeyName,
  scale: ScaleName,
  bars: number,
): string[] {
  const chords = template.degrees.map((d) => diatonicChord(key, scale, d));
  return Array.from({ length: bars }, (_, i) => chords[i % chords.length] ?? chords[0] ?? 'C');
}

/** A progression suited to the scale, chosen by the seed (same seed, same choice), one chord per bar. */
export function suggestProgression(
  key: KeyName,
  scale: ScaleName,
  bars: number,
  seed: number,
): { templateId: string; chords: string[] } {
  const fits = PROGRESSIONS.filter((p) => p.mode === scaleMode(scale));
  // `>>> 0`: XOR yields a signed int32, negative for seeds >= 2^31, which Sfc32 refuses; the same value below 2^31.
  const rng = new Sfc32((seed ^ 0x5eed) >>> 0);
  const pick = fits[rng.nextUint32() % fits.length] ?? PROGRESSIONS[0];
  if (!pick) throw new Error('no progression templates');
  return { templateId: pick.id, chords: progressionFromTemplate(pick, key, scale, bars) };
}

/** Repeats (or cuts) a user progression to one chord per bar. */
export function progressionPerBar(chords: readonly string[], bars: number): string[] {
  if (chords.length === 0) return Array.from({ length: bars }, () => 'N.C.');
  return Array.from({ length: bars }, (_, i) => chords[i % chords.length] ?? 'N.C.');
}
