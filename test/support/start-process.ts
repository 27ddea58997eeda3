import { spawn, type ChildProcess } from 'node:child_process';

export type StartedPlatform = { child: ChildProcess; output: () => string; ready: Promise<void>; exited: Promise<number | null> };

/**
 * Runs the real `npm start` script (`node --import tsx scripts/start.ts`) in its own process group, as a terminal
 * would, so a test can press Ctrl-C on the whole group.
 */
export function runStartScript(env: Record<string, string>): StartedPlatform {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Motif is running at')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`)));
  });
  ready.catch(() => {});
  return { child, output: () => output, ready, exited };
}

/** Resolves once the output contains `text`; rejects if the process exits first. */
export async function waitForOutput(started: StartedPlatform, text: string): Promise<void> {
  let exited = false;
  void started.exited.then(() => (exited = true));
  while (!started.output().includes(text)) {
    if (exited) throw new Error(`npm start exited before printing ${JSON.stringify(text)}:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Ctrl-C: SIGINT to the whole process group. */
export function pressCtrlC(started: StartedPlatform): void {
  if (started.child.pid) process.kill(-started.child.pid, 'SIGINT');
}

export type PlatformEnv = { MOTIF_DATA_DIR: string; MOTIF_APP_PORT: string; MOTIF_ANVIL_PORT: string; MOTIF_PG_PORT: string };

/**
 * A fresh data folder and free ports for one test file's platform. The folder's parent is world-readable because,
 * as root, PostgreSQL runs as a 'postgres' user that must reach its data folder.
 */
export async function tempPlatform(name: string): Promise<{ dir: string; env: PlatformEnv }> {
  const { chmod, mkdtemp } = await import('node:fs/promises');
  const os = await import('node:os');
  const path = await import('node:path');
  const { freePort } = await import('../../lib/platform/ports');
  const dir = await mkdtemp(path.join(os.tmpdir(), `motif-e2e-${name}-`));
  await chmod(dir, 0o755);
  return {
    dir,
    env: { MOTIF_DATA_DIR: path.join(dir, 'data'), MOTIF_APP_PORT: String(await freePort()), MOTIF_ANVIL_PORT: String(await freePort()), MOTIF_PG_PORT: String(await freePort()) },
  };
}
