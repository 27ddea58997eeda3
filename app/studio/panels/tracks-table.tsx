'use client';
/** The arrangement's tracks: instrument, note count, mute and solo, each control labelled with its track. */
import {
  INSTRUMENT_IDS,
  INSTRUMENTS,
  MELODIC_INSTRUMENT_IDS,
  type InstrumentId,
} from '../../../lib/generation/arrangement/instruments';
import type { Arrangement, TrackId } from '../../../lib/generation/arrangement/types';
import type { EditOp } from '../../../lib/generation/edit-log/schema';

export const TRACK_LABEL: Record<TrackId, string> = {
  melody: 'Melody',
  chords: 'Chords',
  bass: 'Bass',
  drums: 'Drums',
};

function instrumentOf(value: string, fallback: InstrumentId): InstrumentId {
  return INSTRUMENT_IDS.find((id) => id === value) ?? fallback;
}

export function TracksTable({ arrangement, onEdit }: { arrangement: Arrangement; onEdit(op: EditOp): void }) {
  return (
    <div className="table-scroll">
      <table className="tracks">
        <caption className="sr-only">Tracks</caption>
        <thead>
          <tr>
            <th scope="col">Track</th>
            <th scope="col">Instrument</th>
            <th scope="col">Notes</th>
            <th scope="col">Mute</th>
            <th scope="col">Solo</th>
          </tr>
        </thead>
        <tbody>
          {arrangement.tracks.map((t) => (
            <tr key={t.id}>
              <th scope="row">{TRACK_LABEL[t.id]}</th>
              <td>
                <select
                  aria-label={`${TRACK_LABEL[t.id]} instrument`}
                  value={t.instrument}
                  onChange={(e) =>
                    onEdit({ op: 'setInstrument', track: t.id, instrument: instrumentOf(e.target.value, t.instrument) })
                  }
                >
                  {(t.id === 'drums' ? (['kit'] as const) : MELODIC_INSTRUMENT_IDS).map((id) => (
                    <option key={id} value={id}>
                      {INSTRUMENTS[id].label}
                    </option>
                  ))}
                </select>
              </td>
              <td>{t.notes.length}</td>
              <td>
                <button
                  type="button"
                  className="toggle"
                  aria-pressed={t.muted}
                  aria-label={`Mute ${TRACK_LABEL[t.id]}`}
                  onClick={() => onEdit({ op: 'setMute', track: t.id, muted: !t.muted })}
                >
                  M
                </button>
              </td>
              <td>
                <button
                  type="button"
                  className="toggle"
                  aria-pressed={t.solo}
                  aria-label={`Solo ${TRACK_LABEL[t.id]}`}
                  onClick={() => onEdit({ op: 'setSolo', track: t.id, solo: !t.solo })}
                >
                  S
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
