/**
 * The Node replay (replay-node.ts) in a worker thread, so that verifyTrack's other checks (hashing, C2PA, the
 * watermark) run beside it on another core instead of after it: the verify CLI uses it. The worker is started on
 * first use and runs from source through tsx, as the CLI does.
 */
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { ReplayError } from './errors';
import type { AnyTrackManifest } from './manifest-schema';
import type { ReplayFn } from './verify-track';

const answer = z.union([
  z.object({ ready: z.literal(true) }),
  z.object({ id: z.number(), digest: z.string() }),
  z.object({ id: z.number(), error: z.string() }),
]);

export type WorkerReplay = ReplayFn & {
  /** Starts the thread and waits until its modules are loaded (the model's weights load on the first replay). */
  prepare(): Promise<void>;
  dispose(): Promise<void>;
};

export function createWorkerReplay(): WorkerReplay {
  let worker: Worker | undefined;
  let ready: Promise<void> | undefined;
  let markReady: (() => void) | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (digest: string) => void; reject: (error: Error) => void }>();

  const fail = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    worker = undefined;
  };
  const start = (): Worker => {
    // The thread runs the TypeScript source as this process does: through tsx, registered in the thread itself
    // (Node 20 does not apply an `--import` loader to a worker's entry module).
    const entry = new URL('./replay-worker-thread.ts', import.meta.url).href;
    const w = new Worker(
      `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
      { eval: true },
    );
    ready = new Promise<void>((resolve) => (markReady = resolve));
    w.on('message', (message: unknown) => {
      const parsed = answer.parse(message);
      if ('ready' in parsed) {
        markReady?.();
        return;
      }
      const p = pending.get(parsed.id);
      pending.delete(parsed.id);
      if ('digest' in parsed) p?.resolve(parsed.digest);
      else p?.reject(new ReplayError(parsed.error));
    });
    w.on('error', (error) => fail(new ReplayError(`the replay thread failed: ${error.message}`)));
    w.on('exit', (code) => {
      markReady?.(); // nothing waits on a thread that is gone; a replay asked of it fails below
      fail(new ReplayError(`the replay thread exited (${code})`));
    });
    w.unref(); // a process that has nothing else to do is not kept alive by an idle replay thread
    return w;
  };

  const replay = (manifest: AnyTrackManifest): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      worker ??= start();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.ref(); // keep the process alive while a replay is under way
      worker.postMessage({ id, manifest });
    }).finally(() => {
      if (pending.size === 0) worker?.unref();
    });

  return Object.assign(replay, {
    async prepare(): Promise<void> {
      worker ??= start();
      worker.ref();
      await ready;
      if (pending.size === 0) worker?.unref();
    },
    async dispose(): Promise<void> {
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  });
}
