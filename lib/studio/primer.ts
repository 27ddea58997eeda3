/**
 * The creator's own primer: notes from an uploaded MIDI file or played on the computer keyboard, quantised to the
 * sixteenth grid and made into the melody primer the model continues (a ComposeRequest `primer` of type `melody`).
 *
 * The rules, in order: drum notes (channel 10) are dropped; whole empty bars before the first note are cut; only
 * the first PRIMER_MAX_BARS bars are kept; of notes starting on the same step the highest is kept (the model's
 * melody encoding is monophonic) and each note ends at the latest where the next one starts; every note is at least
 * one step long; pitches are moved by octaves into the model range 48..83; the primer lasts whole bars of the
 * studio's meter (16 steps in 4/4, 12 in 3/4 and 6/8).
 */
import { z } from 'zod';
import { METERS, meterSpec, type Meter } from '../generation/arrangement/meter';
import { primerNoteSchema } from '../generation/compose/request';
import { midiToNotes } from '../generation/export/midi';
import { DEFAULT_MAX_PITCH, DEFAULT_MIN_PITCH, type QuantizedNote } from '../generation/notes/melody';
import { sniffMidi } from '../tracks/sniff';
import { BaseError } from '../errors/base';

/** Largest MIDI file the studio reads as a primer. */
export const PRIMER_MAX_BYTES = 64 * 1024;
export const PRIMER_MAX_BARS = 4;
const MAX_STEPS = PRIMER_MAX_BARS * meterSpec('4/4').stepsPerBar;
/** The shortest bar (3/4 and 6/8). */
const MIN_STEPS = Math.min(meterSpec('3/4').stepsPerBar, meterSpec('6/8').stepsPerBar);

export const recordedPrimerSchema = z
  .object({
    /** Where the notes came from: the file name, or `keyboard`. */
    source: z.string().min(1).max(200),
    notes: z.array(primerNoteSchema).min(1).max(MAX_STEPS),
    totalSteps: z.number().int().min(MIN_STEPS).max(MAX_STEPS),
  })
  .strict();
export type RecordedPrimer = z.infer<typeof recordedPrimerSchema>;

export class PrimerError extends BaseError {
  override name = 'PrimerError';
}

function intoRange(pitch: number): number {
  let p = pitch;
  while (p < DEFAULT_MIN_PITCH) p += 12;
  while (p > DEFAULT_MAX_PITCH) p -= 12;
  return p;
}

/** Quantised notes (any polyphony, any range) -> the melody primer in `meter` (default 4/4), by the rules above. */
export function melodyPrimer(notes: readonly QuantizedNote[], source: string, meter?: Meter): RecordedPrimer {
  if (notes.length === 0) throw new PrimerError(`${source} has no notes to continue.`);
  const bar = meterSpec(meter).stepsPerBar;
  const maxSteps = PRIMER_MAX_BARS * bar;
  const first = Math.min(...notes.map((n) => n.quantizedStartStep));
  const offset = Math.floor(first / bar) * bar;
  const sorted = notes
    .map((n) => ({
      ...n,
      quantizedStartStep: n.quantizedStartStep - offset,
      quantizedEndStep: n.quantizedEndStep - offset,
    }))
    .filter((n) => n.quantizedStartStep < maxSteps)
    .sort((a, b) => a.quantizedStartStep - b.quantizedStartStep || b.pitch - a.pitch);
  const mono = sorted.filter((n, i) => i === 0 || sorted[i - 1]?.quantizedStartStep !== n.quantizedStartStep);
  const lastEnd = Math.max(...mono.map((n) => Math.max(n.quantizedEndStep, n.quantizedStartStep + 1)));
  const totalSteps = Math.min(maxSteps, Math.ceil(lastEnd / bar) * bar);
  const out = mono.map((n, i) => {
    const next = mono[i + 1]?.quantizedStartStep ?? totalSteps;
    const end = Math.min(Math.max(n.quantizedEndStep, n.quantizedStartStep + 1), next, totalSteps);
    return { pitch: intoRange(n.pitch), quantizedStartStep: n.quantizedStartStep, quantizedEndStep: end };
  });
  return recordedPrimerSchema.parse({ source, notes: out, totalSteps });
}

