'use client';
/** The Arrangement panel: what was composed, the transport, the edit toolbar (undo, transpose, tempo, regenerate a bar) and the tracks. */
import { useState, type ReactNode } from 'react';
import { durationSeconds, type Arrangement, type TrackId } from '../../../lib/generation/arrangement/types';
import { canRedo, canUndo, type EditHistory } from '../../../lib/generation/edit-log/history';
import type { EditOp } from '../../../lib/generation/edit-log/schema';
import { notesOverBars } from '../../../lib/studio/primer';
import type { ComposedResult } from '../../../lib/studio/session';
import type { Busy } from '../../../lib/studio/status';
import { primerDigest } from '../../../lib/generation/compose/primer-digest';
import type { Player } from '../hooks/use-player';
import { HumaniseControls } from './humanise-controls';
import { TracksTable } from './tracks-table';

export type ArrangementPanelProps = {
  arrangement: Arrangement;
  result: ComposedResult;
  history: EditHistory;
  busy: Busy;
  player: Pick<Player, 'playing' | 'loop' | 'toggle' | 'stop' | 'setLoop'>;
  onEdit(op: EditOp): void;
  onEdits(ops: readonly EditOp[]): void;
  onUndo(): void;
  onRedo(): void;
  onRegenerate(bar: number): void;
  /** Shown under the facts (the A/B takes bar). */
  children?: ReactNode;
};

function PrimerFact({ request }: { request: ComposedResult['request'] }) {
  const primer = request.primer;
  if (primer.type !== 'melody') return null;
  return (
    <>
      <dt>Primer</dt>
      <dd>
        Your {notesOverBars(primer, request.meter)}, continued by the model{' '}
        <code data-testid="primer-digest">{primerDigest(primer)}</code>
      </dd>
    </>
  );
}

export function ArrangementPanel({
  arrangement,
  result,
  history,
  busy,
  player,
  onEdit,
  onEdits,
  onUndo,
  onRedo,
  onRegenerate,
  children,
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
          {arrangement.bars} bars of <span data-testid="meter">{arrangement.meter ?? '4/4'}</span> at{' '}
          {arrangement.tempo} BPM ({durationSeconds(arrangement).toFixed(1)} s)
        </dd>
        <PrimerFact request={result.request} />
      </dl>
      {children}
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
      <HumaniseControls arrangement={arrangement} onEdits={onEdits} />
      <TracksTable arrangement={arrangement} onEdit={onEdit} />
    </section>
  );
}
