'use client';
/** The Arrangement panel: what was composed, the transport, the edit toolbar (undo, transpose, tempo, regenerate a bar) and the tracks. */
import { useState } from 'react';
import {
  INSTRUMENT_IDS,
  INSTRUMENTS,
  MELODIC_INSTRUMENT_IDS,
  type InstrumentId,
} from '../../../lib/generation/arrangement/instruments';
import { durationSeconds, type Arrangement, type TrackId } from '../../../lib/generation/arrangement/types';
import { canRedo, canUndo, type EditHistory } from '../../../lib/generation/edit-log/history';
import type { EditOp } from '../../../lib/generation/edit-log/schema';
import type { ComposedResult } from '../../../lib/studio/session';
import type { Busy } from '../../../lib/studio/status';
import type { Player } from '../hooks/use-player';

export const TRACK_LABEL: Record<TrackId, string> = {
  melody: 'Melody',
  chords: 'Chords',
  bass: 'Bass',
  drums: 'Drums',
};

export type ArrangementPanelProps = {
  arrangement: Arrangement;
  result: ComposedResult;
  history: EditHistory;
  busy: Busy;
  player: Pick<Player, 'playing' | 'loop' | 'toggle' | 'stop' | 'setLoop'>;
  onEdit(op: EditOp): void;
  onUndo(): void;
  onRedo(): void;
  onRegenerate(bar: number): void;
};

function instrumentOf(value: string, fallback: InstrumentId): InstrumentId {
  return INSTRUMENT_IDS.find((id) => id === value) ?? fallback;
}

export function ArrangementPanel({
  arrangement,
  result,
  history,
  busy,
  player,
  onEdit,
  onUndo,
  onRedo,
  onRegenerate,
}: ArrangementPanelProps) {
  const [tempoEdit, setTempoEdit] = useState(arrangement.tempo);
  const [regenBar, setRegenBar] = useState(1);
  const melodic: TrackId[] = ['melody', 'chords', 'bass'];
  return (
    <section className="panel" aria-labelledby="arr-h">
      <h2 id="arr-h">Arrangement</h2>
      <dl className="facts">
        <dt>Notes digest</dt>
        <dd>
          <code data-testid="digest">{result.digest}</code>
        </dd>
        <dt>Backend</dt>
        <dd>
          <span data-testid="backend">{result.backend}</span>{' '}
          <span className="muted">
            {result.backend === 'cpu-js'
              ? `(tfjs ${result.tfjsVersion} cpu kernels’ float32 arithmetic, in plain JS)`
              : `(tfjs ${result.tfjsVersion} backend)`}
          </span>
        </dd>
        <dt>Progression</dt>
        <dd>
          {arrangement.progression.join(' · ')} <span className="muted">({result.progressionSource})</span>
        </dd>
        <dt>Length</dt>
        <dd>
          {arrangement.bars} bars at {arrangement.tempo} BPM ({durationSeconds(arrangement).toFixed(1)} s)
        </dd>
      </dl>
      <div className="row" role="toolbar" aria-label="Transport">
        <button type="button" onClick={() => void player.toggle()} aria-pressed={player.playing}>
          {player.playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" className="secondary" onClick={player.stop}>
          Stop
        </button>
        <label className="check">
          <input type="checkbox" checked={player.loop} onChange={(e) => player.setLoop(e.target.checked)} />
          Loop
        </label>
        <span className="muted">Browsers keep sound off until you click: press Play to start audio.</span>
      </div>
      <div className="row" role="toolbar" aria-label="Edit">
        <button type="button" className="secondary" onClick={onUndo} disabled={!canUndo(history)}>
          Undo
        </button>
        <button type="button" className="secondary" onClick={onRedo} disabled={!canRedo(history)}>
          Redo
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => onEdit({ op: 'transpose', semitones: -1, tracks: melodic })}
        >
          Transpose down
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => onEdit({ op: 'transpose', semitones: 1, tracks: melodic })}
        >
          Transpose up
        </button>
        <label>
          Tempo
          <input
            type="number"
            min={20}
            max={300}
            value={tempoEdit}
            onChange={(e) => setTempoEdit(Number(e.target.value))}
          />
        </label>
        <button type="button" className="secondary" onClick={() => onEdit({ op: 'setTempo', bpm: tempoEdit })}>
          Set tempo
        </button>
        <label>
          Bar
          <input
            type="number"
            min={1}
            max={arrangement.bars}
            value={regenBar}
            onChange={(e) => setRegenBar(Number(e.target.value))}
          />
        </label>
        <button type="button" className="secondary" onClick={() => onRegenerate(regenBar)} disabled={busy !== null}>
          Regenerate bar
        </button>
      </div>
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
                      onEdit({
                        op: 'setInstrument',
                        track: t.id,
                        instrument: instrumentOf(e.target.value, t.instrument),
                      })
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
    </section>
  );
}