/** Reads an uploaded MIDI file (checked before parsing) into a primer in `meter`; PrimerError says what is wrong. */
export function primerFromMidi(bytes: Uint8Array, name: string, meter?: Meter): RecordedPrimer {
  const source = name.slice(0, 200) || 'MIDI file';
  if (bytes.byteLength > PRIMER_MAX_BYTES)
    throw new PrimerError(`${source} is ${bytes.byteLength} bytes; a primer file may be at most ${PRIMER_MAX_BYTES}.`);
  let tracks;
  try {
    sniffMidi(bytes, source);
    tracks = midiToNotes(bytes).tracks;
  } catch (e) {
    throw new PrimerError(`${source} could not be read: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return melodyPrimer(
    tracks.filter((t) => t.channel !== 9).flatMap((t) => t.notes),
    source,
    meter,
  );
}

/**
 * The studio meter a MIDI file is written in: its first time signature when the studio has it (2/2 reads as 4/4, the
 * same 16-step bar); undefined for another meter or a file that does not parse (primerFromMidi then says why).
 */
export function studioMeterOfMidi(bytes: Uint8Array): Meter | undefined {
  let signature: readonly [number, number];
  try {
    signature = midiToNotes(bytes).timeSignature;
  } catch {
    return undefined;
  }
  const name = signature[0] === 2 && signature[1] === 2 ? '4/4' : `${signature[0]}/${signature[1]}`;
  return METERS.find((m) => m === name);
}

/** A note played on the computer keyboard: its pitch and when it went down and up (ms, any clock). */
export type PlayedNote = { pitch: number; downMs: number; upMs: number };

/** Played notes -> primer: times from the first key down, rounded to the nearest sixteenth at `tempo`. */
export function primerFromPlayed(played: readonly PlayedNote[], tempo: number, meter?: Meter): RecordedPrimer {
  const t0 = Math.min(...played.map((p) => p.downMs));
  const msPerStep = 60_000 / tempo / 4;
  const step = (ms: number) => Math.max(0, Math.round((ms - t0) / msPerStep));
  return melodyPrimer(
    played.map((p) => ({
      pitch: p.pitch,
      quantizedStartStep: step(p.downMs),
      quantizedEndStep: Math.max(step(p.downMs) + 1, step(p.upMs)),
    })),
    'keyboard',
    meter,
  );
}

/** One octave on the computer keyboard (as in most DAWs): white keys A S D F G H J K, black keys W E T Y U. */
export const KEY_SEMITONES: Readonly<Record<string, number>> = {
  a: 0,
  w: 1,
  s: 2,
  e: 3,
  d: 4,
  f: 5,
  t: 6,
  g: 7,
  y: 8,
  h: 9,
  u: 10,
  j: 11,
  k: 12,
};
export const BASE_OCTAVE_PITCH = 60;

/** What a key does in the "Play notes" area: a note at the current octave, an octave change (Z down, X up), or nothing. */
export function keyAction(
  key: string,
  octaveBase: number,
): { type: 'note'; pitch: number } | { type: 'octave'; base: number } | null {
  const k = key.toLowerCase();
  if (k === 'z') return { type: 'octave', base: Math.max(DEFAULT_MIN_PITCH, octaveBase - 12) };
  if (k === 'x') return { type: 'octave', base: Math.min(DEFAULT_MAX_PITCH - 11, octaveBase + 12) };
  const s = KEY_SEMITONES[k];
  return s === undefined ? null : { type: 'note', pitch: octaveBase + s };
}

/** e.g. `4 notes over 1 bar` (bars of `meter`, default 4/4; a primer made in another meter: `over 1.33 bars`). */
export function notesOverBars(p: { notes: readonly unknown[]; totalSteps: number }, meter?: Meter): string {
  const bars = Math.round((p.totalSteps / meterSpec(meter).stepsPerBar) * 100) / 100;
  return `${p.notes.length} note${p.notes.length === 1 ? '' : 's'} over ${bars} bar${bars === 1 ? '' : 's'}`;
}

/** One line saying what the primer holds. */
export function primerSummary(p: RecordedPrimer, meter?: Meter): string {
  return `${notesOverBars(p, meter)} from ${p.source}`;
}
