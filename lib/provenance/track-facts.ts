/**
 * The musical facts a track's metadata states, derived from its signed manifest (what was generated, and every
 * human edit) and from the pinned files themselves, never typed by a person: the key and tempo after the edits,
 * the song's length, the audio file's length (song + render tail), and the note counts of the final arrangement.
 * Pure: used at pin time (lib/tracks/track-folder.ts) and again by the verifier to re-derive what metadata.json says.
 */
import type { KeyName, ScaleName } from '../generation/arrangement/theory';
import { secondsPerStep, TRACK_IDS, type TrackId } from '../generation/arrangement/types';
import { stepsPerBarOf, type Meter } from '../generation/arrangement/meter';
import type { EditOp } from '../generation/edit-log/schema';
import { midiToNotes, trackIdOf } from '../generation/export/midi';
import { readWavHeader } from '../generation/export/wav-header';
import { editedMusic } from './edited-music';

/** The parts of a manifest (any version) the facts depend on. */
export type FactsManifest = {
  generation: { key: KeyName; scale: ScaleName; tempo: number; bars: number; meter?: Meter };
  edits: { log: { ops: readonly EditOp[] } };
};

export type NoteCounts = Record<TrackId, number> & { total: number };

export type TrackFacts = {
  /** Tonic after the edits: the generated key moved by the transposition of the chords track (the harmony). */
  key: KeyName;
  scale: ScaleName;
  /** e.g. `Db major`, `A harmonic minor`. */
  keyLabel: string;
  /** Semitones the harmony was transposed by (sum of `transpose` ops that include the chords track). */
  transposedSemitones: number;
  /** The tempo after the edits (the last `setTempo`, else the generated tempo). */
  bpm: number;
  bars: number;
  /** bars * 16 sixteenths (12 in 3/4 and 6/8) at `bpm`: the score, without the render tail. */
  songSeconds: number;
  /** The WAV's own length (data bytes / frame size / sample rate): the song plus the render tail. */
  audioSeconds: number;
  /** audioSeconds - songSeconds, rounded to the millisecond (negative only for audio shorter than its score). */
  renderTailSeconds: number;
  /** Notes per track of track.mid (the final arrangement, muted tracks included: the file is the score). */
  notes: NoteCounts;
  /** The tempo track.mid declares. */
  midiBpm: number;
};

const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** Notes per track of a Standard MIDI File written by arrangementToMidi (tracks named melody/chords/bass/drums). */
export function midiNoteCounts(midi: Uint8Array): { counts: NoteCounts; bpm: number } {
  const imported = midiToNotes(midi);
  const counts = { total: 0, ...(Object.fromEntries(TRACK_IDS.map((id) => [id, 0])) as Record<TrackId, number>) };
  for (const t of imported.tracks) {
    counts.total += t.notes.length;
    // a file from elsewhere may have unnamed tracks: they count in the total only
    const id = trackIdOf(t.name);
    if (id) counts[id] += t.notes.length;
  }
  return { counts, bpm: imported.tempo };
}

/** Every fact the metadata states, from the manifest and the two media files. Throws when a file cannot be read. */
export function trackFacts(manifest: FactsManifest, files: { wav: Uint8Array; midi: Uint8Array }): TrackFacts {
  const g = manifest.generation;
  const ops = manifest.edits.log.ops;
  const { key, keyLabel, transposedSemitones, bpm } = editedMusic(g, ops);
  const songSeconds = ms(g.bars * stepsPerBarOf(g) * secondsPerStep(bpm));
  const audioSeconds = ms(readWavHeader(files.wav).durationSeconds);
  const midi = midiNoteCounts(files.midi);
  return {
    key,
    scale: g.scale,
    keyLabel,
    transposedSemitones,
    bpm,
    bars: g.bars,
    songSeconds,
    audioSeconds,
    renderTailSeconds: ms(audioSeconds - songSeconds),
    notes: midi.counts,
    midiBpm: midi.bpm,
  };
}
