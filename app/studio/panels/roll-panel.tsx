'use client';
/** The Piano roll panel: one track's notes (keyboard and mouse editing) in a box that scrolls, and an "Add a note" form. */
import { useCallback, useState, type RefObject } from 'react';
import {
  totalSteps,
  TRACK_IDS,
  type Arrangement,
  type ArrangementNote,
  type TrackId,
} from '../../../lib/generation/arrangement/types';
import type { EditOp } from '../../../lib/generation/edit-log/schema';
import { noteKey, PianoRoll } from '../piano-roll';
import { TRACK_LABEL } from './tracks-table';

export type RollPanelProps = {
  arrangement: Arrangement;
  playheadRef: RefObject<SVGLineElement | null>;
  /** Applies the edit; false when it did not apply. */
  onEdit(op: EditOp): boolean;
};

export function RollPanel({ arrangement, playheadRef, onEdit }: RollPanelProps) {
  const [rollTrack, setRollTrack] = useState<TrackId>('melody');
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [newNote, setNewNote] = useState({ pitch: 72, start: 0, length: 4 });
  const onFocusDone = useCallback(() => setFocusKey(null), []);
  const track = arrangement.tracks.find((t) => t.id === rollTrack);
  const update = (from: ArrangementNote, to: ArrangementNote) => {
    if (onEdit({ op: 'updateNote', track: rollTrack, from, to })) setFocusKey(noteKey(to));
  };
  return (
    <section className="panel" aria-labelledby="roll-h">
      <h2 id="roll-h">Piano roll</h2>
      <div className="row">
        <label>
          Track
          <select
            aria-label="Track"
            value={rollTrack}
            onChange={(e) => setRollTrack(TRACK_IDS.find((id) => id === e.target.value) ?? rollTrack)}
          >
            {TRACK_IDS.map((id) => (
              <option key={id} value={id}>
                {TRACK_LABEL[id]}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          Notes: arrows move (Shift: octave / beat), Alt+←/→ resize, Delete removes; click the grid to add.
        </span>
      </div>
      {track && (
        <PianoRoll
          track={track}
          totalSteps={totalSteps(arrangement)}
          meter={arrangement.meter}
          playheadRef={playheadRef}
          focusKey={focusKey}
          onFocusDone={onFocusDone}
          onUpdate={update}
          onAdd={(note) => onEdit({ op: 'addNote', track: rollTrack, note })}
          onRemove={(note) => {
            // keyboard focus moves to the next note (else the previous one, else the roll), not to the body
            const i = track.notes.findIndex((n) => noteKey(n) === noteKey(note));
            const next = track.notes[i + 1] ?? track.notes[i - 1];
            if (onEdit({ op: 'removeNote', track: rollTrack, note })) setFocusKey(next ? noteKey(next) : 'none');
          }}
        />
      )}
      <form
        className="row"
        aria-label="Add a note"
        onSubmit={(e) => {
          e.preventDefault();
          onEdit({
            op: 'addNote',
            track: rollTrack,
            note: {
              pitch: newNote.pitch,
              quantizedStartStep: newNote.start,
              quantizedEndStep: newNote.start + newNote.length,
              velocity: 100,
            },
          });
        }}
      >
        <label>
          Pitch{' '}
          <input
            type="number"
            min={0}
            max={127}
            value={newNote.pitch}
            onChange={(e) => setNewNote({ ...newNote, pitch: Number(e.target.value) })}
          />
        </label>
        <label>
          Start step{' '}
          <input
            type="number"
            min={0}
            value={newNote.start}
            onChange={(e) => setNewNote({ ...newNote, start: Number(e.target.value) })}
          />
        </label>
        <label>
          Length (steps){' '}
          <input
            type="number"
            min={1}
            value={newNote.length}
            onChange={(e) => setNewNote({ ...newNote, length: Number(e.target.value) })}
          />
        </label>
        <button type="submit" className="secondary">
          Add note
        </button>
      </form>
    </section>
  );
}
