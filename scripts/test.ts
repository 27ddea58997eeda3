/**
 * `npm test`: every check, then one closing line `N passed, N failed` (CI reads it; it is the last line printed).
 *   1. set-up: installs Debian's Chromium (browser tests) and PyTorch (training reproducibility test) when missing,
 *      writes the trainer's encoded corpora when missing, and builds the app once (`next build`, skipped when the sources did not change) for every e2e file;
 *   2. static checks, each its own step: type check, lint (TypeScript and Solidity), format check, dead exports
 *      (whole runs only);
 *   3. vitest: unit + integration (real anvil, PostgreSQL, Helia) and e2e (the built app in Chromium);
 *   4. forge: the contracts' unit, fuzz and invariant tests (whole runs only).
 * A step (set-up, each static check) counts as one passed or one failed; vitest and forge count their tests.
 * Extra arguments go to vitest (e.g. `npm test -- lib/ipfs`); then the static checks and forge are skipped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureAppBuild } from '../lib/platform/app-build';

type Tally = { passed: number; failed: number; skipped: number };
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const extra = process.argv.slice(2);
const whole = extra.length === 0;
const outDir = path.resolve('.motif-test');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function step(name: string, ok: boolean, seconds: number, detail = ''): void {
  if (ok) total.passed++;
  else total.failed++;
  console.log(`${ok ? '✓' : '✗'} ${name} (${seconds.toFixed(1)} s)${detail ? `\n${detail}` : ''}`);
}

const since = (t0: number) => (performance.now() - t0) / 1000;

// 1. Set-up: installs, never inside a test hook.
{
  const t0 = performance.now();
  const failed = [
    'scripts/ensure-chromium.sh',
    'scripts/ensure-ffmpeg.sh',
    'scripts/ensure-python-torch.sh',
    'scripts/ensure-training-data.sh',
  ].filter((s) => existsSync(s) && run('bash', [s]) !== 0);
  step(
    'set-up: Chromium, ffmpeg, PyTorch, training data',
    failed.length === 0,
    since(t0),
    failed.map((s) => `  ${s} failed: the tests that need it will fail`).join('\n'),
  );
}

/** The e2e project runs when nothing was named, or when a named path is under test/e2e. */
const e2eWanted = whole || extra.some((a) => a.replace(/^\.\//, '').startsWith('test/e2e') || a === '--project=e2e');
let appBuilt = true;
if (e2eWanted) {
  const t0 = performance.now();
  let tail: string[] = [];
  try {
    const build = await ensureAppBuild({ cwd: process.cwd(), onLine: (line) => (tail = [...tail, line].slice(-40)) });
    step(build.built ? 'set-up: app build (next build)' : 'set-up: app build (up to date)', true, since(t0));
  } catch (error) {
    appBuilt = false;
    step(
      'set-up: app build (next build)',
      false,
      since(t0),
      `${error instanceof Error ? error.message : String(error)}\n  the e2e tests were not run`,
    );
  }
}

// 2. Static checks: each its own step, two at a time (they are CPU-bound; the machine has two cores or more).
type Check = { name: string; script: string };
const CHECKS: Check[] = [
  { name: 'type check (tsc --noEmit)', script: 'typecheck' },
  { name: 'lint (eslint)', script: 'lint' },
  { name: 'Solidity lint (solhint)', script: 'lint:sol' },
  { name: 'format (prettier --check)', script: 'format:check' },
  { name: 'dead exports (knip)', script: 'knip' },
];

function runCaptured(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', (error) => resolve({ code: 1, output: output + String(error) }));
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

if (whole) {
  const queue = [...CHECKS];
  const worker = async () => {
    for (let check = queue.shift(); check; check = queue.shift()) {
      const t0 = performance.now();
      const { code, output } = await runCaptured('npm', ['run', '--silent', check.script]);
      const lines = output.trimEnd().split('\n');
      step(
        check.name,
        code === 0,
        since(t0),
        code === 0
          ? ''
          : lines
              .slice(-80)
              .map((l) => `  ${l}`)
              .join('\n'),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(2, os.availableParallelism())) }, worker));
}

// 3. vitest
const vitestJson = path.join(outDir, 'vitest.json');
const vitestStatus = run(process.execPath, [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
  ...(appBuilt ? [] : ['--project=unit']),
  ...extra,
]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; message?: string; assertionResults: { status: string }[] }[];
  };
  total.passed += report.numPassedTests;
  total.failed += report.numFailedTests;
  total.skipped += report.numPendingTests + report.numTodoTests;
  // A file that failed outside its tests (it did not load, or a beforeAll/afterAll hook threw, which leaves its tests
  // skipped) has no failed test of its own: count the file as one failure.
  total.failed += report.testResults.filter(
    (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
  ).length;
  if (vitestStatus !== 0 && report.numFailedTests === 0 && !report.testResults.some((f) => f.status === 'failed'))
    total.failed += 1;
} else if (vitestStatus !== 0) {
  total.failed += 1;
}

// 4. forge (whole runs only)
if (whole && existsSync('foundry.toml')) {
  const result = spawnSync('node_modules/.bin/forge', ['test', '--json'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  process.stderr.write(result.stderr ?? '');
  try {
    const start = (result.stdout ?? '').indexOf('{');
    const suites = JSON.parse((result.stdout ?? '').slice(start)) as Record<
      string,
      { test_results: Record<string, { status: string }> }
    >;
    let passed = 0;
    let failed = 0;
    for (const [suite, { test_results }] of Object.entries(suites)) {
      for (const [name, r] of Object.entries(test_results)) {
        if (r.status === 'Success') passed++;
        else if (r.status === 'Skipped') total.skipped++;
        else {
          failed++;
          console.log(`  forge ✗ ${suite} ${name}: ${r.status}`);
        }
      }
    }
    console.log(`forge: ${passed} passed, ${failed} failed`);
    total.passed += passed;
    total.failed += failed;
    if (result.status !== 0 && failed === 0) total.failed += 1; // forge failed outside any test (e.g. compilation)
  } catch {
    console.error(`forge test produced no JSON (exit ${result.status}):\n${(result.stdout ?? '').slice(-4000)}`);
    total.failed += 1;
  }
}

console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);
