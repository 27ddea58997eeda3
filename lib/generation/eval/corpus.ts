/**
 * Node-only: reads the training corpora in place from `../shared/datasets/` (never copied into the repository) and
 * encodes them as Magenta melody events (+ per-step chord symbols for Nottingham). Used by the data preparation for
 * the Python trainer (`scripts/models/prepare-data.ts`) and by the evaluation (`bench/models.ts`), so both see the
 * same sequences.
 *
 * Splits: JSB chorales use their published train/valid/test split. Nottingham has none: a tune's split is decided by
 * the first 4 bytes of sha256(file name) read as a big-endian uint32, modulo 10: 0-7 train, 8 valid, 9 test.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import tonejsMidi from '@tonejs/midi';
import {
  DEFAULT_RANGE,
  STEPS_PER_QUARTER,
  melodyEventsFromNotes,
  MELODY_NO_EVENT,
  MELODY_NOTE_OFF,
  MELODY_FIRST_PITCH,
  type QuantizedNote,
} from '../notes/melody';
import { chordSymbolsPerStep } from '../notes/chords';
import { meterClassOf, stepsPerBarOfSignature, type MeterStep } from '../notes/meter-encoding';
import { BaseError } from '../../errors/base';
import { splitRecord, type SplitRecord } from './hygiene';

export type Split = 'train' | 'valid' | 'test';
export type CorpusName = 'nottingham' | 'jsb';

export type EncodedPiece = {
  corpus: CorpusName;
  /** File name (Nottingham) or `jsb/<split>/<index>`. */
  id: string;
  split: Split;
  /** Melody events, one per sixteenth step (see lib/generation/notes/melody.ts). */
  events: number[];
  /** Chord symbol per step (Nottingham with a chord track only). */
  chords?: string[];
  /**
   * Meter class and step within the bar of every step (Nottingham: from the MIDI file's time signatures, tick 0 a
   * bar line); none for the JSB chorales, which carry no bar lines.
   */
  meterSteps?: MeterStep[];
  /** Semitones the piece was transposed by (whole octaves) to fit 48..83. */
  octaveShift: number;
  /**
   * sha256 of the piece's source: the melody MIDI file (Nottingham), or the piece's JSON text as
   * `JSON.stringify` writes it (JSB, one entry of `Jsb16thSeparated.json`).
   */
  sha256: string;
  /** sha256 of the chord MIDI file (Nottingham with chords). */
  chordsSha256?: string;
};

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export type DataFileHash = { path: string; sha256: string };

export class CorpusError extends BaseError {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusError';
  }
}

/** `MOTIF_DATASETS` or `<repo>/../shared/datasets`. */
export function datasetsRoot(): string {
  return process.env.MOTIF_DATASETS ?? resolve(process.cwd(), '..', 'shared', 'datasets');
}

export function nottinghamSplit(fileName: string): Split {
  const h = createHash('sha256').update(fileName, 'utf8').digest();
  const v = h.readUInt32BE(0) % 10;
  return v < 8 ? 'train' : v === 8 ? 'valid' : 'test';
}

/** Shifts by whole octaves so every pitch fits the range; null when the span is too wide. */
function octaveShiftFor(pitches: readonly number[]): number | null {
  if (pitches.length === 0) return 0;
  const lo = Math.min(...pitches);
  const hi = Math.max(...pitches);
  if (hi - lo > DEFAULT_RANGE.maxPitch - DEFAULT_RANGE.minPitch) return null;
  let shift = 0;
  while (lo + shift < DEFAULT_RANGE.minPitch) shift += 12;
  while (hi + shift > DEFAULT_RANGE.maxPitch) shift -= 12;
  if (lo + shift < DEFAULT_RANGE.minPitch) return null;
  return shift;
}

const { Midi } = tonejsMidi;

type TimeSignatureAt = { step: number; numerator: number; denominator: number };

