/**
 * `npm start`: the whole platform on this machine. One line per component as it becomes ready, then the URL.
 * Ctrl-C stops every process it started; data stays in MOTIF_DATA_DIR (default .motif/) for the next start.
 * `npm start -- --role web|indexer` (or MOTIF_ROLE) runs one part beside shared back ends (lib/platform/roles.ts).
 */
import '../lib/config/polyfills';
import { createWriteStream, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCliEnv } from '../lib/config/cli-env';
import { resolveLayout } from '../lib/config/env';
import { startLocalPlatform, type Component } from '../lib/platform/local-platform';
import { assertRoleConfigured, parseRole } from '../lib/platform/roles';
import { ownStopSignals, type StopSignal } from '../lib/platform/stop-signals';

const started = performance.now();
const env = loadCliEnv();
const layout = resolveLayout(env);
mkdirSync(layout.logsDir, { recursive: true });
const logFile = createWriteStream(path.join(layout.logsDir, 'platform.log'), { flags: 'a' });
const verbose = process.env.MOTIF_VERBOSE === '1';

const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const onReady = (component: Component, detail: string) =>
  console.log(`✔ ${component.padEnd(9)} ${detail}  [${seconds()} s]`);
const onLog = (component: Component, line: string) => {
  logFile.write(`${new Date().toISOString()} [${component}] ${line}\n`);
  if (verbose) console.log(`  ${component}: ${line}`);
  else if (component === 'app' && /Creating an optimized production build|Compiled successfully|built in/.test(line))
    console.log(`  app: ${line.trim()}`);
};

/** Records how this run ended in the log, and exits once the log is flushed (process.exit alone drops pending writes). */
const exit = (code: number, how: string) =>
  new Promise<never>(() =>
    logFile.end(`${new Date().toISOString()} [start] ${how} (exit ${code})\n`, () => process.exit(code)),
  );

// Ctrl-C while starting stops what has started so far; once running, it stops everything in order and exits 0.
const interrupted = new AbortController();
let platform: Awaited<ReturnType<typeof startLocalPlatform>> | undefined;
let stopping = false;
const shutdown = async (signal: StopSignal) => {
  if (!platform) {
    if (!interrupted.signal.aborted) console.log(`\n${signal}: stopping what has started so far (data is kept)...`);
    interrupted.abort(signal);
    return;
  }
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the app, database and chain (data is kept)...`);
  await platform.stop();
  console.log('Stopped.');
  await exit(0, `stopped by ${signal}`);
};
ownStopSignals((signal) => void shutdown(signal));

console.log(
  `Starting Motif (data in ${path.relative(process.cwd(), layout.dataDir) || '.'}/, log in ${path.relative(process.cwd(), layout.logsDir)}/platform.log)`,
);
try {
  const role = parseRole(process.argv.slice(2), process.env.MOTIF_ROLE);
  assertRoleConfigured(role, env);
  if (role !== 'all') console.log(`Role: ${role}`);
  platform = await startLocalPlatform({ env, onReady, onLog, signal: interrupted.signal, role });
  if (platform.url) console.log(`\nMotif is running at ${platform.url}  (ready in ${seconds()} s; Ctrl-C stops it)`);
  else console.log(`\nMotif ${role} is running  (ready in ${seconds()} s; Ctrl-C stops it)`);
} catch (error) {
  if (interrupted.signal.aborted) {
    const signal = interrupted.signal.reason as StopSignal;
    console.log('Stopped before Motif was ready.');
    await exit(128 + os.constants.signals[signal], `stopped by ${signal} before Motif was ready`);
  }
  const known =
    error instanceof Error && /Error$/.test(error.name) && error.name !== 'Error' && error.name !== 'TypeError';
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\n✘ Motif could not start: ${message}`);
  if (!known && error instanceof Error && error.stack) logFile.write(`${error.stack}\n`);
  await exit(1, `could not start: ${message.split('\n')[0]}`);
}
