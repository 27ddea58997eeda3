import type { Anvil } from '../chain/anvil';
import type { EmbeddedPostgresServer } from '../db/embedded-postgres';
import type { ManagedProcess } from '../process/child-process';
import { pidEnded, type Supervised } from './supervisor';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A process this one spawned (the web app): dead when it exits. */
export function processChild(name: string, proc: ManagedProcess): Supervised {
  return {
    ended: proc.exited.then((e) => `${name} exited (${e.signal ? `signal ${e.signal}` : `code ${e.code}`})`),
    stop: () => proc.stop(),
  };
}

/** anvil as the supervisor sees it: dead when its process exits. */
export function anvilChild(anvil: Anvil): Supervised {
  return { ...processChild('anvil', anvil.process), stop: () => anvil.stop() };
}

/** Embedded PostgreSQL: its postmaster is not our child process (the library spawns it), so its pid is watched. */
export function postgresChild(server: EmbeddedPostgresServer): Supervised {
  const watching = new AbortController();
  return {
    ended: pidEnded(server.pid, watching.signal).then(() => `PostgreSQL (pid ${server.pid}) exited`),
    stop: async () => {
      await server.stop();
      watching.abort();
    },
  };
}

/** The indexer loop, run in this process: dead when its promise settles without being asked to stop. */
export function loopChild(name: string, run: (signal: AbortSignal) => Promise<void>): Supervised {
  const abort = new AbortController();
  const running = run(abort.signal);
  return {
    ended: running.then(
      () => `${name} ended`,
      (error: unknown) => `${name} stopped: ${message(error)}`,
    ),
    stop: async () => {
      abort.abort();
      await running.catch(() => undefined);
    },
  };
}
