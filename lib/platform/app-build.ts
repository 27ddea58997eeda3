import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { BaseError } from '../errors/base';

const BUILD_INPUTS = [
  'app',
  'lib',
  'public',
  'next.config.ts',
  'proxy.ts',
  'instrumentation.ts',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.next.json',
];
const STAMP = 'motif-source-hash';

async function hashTree(root: string, hash: ReturnType<typeof createHash>, rel: string): Promise<void> {
  const full = path.join(root, rel);
  if (!existsSync(full)) return;
  const entries = await readdir(full, { withFileTypes: true }).catch(() => null);
  if (entries === null) {
    hash.update(rel).update(await readFile(full));
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || /\.test\.tsx?$/.test(entry.name)) continue;
    await hashTree(root, hash, path.join(rel, entry.name));
  }
}

/** A digest of everything the production build depends on, to rebuild only when a source changed. */
export async function appSourceHash(cwd: string): Promise<string> {
  const hash = createHash('sha256');
  for (const input of BUILD_INPUTS) await hashTree(cwd, hash, input);
  return hash.digest('hex');
}

export function nextBinary(cwd: string): string {
  const require = createRequire(path.join(cwd, 'package.json'));
  return path.join(path.dirname(require.resolve('next/package.json')), 'dist', 'bin', 'next');
}

export class AppBuildError extends BaseError {
  override name = 'AppBuildError';
}

/** `next build` refuses to run beside another build of the same folder (a parallel test, a second `npm start`). */
const BUILD_BUSY = 'Another next build process is already running';
/** How long to wait for another build of this folder before giving up. */
const BUSY_WAIT_MS = 15 * 60_000;

export type EnsureAppBuildParameters = {
  cwd: string;
  onLine?: (line: string) => void;
  signal?: AbortSignal;
};

function runNextBuild(params: EnsureAppBuildParameters): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBinary(params.cwd), 'build'], {
      cwd: params.cwd,
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: params.signal, // aborting kills the build and rejects with the abort reason
    });
    let tail = '';
    const onData = (chunk: Buffer) => {
      const textChunk = chunk.toString();
      tail = (tail + textChunk).slice(-8000);
      for (const line of textChunk.split('\n')) if (line.trim()) params.onLine?.(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new AppBuildError(`next build failed (exit ${code}):\n${tail}`)),
    );
  });
}

/**
 * Runs `next build` when the sources changed since the last build (or there is none). When another process is
 * building the same folder, waits for it and looks again: its build may be the one wanted.
 */
export async function ensureAppBuild(params: EnsureAppBuildParameters): Promise<{ built: boolean; ms: number }> {
  const started = performance.now();
  const stampPath = path.join(params.cwd, '.next', STAMP);
  for (let announced = false; ;) {
    const current = await appSourceHash(params.cwd);
    const previous = await readFile(stampPath, 'utf8').catch(() => '');
    if (previous === current && existsSync(path.join(params.cwd, '.next', 'BUILD_ID')))
      return { built: false, ms: performance.now() - started };
    try {
      await runNextBuild(params);
      await writeFile(stampPath, current);
      return { built: true, ms: performance.now() - started };
    } catch (error) {
      if (
        !(error instanceof AppBuildError && error.message.includes(BUILD_BUSY)) ||
        performance.now() - started > BUSY_WAIT_MS
      )
        throw error;
      if (!announced) params.onLine?.('another build of this folder is running: waiting for it');
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      params.signal?.throwIfAborted();
    }
  }
}
