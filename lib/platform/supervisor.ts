import { Backoff, sleep } from '../indexer/backoff';

/** Something the supervisor keeps alive: `ended` settles, with why, when it stops without being asked to. */
export type Supervised = { readonly ended: Promise<string>; stop(): Promise<void> };

export type SupervisorEvent =
  | { kind: 'died'; name: string; reason: string; restartInMs: number }
  | { kind: 'restart-failed'; name: string; reason: string; restartInMs: number }
  | { kind: 'restarted'; name: string; restarts: number };

export type SuperviseOptions = {
  name: string;
  /** Starts it again after a death; a failure is retried with back-off. */
  restart: () => Promise<Supervised>;
  onEvent: (event: SupervisorEvent) => void;
  /** Back-off between restart attempts (default 250 ms doubling to 10 s). */
  initialDelayMs?: number;
  maxDelayMs?: number;
};

export type Supervision = {
  readonly name: string;
  /** Restarts done so far. */
  readonly restarts: number;
  /** Stops watching and stops the current run; nothing is restarted after this. */
  stop(): Promise<void>;
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Keeps one child alive for the life of `npm start`: when it dies (a crash, a `kill -9`, an indexer loop that gave
 * up), the death is reported and the child started again with exponential back-off until a start succeeds.
 */
export function supervise(first: Supervised, options: SuperviseOptions): Supervision {
  let current = first;
  let restarts = 0;
  let stopping = false;
  const quit = new AbortController();
  const backoff = new Backoff({ initialMs: options.initialDelayMs ?? 250, maxMs: options.maxDelayMs ?? 10_000 });

  const watch = (async () => {
    let startedAt = Date.now();
    while (!stopping) {
      const reason = await current.ended.catch(message);
      if (stopping) return;
      // A child that keeps dying at once is restarted ever more slowly; one that lived a while starts afresh.
      if (Date.now() - startedAt > 30_000) backoff.reset();
      let delay = backoff.next();
      options.onEvent({ kind: 'died', name: options.name, reason, restartInMs: delay });
      for (;;) {
        await sleep(delay, quit.signal);
        if (stopping) return;
        try {
          const started = await options.restart();
          if (stopping) {
            await started.stop();
            return;
          }
          current = started;
          startedAt = Date.now();
          restarts++;
          options.onEvent({ kind: 'restarted', name: options.name, restarts });
          break;
        } catch (error) {
          delay = backoff.next();
          options.onEvent({ kind: 'restart-failed', name: options.name, reason: message(error), restartInMs: delay });
        }
      }
    }
  })();

  return {
    name: options.name,
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      quit.abort();
      await current.stop();
      await watch;
    },
  };
}

/** Settles when process `pid` no longer exists (for a child this process did not spawn itself, e.g. PostgreSQL). */
export async function pidEnded(pid: number, signal?: AbortSignal): Promise<string> {
  while (!signal?.aborted) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ESRCH') return `process ${pid} is gone`;
    }
    await sleep(250, signal);
  }
  return 'no longer watched';
}
