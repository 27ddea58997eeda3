/**
 * Magenta's melody event encoding (`MelodyConverter`, `@magenta/music` 1.23.1 `core/melodies.js`), in pure TS so the
 * data preparation, the n-gram baselines and the sample statistics use exactly the events the model sees.
 *
 * One event per quantized step: 0 = no event (hold the current note or stay silent), 1 = note-off,
 * 2 + (pitch - minPitch) = a note starts. With minPitch 48 / maxPitch 83 the vocabulary has 38 events.
 * `lib/generation/notes/melody.test.ts` checks this against Magenta's own `Melody` class.
 */
import { BaseError } from '../../errors/base';
export const MELODY_NO_EVENT = 0;
export const MELODY_NOTE_OFF = 1;
export const MELODY_FIRST_PITCH = 2;
export const DEFAULT_MIN_PITCH = 48;
export const DEFAULT_MAX_PITCH = 83;
export const STEPS_PER_QUARTER = 4;

export type QuantizedNote = {
  pitch: number;
  quantizedStartStep: number;
  quantizedEndStep: number;
};

export type MelodyRange = { minPitch: number; maxPitch: number };
export const DEFAULT_RANGE: MelodyRange = { minPitch: DEFAULT_MIN_PITCH, maxPitch: DEFAULT_MAX_PITCH };

export class MelodyEncodingError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'MelodyEncodingError';
  }
}

export function vocabularySize(range: MelodyRange = DEFAULT_RANGE): number {
  return range.maxPitch - range.minPitch + 1 + MELODY_FIRST_PITCH;
}

/**
 * Same algorithm as Magenta's `Melody.fromNoteSequence(ns, min, max, ignorePolyphony = true)`: notes sorted by start
 * (higher pitch first on ties), a note sharing a start with an earlier one is dropped, each note writes its pitch at its
 * start and a note-off at its end (a later note starting there overwrites the note-off).
 */
export function melodyEventsFromNotes(
  notes: readonly QuantizedNote[],
  totalSteps: number,
  range: MelodyRange = DEFAULT_RANGE,
): Int32Array {
  const sorted = [...notes].sort((a, b) =>
    a.quantizedStartStep === b.quantizedStartStep ? b.pitch - a.pitch : a.quantizedStartStep - b.quantizedStartStep,
  );
  const events = new Int32Array(totalSteps);
  let lastStart = -1;
  for (const n of sorted) {
    if (n.quantizedStartStep === lastStart) continue;
    if (n.pitch < range.minPitch || n.pitch > range.maxPitch) {
      throw new MelodyEncodingError(`pitch ${n.pitch} is outside ${range.minPitch}..${range.maxPitch}`);
    }
    if (n.quantizedStartStep < totalSteps) events[n.quantizedStartStep] = n.pitch - range.minPitch + MELODY_FIRST_PITCH;
    if (n.quantizedEndStep < totalSteps) events[n.quantizedEndStep] = MELODY_NOTE_OFF;
    lastStart = n.quantizedStartStep;
  }
  return events;
}

/** Same algorithm as Magenta's `Melody.toNoteSequence`: the notes an event sequence stands for. */
export function notesFromMelodyEvents(events: ArrayLike<number>, range: MelodyRange = DEFAULT_RANGE): QuantizedNote[] {
  const notes: QuantizedNote[] = [];
  let current: { pitch: number; start: number } | null = null;
  for (let s = 0; s < events.length; s++) {
    const e = events[s] ?? MELODY_NO_EVENT;
    if (e === MELODY_NO_EVENT) continue;
    if (current) notes.push({ pitch: current.pitch, quantizedStartStep: current.start, quantizedEndStep: s });
    current = e === MELODY_NOTE_OFF ? null : { pitch: e - MELODY_FIRST_PITCH + range.minPitch, start: s };
  }
  if (current) notes.push({ pitch: current.pitch, quantizedStartStep: current.start, quantizedEndStep: events.length });
  return notes;
}

/** Sorts notes canonically (start, then pitch, then end). */
export function sortNotes<N extends QuantizedNote>(notes: readonly N[]): N[] {
  return [...notes].sort(
    (a, b) =>
      a.quantizedStartStep - b.quantizedStartStep || a.pitch - b.pitch || a.quantizedEndStep - b.quantizedEndStep,
  );
}
