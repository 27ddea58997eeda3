'use client';
/**
 * The studio (client): wiring of the session (autosaved, restored), the compose worker, the render pipeline, the
 * player and the undo keys (./hooks) to the panels (./panels). Rules live in lib/studio and lib/generation. Heavy
 * pieces load lazily: the compose worker (Magenta + tfjs) on the first Compose, Tone.js on the first Play or Tone
 * render, the WAV/MIDI writers on the first export.
 */
import { useCallback, useEffect, useReducer, useState } from 'react';
import { current, editLog, pushEdit, redo, undo } from '../../lib/generation/edit-log/history';
import type { EditOp } from '../../lib/generation/edit-log/schema';
import { DEFAULT_SF_MIX, type SfMix } from '../../lib/generation/render/sf/gm';
import { INITIAL_STATUS, studioStatus } from '../../lib/studio/status';
import { randomSeed, useComposer } from './hooks/use-composer';
import { useComposeWorker } from './hooks/use-compose-worker';
import { usePlayer } from './hooks/use-player';
import { useRender } from './hooks/use-render';
import { useStudioSession } from './hooks/use-studio-session';
import { useUndoShortcuts } from './hooks/use-undo-shortcuts';
import { ArrangementPanel } from './panels/arrangement-panel';
import { BlendPanel } from './panels/blend-panel';
import { ComposePanel } from './panels/compose-panel';
import { RecentSessions } from './panels/recent-sessions';
import { RenderPanel } from './panels/render-panel';
import { RollPanel } from './panels/roll-panel';
import { TakesBar } from './panels/takes-bar';

export function Studio() {
  const [state, dispatch] = useReducer(studioStatus, INITIAL_STATUS);
  const s = useStudioSession((restored) => {
    const c = restored.composed;
    if (c) dispatch({ type: 'restored', bars: c.base.bars, edits: c.cursor });
  });
  const { work, setHistory } = s;
  const history = work?.history ?? null;
  const arrangement = history ? current(history) : null;

  const worker = useComposeWorker((message) => dispatch({ type: 'failed', message }));
  const edit = useCallback(
    (input: EditOp | readonly EditOp[]): boolean => {
      if (!history) return false;
      try {
        let h = history;
        for (const op of 'op' in input ? [input] : input) h = pushEdit(h, op);
        setHistory(h);
        dispatch({ type: 'clear-error' });
        return true;
      } catch (err) {
        dispatch({ type: 'error', message: err instanceof Error ? err.message : String(err) });
        return false;
      }
    },
    [history, setHistory],
  );
  const composer = useComposer({ worker, dispatch, onComposed: s.setComposed, onEdit: edit });
  const [mix, setMix] = useState<SfMix>(DEFAULT_SF_MIX);
  const renderer = useRender(arrangement, mix, worker, dispatch);
  const player = usePlayer(arrangement, dispatch);
  const onUndo = useCallback(() => history && setHistory(undo(history)), [history, setHistory]);
  const onRedo = useCallback(() => history && setHistory(redo(history)), [history, setHistory]);
  useUndoShortcuts(history !== null, onUndo, onRedo);

  // test/automation hook: the current state, read-only, once the session is restored
  const { session, flush } = s;
  useEffect(() => {
    if (!session) return;
    Object.assign(window, {
      motifStudio: {
        arrangement: () => (history ? current(history) : null),
        editLog: () => (history ? editLog(history) : null),
        result: () => work?.result ?? null,
        sessionId: () => session.id,
        flush,
      },
    });
  }, [session, history, work, flush]);

  return (
    <div className="studio">
      <ComposePanel
        form={s.form}
        onChange={s.setForm}
        onNewSeed={() => s.setForm({ seed: randomSeed() })}
        state={state}
        onCompose={() => void composer.compose(s.form)}
        onCancel={worker.cancel}
      />
      {work && arrangement && history && (
        <>
          <ArrangementPanel
            key={work.result.digest}
            arrangement={arrangement}
            result={work.result}
            history={history}
            busy={state.busy}
            player={player}
            onEdit={edit}
            onEdits={edit}
            onUndo={onUndo}
            onRedo={onRedo}
            onRegenerate={(bar) => void composer.regenerate(s.form, arrangement, bar)}
          >
            <TakesBar
              hasOther={s.takes.other !== null}
              label={s.takes.label}
              busy={state.busy !== null}
              onAction={s.takeAction}
            />
          </ArrangementPanel>
          <RollPanel arrangement={arrangement} playheadRef={player.playheadRef} onEdit={edit} />
          <BlendPanel arrangement={arrangement} onEdit={edit} />
          <RenderPanel
            arrangement={arrangement}
            history={history}
            result={work.result}
            busy={state.busy}
            render={renderer.render}
            onRender={(e) => void renderer.run(e)}
            mix={mix}
            onMixChange={setMix}
          />
        </>
      )}
      <RecentSessions
        sessions={s.list}
        currentId={session?.id ?? null}
        problem={s.problem}
        onOpen={(id) => void s.open(id)}
        onDelete={s.remove}
        onNew={() => void s.startNew()}
      />
    </div>
  );
}
