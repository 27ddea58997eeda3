import { spawn, type ChildProcess } from 'node:child_process';

export type StartedPlatform = {
  child: ChildProcess;
  output: () => string;
  /** Resolves once the output contains `text`; rejects if the process exits first. */
  waitFor: (text: string) => Promise<void>;
  /** `waitFor('Motif is running at')`. */
  ready: Promise<void>;
  exited: Promise<number | null>;
};

/**
 * Runs the real `npm start` script (`node scripts/run-bundled.mjs scripts/start.ts`) in its own process group, as a terminal
 * would, so a test can press Ctrl-C on the whole group.
 */
export function runStartScript(env: Record<string, string>): StartedPlatform {
  const child = spawn(process.execPath, ['scripts/run-bundled.mjs', 'scripts/start.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const waiters = new Set<{ text: string; resolve: () => void }>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters) {
      if (!output.includes(waiter.text)) continue;
      waiters.delete(waiter);
      waiter.resolve();
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (output.includes(text)) return resolve();
      waiters.add({ text, resolve });
      void exited.then((code) =>
        reject(new Error(`npm start exited with ${code} before printing ${JSON.stringify(text)}:\n${output}`)),
      );
    });
  const ready = waitFor('Motif is running at');
  ready.catch(() => {});
  return { child, output: () => output, waitFor, ready, exited };
}

/** Ctrl-C: SIGINT to the whole process group. */
export function pressCtrlC(started: StartedPlatform): void {
  if (!started.child.pid) return;
  try {
    process.kill(-started.child.pid, 'SIGINT');
  } catch (error) {
    // the group has already exited (e.g. start failed): nothing to stop, and the start's own error is the one to see
    if (!(error instanceof Error && 'code' in error && error.code === 'ESRCH')) throw error;
  }
}

export type PlatformEnv = {
  MOTIF_DATA_DIR: string;
  MOTIF_APP_PORT: string;
  MOTIF_ANVIL_PORT: string;
  MOTIF_PG_PORT: string;
  /** The demo seed (lib/demo): off unless the test asks for it, so a test platform starts with an empty catalogue. */
  MOTIF_DEMO: 'on' | 'off';
};

/**
 * A fresh data folder and free ports for one test file's platform. The folder's parent is world-readable because,
 * as root, PostgreSQL runs as a 'postgres' user that must reach its data folder. The demo seed is off (an empty
 * catalogue, as every test expects) unless `{ demo: true }`.
 */
export async function tempPlatform(
  name: string,
  options: { demo?: boolean } = {},
): Promise<{ dir: string; env: PlatformEnv }> {
  const { chmod, mkdtemp } = await import('node:fs/promises');
  const os = await import('node:os');
  const path = await import('node:path');
  const { freePort } = await import('../../lib/config/ports');
  const dir = await mkdtemp(path.join(os.tmpdir(), `motif-e2e-${name}-`));
  await chmod(dir, 0o755);
  return {
    dir,
    env: {
      MOTIF_DATA_DIR: path.join(dir, 'data'),
      MOTIF_APP_PORT: String(await freePort()),
      MOTIF_ANVIL_PORT: String(await freePort()),
      MOTIF_PG_PORT: String(await freePort()),
      MOTIF_DEMO: options.demo ? 'on' : 'off',
    },
  };
}