function quantizedNotesOfMidi(bytes: Uint8Array): { notes: QuantizedNote[]; timeSignatures: TimeSignatureAt[] } {
  const midi = new Midi(bytes);
  const ticksPerStep = midi.header.ppq / STEPS_PER_QUARTER;
  const timeSignatures = midi.header.timeSignatures
    .map((t) => ({
      step: Math.round(t.ticks / ticksPerStep),
      numerator: t.timeSignature[0] ?? 4,
      denominator: t.timeSignature[1] ?? 4,
    }))
    .sort((a, b) => a.step - b.step);
  const notes: QuantizedNote[] = [];
  for (const track of midi.tracks) {
    for (const n of track.notes) {
      const start = Math.round(n.ticks / ticksPerStep);
      let end = Math.round((n.ticks + n.durationTicks) / ticksPerStep);
      if (end <= start) end = start + 1; // as Magenta's quantizeNoteSequence
      notes.push({ pitch: n.midi, quantizedStartStep: start, quantizedEndStep: end });
    }
  }
  return { notes, timeSignatures };
}

/**
 * The meter step of each of `total` steps from absolute step `first`: the time signature in force (4/4 before the
 * first, as MIDI defines) and the steps since its bar line, modulo its bar length.
 */
function meterStepsOf(timeSignatures: readonly TimeSignatureAt[], first: number, total: number): MeterStep[] {
  const out: MeterStep[] = [];
  let k = -1;
  for (let t = 0; t < total; t++) {
    const abs = t + first;
    while (k + 1 < timeSignatures.length && (timeSignatures[k + 1]?.step ?? Infinity) <= abs) k++;
    const ts = timeSignatures[k] ?? { step: 0, numerator: 4, denominator: 4 };
    const bar = stepsPerBarOfSignature(ts.numerator, ts.denominator);
    out.push({
      meterClass: meterClassOf(ts.numerator, ts.denominator),
      position: Number.isInteger(bar) ? (abs - ts.step) % bar : -1,
    });
  }
  return out;
}

export type LoadOptions = { root?: string; withChords?: boolean };

/** Nottingham tunes, sorted by file name. With `withChords`, only tunes that have a chord track. */
export function loadNottingham(options: LoadOptions = {}): EncodedPiece[] {
  const root = join(options.root ?? datasetsRoot(), 'nottingham', 'MIDI');
  if (!existsSync(root)) throw new CorpusError(`Nottingham MIDI folder not found at ${root}`);
  const files = readdirSync(join(root, 'melody'))
    .filter((f) => f.endsWith('.mid'))
    .sort();
  const pieces: EncodedPiece[] = [];
  for (const file of files) {
    const chordPath = join(root, 'chords', file);
    const hasChords = existsSync(chordPath);
    if (options.withChords && !hasChords) continue;
    const bytes = readFileSync(join(root, 'melody', file));
    const { notes, timeSignatures } = quantizedNotesOfMidi(bytes);
    if (notes.length === 0) continue;
    const shift = octaveShiftFor(notes.map((n) => n.pitch));
    if (shift === null) continue;
    const first = Math.min(...notes.map((n) => n.quantizedStartStep));
    const last = Math.max(...notes.map((n) => n.quantizedEndStep));
    const shifted = notes.map((n) => ({
      pitch: n.pitch + shift,
      quantizedStartStep: n.quantizedStartStep - first,
      quantizedEndStep: n.quantizedEndStep - first,
    }));
    // One extra step so the final note-off is part of the sequence.
    const total = last - first + 1;
    const events = Array.from(melodyEventsFromNotes(shifted, total));
    const piece: EncodedPiece = {
      corpus: 'nottingham',
      id: file,
      split: nottinghamSplit(file),
      events,
      meterSteps: meterStepsOf(timeSignatures, first, total),
      octaveShift: shift,
      sha256: sha256Hex(bytes),
    };
    if (options.withChords && hasChords) {
      const chordBytes = readFileSync(chordPath);
      piece.chordsSha256 = sha256Hex(chordBytes);
      const chordNotes = quantizedNotesOfMidi(chordBytes).notes.map((n) => ({
        pitch: n.pitch,
        quantizedStartStep: n.quantizedStartStep - first,
        quantizedEndStep: n.quantizedEndStep - first,
      }));
      piece.chords = chordSymbolsPerStep(chordNotes, total);
    }
    pieces.push(piece);
  }
  return pieces;
}

