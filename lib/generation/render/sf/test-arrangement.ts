/**
 * A fixed 4-track arrangement for the SoundFont renderer's tests and bench (no model needed): a melody walking
 * through the scale over "C G Am F", with the arrangement's chords, bass and drums.
 */
import { arrange } from '../../arrangement/arrange';
import type { Arrangement } from '../../arrangement/types';

export function sfTestArrangement(bars: number, tempo = 120): Arrangement {
  const scale = [60, 62, 64, 65, 67, 69, 71, 72];
  const melody = Array.from({ length: bars * 4 }, (_, i) => ({
    pitch: scale[(i * 3) % scale.length] ?? 60,
    quantizedStartStep: i * 4,
    quantizedEndStep: i * 4 + (i % 3 === 2 ? 4 : 2),
    velocity: 70 + ((i * 11) % 50),
  }));
  return arrange({ melody, progression: ['C', 'G', 'Am', 'F'], bars, tempo, key: 'C', scale: 'major', style: 'pop' });
}
