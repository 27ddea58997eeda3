'use client';
/**
 * Load, Compose and Regenerate bar: the form and the edit history in, worker calls out, every outcome reported to
 * the status reducer (lib/studio/status.ts), so a failed load or generation always ends the job.
 */
import { useCallback, type Dispatch } from 'react';
import type { Arrangement } from '../../../lib/generation/arrangement/types';
import type { ComposeResult } from '../../../lib/generation/compose/compose';
import type { EditOp } from '../../../lib/generation/edit-log/schema';
import { modelTarget, requestFromForm, type ComposeForm, type ModelTarget } from '../../../lib/studio/compose-form';
import type { StatusEvent } from '../../../lib/studio/status';
import type { ComposeWorker } from './use-compose-worker';

export type Composer = {
  compose(form: ComposeForm): Promise<void>;
  regenerate(form: ComposeForm, arrangement: Arrangement, bar: number): Promise<void>;
};

export function randomSeed(): number {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0] ?? 1;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function useComposer(p: {
  worker: ComposeWorker;
  dispatch: Dispatch<StatusEvent>;
  onComposed(result: ComposeResult): void;
  onEdit(op: EditOp): void;
}): Composer {
  const { worker, dispatch, onComposed, onEdit } = p;

  const load = useCallback(
    async (form: ComposeForm): Promise<ModelTarget | null> => {
      let target: ModelTarget;
      try {
        target = modelTarget(form, window.location.href);
      } catch (e) {
        dispatch({ type: 'error', message: message(e) });
        return null;
      }
      if (worker.loadedUrl.current === target.url) return target;
      dispatch({ type: 'load-start' });
      const r = await worker.call({ type: 'load', modelId: target.modelId, url: target.url }, (m) =>
        dispatch({ type: 'progress', phase: 'load', fraction: m.fraction }),
      );
      if (r.type !== 'loaded') {
        dispatch({
          type: 'load-failed',
          message: r.type === 'error' ? r.message : 'Unexpected answer from the worker.',
        });
        return null;
      }
      worker.loadedUrl.current = target.url;
      dispatch({ type: 'loaded', bytes: r.bytes, backend: r.backend, cached: false });
      return target;
    },
    [worker, dispatch],
  );

  const compose = useCallback(
    async (form: ComposeForm) => {
      dispatch({ type: 'clear-error' });
      const target = await load(form);
      if (!target) return;
      let request;
      try {
        request = requestFromForm(form, target.modelId);
      } catch (e) {
        dispatch({ type: 'error', message: message(e) });
        return;
      }
      dispatch({ type: 'compose-start' });
      const r = await worker.call({ type: 'compose', request }, (m) =>
        dispatch({ type: 'progress', phase: 'generate', fraction: m.fraction }),
      );
      if (r.type === 'composed') {
        onComposed(r.result);
        dispatch({
          type: 'composed',
          bars: r.result.arrangement.bars,
          ms: r.result.ms,
          seed: request.seed,
          backend: r.result.backend,
        });
      } else if (r.type === 'error' && r.kind === 'cancelled') dispatch({ type: 'cancelled' });
      else
        dispatch({
          type: 'failed',
          phase: 'generate',
          message: r.type === 'error' ? r.message : 'Unexpected answer from the worker.',
        });
    },
    [load, worker, dispatch, onComposed],
  );

  const regenerate = useCallback(
    async (form: ComposeForm, arrangement: Arrangement, bar: number) => {
      const target = await load(form);
      if (!target) return;
      dispatch({ type: 'regenerate-start' });
      const seed = randomSeed();
      const r = await worker.call({
        type: 'regenerateBar',
        arrangement,
        bar: bar - 1,
        seed,
        temperature: form.temperature,
        snapToScale: form.snap,
      });
      if (r.type === 'regenerated') {
        onEdit(r.op);
        dispatch({ type: 'regenerated', bar, seed });
      } else if (r.type === 'error' && r.kind === 'cancelled') dispatch({ type: 'cancelled' });
      else dispatch({ type: 'failed', message: r.type === 'error' ? r.message : 'Unexpected answer from the worker.' });
    },
    [load, worker, dispatch, onEdit],
  );

  return { compose, regenerate };
}
