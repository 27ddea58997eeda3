'use client';
/**
 * RPC to the compose worker (../compose.worker.ts): numbered requests, progress callbacks, cancel. The worker starts
 * on the first call; if its script fails or it crashes, every pending call is answered with an error and the next
 * call starts a fresh worker.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { FromWorker, ToWorker } from '../../../lib/generation/compose/protocol';

type ProgressMessage = Extract<FromWorker, { type: 'progress' }>;
type Pending = { resolve(m: FromWorker): void; onProgress?(m: ProgressMessage): void };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type WorkerRequest = WithoutId<ToWorker>;

export type ComposeWorker = {
  call(msg: WorkerRequest, onProgress?: (m: ProgressMessage) => void): Promise<FromWorker>;
  /** Cancels the latest compose or regenerate. */
  cancel(): void;
  /** The checkpoint URL the worker holds (it keeps the last one that loaded; a failed load leaves it). */
  loadedUrl: { current: string | null };
};

export function useComposeWorker(onCrash: (message: string) => void): ComposeWorker {
  const workerRef = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, Pending>());
  const nextId = useRef(1);
  const activeId = useRef<number | null>(null);
  const loadedUrl = useRef<string | null>(null);
  const crash = useRef(onCrash);
  crash.current = onCrash;

  const ensure = useCallback((): Worker => {
    if (workerRef.current) return workerRef.current;
    const w = new Worker(new URL('../compose.worker.ts', import.meta.url), { type: 'module', name: 'motif-compose' });
    w.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      const p = pending.current.get(m.id);
      if (!p) return;
      if (m.type === 'progress') p.onProgress?.(m);
      else {
        pending.current.delete(m.id);
        p.resolve(m);
      }
    };
    w.onerror = (e) => {
      const message = `The compose worker failed: ${e.message || 'its script could not be loaded'}`;
      for (const [id, p] of pending.current) p.resolve({ type: 'error', id, kind: 'generation', message });
      pending.current.clear();
      w.terminate();
      workerRef.current = null;
      loadedUrl.current = null;
      crash.current(message);
    };
    workerRef.current = w;
    return w;
  }, []);

  const call = useCallback<ComposeWorker['call']>(
    (msg, onProgress) => {
      const id = nextId.current++;
      const w = ensure();
      return new Promise((resolve) => {
        pending.current.set(id, { resolve, onProgress });
        activeId.current = id;
        w.postMessage({ ...msg, id });
      });
    },
    [ensure],
  );

  const cancel = useCallback(() => {
    const id = activeId.current;
    if (id !== null && workerRef.current) workerRef.current.postMessage({ type: 'cancel', id } satisfies ToWorker);
  }, []);

  useEffect(
    () => () => {
      workerRef.current?.terminate();
      workerRef.current = null;
      loadedUrl.current = null;
    },
    [],
  );

  return { call, cancel, loadedUrl };
}