/**
 * JSB chorale soprano lines (`Jsb16thSeparated.json`, voice 0). The source does not tell held from repeated notes:
 * a pitch change starts a note, the same pitch holds it, -1 (silence) ends it.
 */
export function loadJsbSoprano(options: LoadOptions = {}): EncodedPiece[] {
  const path = join(options.root ?? datasetsRoot(), 'jsb-chorales', 'Jsb16thSeparated.json');
  const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof data !== 'object' || data === null) throw new CorpusError('unexpected JSB json');
  const pieces: EncodedPiece[] = [];
  for (const split of ['train', 'valid', 'test'] as const) {
    const list: unknown = (data as Record<string, unknown>)[split];
    if (!Array.isArray(list)) throw new CorpusError(`JSB split ${split} missing`);
    list.forEach((piece: unknown, index: number) => {
      if (!Array.isArray(piece)) throw new CorpusError('unexpected JSB piece');
      const soprano = piece.map((step: unknown) => (Array.isArray(step) && typeof step[0] === 'number' ? step[0] : -1));
      const shift = octaveShiftFor(soprano.filter((p) => p >= 0));
      if (shift === null) return;
      const events: number[] = [];
      let prev = -1;
      for (const p of soprano) {
        if (p < 0) events.push(prev >= 0 ? MELODY_NOTE_OFF : MELODY_NO_EVENT);
        else if (p !== prev) events.push(p + shift - DEFAULT_RANGE.minPitch + MELODY_FIRST_PITCH);
        else events.push(MELODY_NO_EVENT);
        prev = p;
      }
      if (prev >= 0) events.push(MELODY_NOTE_OFF);
      // Start at the first note, like the Nottingham tunes.
      const firstNote = events.findIndex((e) => e >= MELODY_FIRST_PITCH);
      if (firstNote < 0) return;
      pieces.push({
        corpus: 'jsb',
        id: `jsb/${split}/${index}`,
        split,
        events: events.slice(firstNote),
        octaveShift: shift,
        sha256: sha256Hex(JSON.stringify(piece)),
      });
    });
  }
  return pieces;
}

/** The pieces a shipped model of this task was trained and is evaluated on (all splits, before hygiene). */
export function loadModelCorpus(task: 'melody' | 'chords', options: { root?: string } = {}): EncodedPiece[] {
  return task === 'chords'
    ? loadNottingham({ ...options, withChords: true })
    : [...loadNottingham(options), ...loadJsbSoprano(options)];
}

/** The record of a shipped model's splits after hygiene (public/models/<id>/SPLITS.json), from its corpus. */
export function modelSplitRecord(task: 'melody' | 'chords', pieces = loadModelCorpus(task)): SplitRecord {
  return splitRecord(pieces, sha256Hex);
}

/** sha256 of every data file a model reads, relative to the datasets root, sorted by path. */
export function dataFileHashes(
  which: { nottinghamMelody?: boolean; nottinghamChords?: boolean; jsb?: boolean },
  root = datasetsRoot(),
): DataFileHash[] {
  const out: DataFileHash[] = [];
  const add = (rel: string) =>
    out.push({
      path: rel,
      sha256: createHash('sha256')
        .update(readFileSync(join(root, rel)))
        .digest('hex'),
    });
  if (which.nottinghamMelody)
    for (const f of readdirSync(join(root, 'nottingham/MIDI/melody')).sort()) add(`nottingham/MIDI/melody/${f}`);
  if (which.nottinghamChords)
    for (const f of readdirSync(join(root, 'nottingham/MIDI/chords')).sort()) add(`nottingham/MIDI/chords/${f}`);
  if (which.jsb) add('jsb-chorales/Jsb16thSeparated.json');
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** One sha256 over the sorted "sha256  path" lines (as `sha256sum` prints them): a short name for a file set. */
export function dataSetDigest(files: readonly DataFileHash[]): string {
  return createHash('sha256')
    .update(files.map((f) => `${f.sha256}  ${f.path}\n`).join(''))
    .digest('hex');
}
