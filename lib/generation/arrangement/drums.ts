/**
 * Drum styles: 16-step (one 4/4 bar of sixteenths) patterns per General MIDI drum, velocity 0 = rest, and 12-step
 * patterns for 3/4 (accents on the three quarter beats) and 6/8 (accents on the two dotted-quarter beats) (pure data).
 */
import { BaseError } from '../../errors/base';
import type { Meter, RecordedMeter } from './meter';
export const GM_DRUMS = { kick: 36, snare: 38, closedHat: 42, openHat: 46, clap: 39, rim: 37 } as const;
export type DrumVoice = keyof typeof GM_DRUMS;

export type DrumPattern = Partial<Record<DrumVoice, string>>;
export type DrumStyle = {
  id: string;
  name: string;
  /** 4/4: 16 characters per voice. */
  pattern: DrumPattern;
  /** 3/4 and 6/8: 12 characters per voice; an `x` (accent) only on a beat of the meter. */
  meters: Readonly<Record<RecordedMeter, DrumPattern>>;
};

/** Pattern strings: one character per sixteenth; `x` = accent (110), `o` = normal (85), `.` = ghost (50), `-` = rest. */
export const DRUM_STYLES: readonly DrumStyle[] = [
  {
    id: 'rock',
    name: 'Rock',
    pattern: { kick: 'x-----o-x-o-----', snare: '----x-------x---', closedHat: 'o-o-o-o-o-o-o-o-' },
    meters: {
      '3/4': { kick: 'x-------o---', snare: '----x---x---', closedHat: 'o-o-o-o-o-o-' },
      '6/8': { kick: 'x---------o-', snare: '------x-----', closedHat: 'x-o-o-x-o-o-' },
    },
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
    meters: {
      '3/4': { kick: 'x-------o---', snare: '----x---x---', closedHat: 'ooooxoooxooo', clap: '--------x---' },
      '6/8': { kick: 'x---o-------', snare: '------x-----', closedHat: 'o-o-o-o-o-o-', clap: '------x-----' },
    },
  },
  {
    id: 'hiphop',
    name: 'Hip-hop',
    pattern: { kick: 'x-----x---o--o--', snare: '----x-------x--.', closedHat: 'o-o-o-o-o-o-o-oo' },
    meters: {
      '3/4': { kick: 'x-----o---o-', snare: '----x------.', closedHat: 'o-o-o-o-o-oo' },
      '6/8': { kick: 'x---o-----o-', snare: '------x----.', closedHat: 'o-o-o-o-o-oo' },
    },
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
    meters: {
      '3/4': { kick: 'x---x---x---', clap: '----x---x---', openHat: '--o---o---o-', closedHat: 'o-.-o-.-o-.-' },
      '6/8': { kick: 'x-----x-----', clap: '------x-----', openHat: '--o-o---o-o-', closedHat: 'o-.-.-o-.-.-' },
    },
  },
  {
    id: 'bossa',
    name: 'Bossa nova',
    pattern: { kick: 'x--ox--ox--ox--o', rim: 'x--x--x---x--x--', closedHat: 'oooooooooooooooo' },
    meters: {
      '3/4': { kick: 'x--o---ox--o', rim: 'x--o--o---o-', closedHat: 'oooooooooooo' },
      '6/8': { kick: 'x----ox----o', rim: 'x--o--x--o--', closedHat: 'oooooooooooo' },
    },
  },
  {
    id: 'half-time',
    name: 'Half time',
    pattern: { kick: 'x-------o-x-----', snare: '--------x-------', closedHat: 'o---o---o---o---' },
    meters: {
      '3/4': { kick: 'x-------o---', snare: '--------x---', closedHat: 'o---o---o---' },
      '6/8': { kick: 'x-------o---', snare: '------x-----', closedHat: 'o-----o-----' },
    },
  },
  { id: 'none', name: 'No drums', pattern: {}, meters: { '3/4': {}, '6/8': {} } },
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

/** The style's pattern in `meter` (4/4: `pattern`; 3/4 and 6/8: `meters`). */
export function drumPattern(style: DrumStyle, meter: Meter | undefined): DrumPattern {
  return meter === undefined || meter === '4/4' ? style.pattern : style.meters[meter];
}
