/**
 * The key and tempo of an arrangement after its edit log, from the generated key and tempo and the ops alone
 * (pure, no file parsing: the mint page and the track page use it as well as the pin route's metadata).
 */
import { KEYS, keyPitchClass, mod12, type KeyName, type ScaleName } from '../generation/arrangement/theory';
import type { EditOp } from '../generation/edit-log/schema';

export type GeneratedMusic = { key: KeyName; scale: ScaleName; tempo: number };

const SCALE_WORDS: Record<ScaleName, string> = {
  major: 'major',
  minor: 'minor',
  dorian: 'dorian',
  mixolydian: 'mixolydian',
  harmonicMinor: 'harmonic minor',
  majorPentatonic: 'major pentatonic',
  minorPentatonic: 'minor pentatonic',
};

/**
 * The key after the edit log. The chords track carries the harmony, so the tonic moves by the sum of the `transpose`
 * ops that include it; transposing the melody or bass alone leaves the key where the chords are.
 */
export function keyAfterEdits(
  generated: Pick<GeneratedMusic, 'key'>,
  ops: readonly EditOp[],
): { key: KeyName; semitones: number } {
  let semitones = 0;
  for (const op of ops) if (op.op === 'transpose' && op.tracks.includes('chords')) semitones += op.semitones;
  return { key: KEYS[mod12(keyPitchClass(generated.key) + semitones)] ?? generated.key, semitones };
}

/** The tempo after the edit log: the last `setTempo`, else the generated tempo. */
export function bpmAfterEdits(generated: Pick<GeneratedMusic, 'tempo'>, ops: readonly EditOp[]): number {
  return ops.reduce((t, op) => (op.op === 'setTempo' ? op.bpm : t), generated.tempo);
}

/** e.g. `Db major`, `A harmonic minor`. */
export function keyLabel(key: KeyName, scale: ScaleName): string {
  return `${key} ${SCALE_WORDS[scale]}`;
}

/** The key label and tempo after the edit log. */
export function editedMusic(
  generated: GeneratedMusic,
  ops: readonly EditOp[],
): { keyLabel: string; key: KeyName; transposedSemitones: number; bpm: number } {
  const { key, semitones } = keyAfterEdits(generated, ops);
  return {
    keyLabel: keyLabel(key, generated.scale),
    key,
    transposedSemitones: semitones,
    bpm: bpmAfterEdits(generated, ops),
  };
}
