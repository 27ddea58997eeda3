/** Pure replay of the edit log: `applyEdits(base, ops)` never mutates `base`. */
import { sortNotes } from '../notes/melody';
import { stepsPerBarOf } from '../arrangement/meter';
import {
  arrangementSchema,
  totalSteps,
  type Arrangement,
  type ArrangementNote,
  type Track,
  type TrackId,
} from '../arrangement/types';
import { EditLogError, editOpSchema, type EditOp } from './schema';

/** Bars a `latentBars` op replaces (the MusicVAE's window). */
export const LATENT_BARS = 2;

function sameNote(a: ArrangementNote, b: ArrangementNote): boolean {
  return (
    a.pitch === b.pitch &&
    a.quantizedStartStep === b.quantizedStartStep &&
    a.quantizedEndStep === b.quantizedEndStep &&
    a.velocity === b.velocity &&
    (a.offsetTicks ?? 0) === (b.offsetTicks ?? 0)
  );
}

function sorted(notes: ArrangementNote[]): ArrangementNote[] {
  return sortNotes(notes);
}

function mapTrack(a: Arrangement, id: TrackId, f: (t: Track) => Track): Arrangement {
  return { ...a, tracks: a.tracks.map((t) => (t.id === id ? f(t) : t)) };
}

function checkNoteFits(a: Arrangement, n: ArrangementNote, index: number): void {
  if (n.quantizedEndStep > totalSteps(a)) throw new EditLogError(`op ${index}: note ends after the last bar`);
}

function removeFirst(notes: readonly ArrangementNote[], target: ArrangementNote, index: number): ArrangementNote[] {
  const i = notes.findIndex((n) => sameNote(n, target));
  if (i < 0) throw new EditLogError(`op ${index}: no such note ${JSON.stringify(target)}`);
  return [...notes.slice(0, i), ...notes.slice(i + 1)];
}

/** Applies one operation (index only for messages). Throws EditLogError when the op does not fit the arrangement. */
export function applyEdit(a: Arrangement, op: EditOp, index = 0): Arrangement {
  switch (op.op) {
    case 'transpose': {
      let out = a;
      for (const id of op.tracks) {
        if (id === 'drums') continue;
        out = mapTrack(out, id, (t) => ({
          ...t,
          notes: t.notes.map((n) => {
            const pitch = n.pitch + op.semitones;
            if (pitch < 0 || pitch > 127) throw new EditLogError(`op ${index}: transpose leaves the MIDI range`);
            return { ...n, pitch };
          }),
        }));
      }
      return out;
    }
    case 'setTempo':
      return { ...a, tempo: op.bpm };
    case 'setInstrument':
      if ((op.track === 'drums') !== (op.instrument === 'kit'))
        throw new EditLogError(`op ${index}: drums take the kit, other tracks a melodic preset`);
      return mapTrack(a, op.track, (t) => ({ ...t, instrument: op.instrument }));
    case 'setMute':
      return mapTrack(a, op.track, (t) => ({ ...t, muted: op.muted }));
    case 'setSolo':
      return mapTrack(a, op.track, (t) => ({ ...t, solo: op.solo }));
    case 'addNote':
      checkNoteFits(a, op.note, index);
      return mapTrack(a, op.track, (t) => ({ ...t, notes: sorted([...t.notes, op.note]) }));
    case 'removeNote':
      return mapTrack(a, op.track, (t) => ({ ...t, notes: removeFirst(t.notes, op.note, index) }));
    case 'updateNote':
      checkNoteFits(a, op.to, index);
      return mapTrack(a, op.track, (t) => ({ ...t, notes: sorted([...removeFirst(t.notes, op.from, index), op.to]) }));
    case 'regenerateBar': {
      if (op.bar >= a.bars) throw new EditLogError(`op ${index}: bar ${op.bar} is past the end`);
      const start = op.bar * stepsPerBarOf(a);
      const end = start + stepsPerBarOf(a);
      for (const n of op.notes) {
        if (n.quantizedStartStep < start || n.quantizedEndStep > end)
          throw new EditLogError(`op ${index}: regenerated notes must lie inside bar ${op.bar}`);
      }
      return mapTrack(a, 'melody', (t) => ({
        ...t,
        notes: sorted([...spliceOutBar(t.notes, start, end), ...op.notes]),
      }));
    }
    case 'latentBars': {
      // the VAE reads and writes two 4/4 bars (32 sixteenths): a piece in another meter has no such window
      if (a.meter !== undefined)
        throw new EditLogError(`op ${index}: the MusicVAE blends 4/4 bars; this piece is in ${a.meter}`);
      if (op.bar + LATENT_BARS > a.bars)
        throw new EditLogError(`op ${index}: bars ${op.bar}-${op.bar + 1} run past the end`);
      const start = op.bar * stepsPerBarOf(a);
      const end = start + LATENT_BARS * stepsPerBarOf(a);
      for (const n of op.notes) {
        if (n.quantizedStartStep < start || n.quantizedEndStep > end)
          throw new EditLogError(`op ${index}: the VAE's notes must lie inside bars ${op.bar}-${op.bar + 1}`);
      }
      return mapTrack(a, 'melody', (t) => ({
        ...t,
        notes: sorted([...spliceOutBar(t.notes, start, end), ...op.notes]),
      }));
    }
  }
}

/** Notes outside [start, end): notes starting inside are dropped, a note running into the bar is cut at `start`. */
export function spliceOutBar(notes: readonly ArrangementNote[], start: number, end: number): ArrangementNote[] {
  const out: ArrangementNote[] = [];
  for (const n of notes) {
    if (n.quantizedStartStep >= start && n.quantizedStartStep < end) continue;
    if (n.quantizedStartStep < start && n.quantizedEndStep > start) out.push({ ...n, quantizedEndStep: start });
    else out.push(n);
  }
  return out;
}

/**
 * Replays `ops` over `base`. Each op is validated with the schema first (so untrusted JSON can be passed) and the
 * result is validated as an Arrangement.
 */
export function applyEdits(base: Arrangement, ops: readonly unknown[]): Arrangement {
  let a = base;
  ops.forEach((raw, i) => {
    const r = editOpSchema.safeParse(raw);
    if (!r.success) throw new EditLogError(`op ${i} is invalid: ${r.error.message}`);
    a = applyEdit(a, r.data, i);
  });
  return arrangementSchema.parse(a);
}
