import { pressCtrlC, runStartScript } from '../test/support/start-process';

export type BenchPlatform = {
  /** Milliseconds from spawning `npm start`'s script to its "Motif is running at" line. */
  readyMs: number;
  /** Ctrl-C, as a user would, and waits for the platform to exit. */
  stop(): Promise<void>;
};

/**
 * Runs `npm start`'s script with the given data folder and ports (the same launcher the e2e tests use), timing it to
 * ready. The demo seed follows `env`; benches that measure an empty or their own catalogue pass MOTIF_DEMO.
 */
export async function startPlatform(env: Record<string, string>): Promise<BenchPlatform> {
  const t0 = performance.now();
  const started = runStartScript(env);
  await started.ready;
  const readyMs = performance.now() - t0;
  return {
    readyMs,
    stop: async () => {
      pressCtrlC(started);
      await started.exited;
    },
  };
}

/** The environment that puts one platform's data and ports where a bench wants them. */
export function platformEnv(
  dataDir: string,
  ports: { app: number; anvil: number; pg: number },
): Record<string, string> {
  return {
    MOTIF_DATA_DIR: dataDir,
    MOTIF_APP_PORT: String(ports.app),
    MOTIF_ANVIL_PORT: String(ports.anvil),
    MOTIF_PG_PORT: String(ports.pg),
  };
}
