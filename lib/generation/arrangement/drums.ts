/**
 * Drum styles: 16-step (one 4/4 bar of sixteenths) patterns per General MIDI drum, velocity 0 = rest (pure data).
 */
import { BaseError } from '../../errors/base';
export const GM_DRUMS = { kick: 36, snare: 38, closedHat: 42, openHat: 46, clap: 39, rim: 37 } as const;
export type DrumVoice = keyof typeof GM_DRUMS;

export type DrumStyle = { id: string; name: string; pattern: Partial<Record<DrumVoice, string>> };

/** Pattern strings: one character per sixteenth; `x` = accent (110), `o` = normal (85), `.` = ghost (50), `-` = rest. */
export const DRUM_STYLES: readonly DrumStyle[] = [
  {
    id: 'rock',
    name: 'Rock',
    pattern: { kick: 'x-----o-x-o-----', snare: '----x-------x---', closedHat: 'o-o-o-o-o-o-o-o-' },
  },
  {
    id: 'pop',
    name: 'Pop',
    pattern: {
      kick: 'x-----o---o-----',
      snare: '----x-------x---',
      closedHat: 'ooooxoooooooxooo',
      clap: '------------x---',
    },
  },
  {
    id: 'hiphop',
    name: 'Hip-hop',
    pattern: { kick: 'x-----x---o--o--', snare: '----x-------x--.', closedHat: 'o-o-o-o-o-o-o-oo' },
  },
  {
    id: 'four-on-the-floor',
    name: 'Four on the floor',
    pattern: {
      kick: 'x---x---x---x---',
      clap: '----x-------x---',
      openHat: '--o---o---o---o-',
      closedHat: 'o-.-o-.-o-.-o-.-',
    },
  },
  {
    id: 'bossa',
    name: 'Bossa nova',
    pattern: { kick: 'x--ox--ox--ox--o', rim: 'x--x--x---x--x--', closedHat: 'oooooooooooooooo' },
  },
  {
    id: 'half-time',
    name: 'Half time',
    pattern: { kick: 'x-------o-x-----', snare: '--------x-------', closedHat: 'o---o---o---o---' },
  },
  { id: 'none', name: 'No drums', pattern: {} },
];

export class UnknownStyleError extends BaseError {
  constructor(id: string) {
    super(`unknown drum style: ${id}`);
    this.name = 'UnknownStyleError';
  }
}

export function drumStyle(id: string): DrumStyle {
  const s = DRUM_STYLES.find((d) => d.id === id);
  if (!s) throw new UnknownStyleError(id);
  return s;
}

export function hitVelocity(ch: string): number {
  return ch === 'x' ? 110 : ch === 'o' ? 85 : ch === '.' ? 50 : 0;
}
