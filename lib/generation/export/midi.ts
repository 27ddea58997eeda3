/**
 * Standard MIDI File export/import of an arrangement through the kept `@tonejs/midi` library (pure; Node and browser).
 * One track per arrangement track (drums on channel 10), 480 ticks per quarter (120 per sixteenth step), the tempo
 * in the header, and a time-signature meta event only for 3/4 and 6/8 (a 4/4 file is unchanged). Muted tracks are
 * still written (the file is the score; mute/solo is a mixing choice). A note's timing offset (`offsetTicks`, 120 per
 * step) is exactly that many MIDI ticks: the note is written at `start * 120 + offsetTicks` with its grid length.
 */
import * as midiModule from '@tonejs/midi';
import {
  MAX_OFFSET_TICKS,
  OFFSET_TICKS_PER_STEP,
  type Arrangement,
  type ArrangementNote,
  type TrackId,
} from '../arrangement/types';
import { meterSpec } from '../arrangement/meter';
import type { CoverNote } from './cover';
import { BaseError } from '../../errors/base';

type MidiCtor = typeof midiModule.Midi;
// @tonejs/midi is CommonJS: bundlers expose `Midi` as a named export, Node's ESM loader only under `default`.
const Midi: MidiCtor =
  (midiModule as { Midi?: MidiCtor }).Midi ?? (midiModule as unknown as { default: { Midi: MidiCtor } }).default.Midi;

export const MIDI_PPQ = 480;
export const TICKS_PER_STEP = MIDI_PPQ / 4;

/** General MIDI programs for the presets (0-based). */
const GM_PROGRAM: Record<string, number> = {
  lead: 80,
  pluck: 81,
  square: 80,
  flute: 73,
  pad: 89,
  keys: 4,
  bass: 38,
  subBass: 38,
};

export class MidiImportError extends BaseError {
  override name = 'MidiImportError';
}

/**
 * `title` names the file in its header (default `Motif <key> <scale>`, the arrangement's generated key: a caller that
 * knows the key after transpositions passes it, as the mint does).
 */
export function arrangementToMidi(a: Arrangement, opts: { title?: string } = {}): Uint8Array {
  const midi = new Midi();
  midi.header.setTempo(a.tempo);
  if (a.meter) {
    const m = meterSpec(a.meter);
    midi.header.timeSignatures.push({ ticks: 0, timeSignature: [m.numerator, m.denominator] });
  }
  midi.header.name = opts.title ?? `Motif ${a.key} ${a.scale}`;
  a.tracks.forEach((t, i) => {
    const tr = midi.addTrack();
    tr.name = t.id;
    tr.channel = t.id === 'drums' ? 9 : i;
    if (t.id !== 'drums') tr.instrument.number = GM_PROGRAM[t.instrument] ?? 0;
    for (const n of t.notes) {
      tr.addNote({
        midi: n.pitch,
        ticks: n.quantizedStartStep * TICKS_PER_STEP + (n.offsetTicks ?? 0),
        durationTicks: (n.quantizedEndStep - n.quantizedStartStep) * TICKS_PER_STEP,
        // the encoder writes floor(velocity * 127): the half step keeps the integer exact
        velocity: (n.velocity + 0.5) / 127,
      });
    }
  });
  return midi.toArray();
}

export type ImportedMidi = {
  tempo: number;
  /** The first time signature, `[numerator, denominator]` (none written: 4/4). */
  timeSignature: [number, number];
  tracks: Array<{ name: string; channel: number; notes: ArrangementNote[] }>;
};

/**
 * Reads a Standard MIDI File back into step-quantized notes (ticks rescaled to sixteenths of its own PPQ). With
 * `keepOffsets`, a note off the grid by at most 48 of 120 ticks per step keeps that as its `offsetTicks` (so a
 * humanised export reads back exactly); otherwise notes are snapped to the grid.
 */
export function midiToNotes(bytes: Uint8Array, opts: { keepOffsets?: boolean } = {}): ImportedMidi {
  let midi: InstanceType<MidiCtor>;
  try {
    midi = new Midi(bytes);
  } catch (e) {
    throw new MidiImportError(`not a MIDI file: ${(e as Error).message}`);
  }
  const perStep = midi.header.ppq / 4;
  const ts = midi.header.timeSignatures[0]?.timeSignature;
  return {
    tempo: Math.round((midi.header.tempos[0]?.bpm ?? 120) * 1000) / 1000,
    timeSignature: [ts?.[0] ?? 4, ts?.[1] ?? 4],
    tracks: midi.tracks.map((t) => ({
      name: t.name,
      channel: t.channel,
      notes: t.notes.map((n) => {
        const quantizedStartStep = Math.round(n.ticks / perStep);
        const offset = Math.round(((n.ticks - quantizedStartStep * perStep) * OFFSET_TICKS_PER_STEP) / perStep);
        const note: ArrangementNote = {
          pitch: n.midi,
          quantizedStartStep,
          quantizedEndStep: Math.round((n.ticks + n.durationTicks) / perStep),
          velocity: Math.round(n.velocity * 127),
        };
        return opts.keepOffsets && offset !== 0 && Math.abs(offset) <= MAX_OFFSET_TICKS
          ? { ...note, offsetTicks: offset }
          : note;
      }),
    })),
  };
}

/**
 * The notes of all tracks merged, as the cover draws them: each note at least one step long (a note shorter than half
 * a sixteenth would round to zero length). Same quantisation as `midiToNotes`.
 */
export function notesFromMidi(bytes: Uint8Array): CoverNote[] {
  return midiToNotes(bytes).tracks.flatMap((t) =>
    t.notes.map((n) => ({
      pitch: n.pitch,
      quantizedStartStep: n.quantizedStartStep,
      quantizedEndStep: Math.max(n.quantizedStartStep + 1, n.quantizedEndStep),
    })),
  );
}

/** Sixteenth steps per bar of a MIDI file's first time signature (none: 4/4, 16): 12 for 3/4 and 6/8. */
export function midiBarSteps(bytes: Uint8Array): number {
  const [num, den] = midiToNotes(bytes).timeSignature;
  const steps = (num * 16) / den;
  return Number.isInteger(steps) && steps > 0 ? steps : 16;
}

export function trackIdOf(name: string): TrackId | null {
  return name === 'melody' || name === 'chords' || name === 'bass' || name === 'drums' ? name : null;
}
