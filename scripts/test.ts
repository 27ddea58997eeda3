/**
 * `npm test`: every check, then one closing line `N passed, N failed` (CI reads it; it is the last line printed).
 * The whole run is scheduled to keep both cores busy from the start (on 2 cores the suite's CPU time, not any one
 * step, is what bounds its wall time):
 *   - set-up: installs Debian's Chromium (browser tests) and PyTorch (training reproducibility test) when missing and
 *     writes the trainer's encoded corpora when missing, beside the app build (`next build`, once for every e2e file,
 *     skipped when the sources did not change);
 *   - vitest's unit project (pure logic and integration against real anvil, PostgreSQL, Helia; two files at a time)
 *     once the installs are done, and vitest's e2e project (the built app in Chromium, two files at a time) once the
 *     app is built: the two overlap; the e2e files longest first (test/setup/longest-first.ts);
 *   - from the start, at a lower priority (nice), one after another: the static checks (lint of TypeScript and
 *     Solidity, format check, dead exports), then forge (the contracts' unit, fuzz and invariant tests); from the
 *     build's end, two more such lanes: forge's compile, and the type check. They use the time the tests spend
 *     waiting (for a block, the indexer, a page) and never take a core from them.
 * A step (set-up, each static check) counts as one passed or one failed; vitest and forge count their tests.
 * Extra arguments go to one vitest run (e.g. `npm test -- lib/ipfs`); then the static checks and forge are skipped.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureAppBuild } from '../lib/platform/app-build';

type Tally = { passed: number; failed: number; skipped: number };
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const extra = process.argv.slice(2);
const whole = extra.length === 0;
const outDir = path.resolve('.motif-test');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const since = (t0: number) => (performance.now() - t0) / 1000;
/** When the run started: each step says when it ended, so a log shows the schedule (what ran beside what). */
const runStart = performance.now();
const endedAt = () => `ended at ${since(runStart).toFixed(0)} s`;

function step(name: string, ok: boolean, seconds: number, detail = ''): void {
  if (ok) total.passed++;
  else total.failed++;
  console.log(`${ok ? '✓' : '✗'} ${name} (${seconds.toFixed(1)} s, ${endedAt()})${detail ? `\n${detail}` : ''}`);
}

// 1. Set-up: installs, never inside a test hook. The installs (apt, mostly waiting on downloads and dpkg) run one
// after another beside the app build (CPU), which needs none of them.
function runAsync(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: process.env });
    child.once('error', () => resolve(1));
    child.once('close', (code) => resolve(code ?? 1));
  });
}

async function installs(): Promise<void> {
  const t0 = performance.now();
  const failed: string[] = [];
  for (const s of [
    'scripts/ensure-chromium.sh',
    'scripts/ensure-ffmpeg.sh',
    'scripts/ensure-python-torch.sh',
    'scripts/ensure-training-data.sh',
  ])
    if (existsSync(s) && (await runAsync('bash', [s])) !== 0) failed.push(s);
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
async function appBuild(): Promise<void> {
  if (!e2eWanted) return;
  const t0 = performance.now();
  try {
    // Turbopack warns, naming the source line, when a file-system call's path is not static: it then traces the
    // whole project into the server output. Each such call must be scoped or marked (`/* turbopackIgnore: true */`).
    const wholeProject: string[] = [];
    let location = '';
    const build = await ensureAppBuild({
      cwd: process.cwd(),
      onLine: (line) => {
        if (/causes tracing of the whole project/.test(line)) wholeProject.push(`  ${location}`);
        else if (/^\.\/\S+:\d+:\d+$/.test(line.trim())) location = line.trim();
      },
    });
    step(build.built ? 'set-up: app build (next build)' : 'set-up: app build (up to date)', true, since(t0));
    if (build.built)
      step(
        'app build traces no whole project (dynamic file-system paths marked)',
        wholeProject.length === 0,
        0,
        wholeProject.join('\n'),
      );
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

// Started here, awaited below: the installs (mostly waiting on apt) and the build (CPU) run side by side.
const installed = installs();
const built = appBuild();

// 2. Static checks: each its own step. The type check reads what the build writes (next-env.d.ts, .next/types), so it
// runs once the build is done; the others need nothing from it.
type Check = { name: string; script: string };
const CHECKS: Check[] = [
  { name: 'lint (eslint)', script: 'lint' },
  { name: 'Solidity lint (solhint)', script: 'lint:sol' },
  { name: 'format (prettier --check)', script: 'format:check' },
  { name: 'dead exports (knip)', script: 'knip' },
];
const TYPE_CHECK: Check = { name: 'type check (tsc --noEmit)', script: 'typecheck' };

function runCaptured(command: string, args: string[]): Promise<{ code: number; output: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => ((output += c.toString()), (stdout += c.toString())));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', (error) => resolve({ code: 1, output: output + String(error), stdout }));
    child.once('close', (code) => resolve({ code: code ?? 1, output, stdout }));
  });
}

/** The last `count` lines of a step's output, indented under its line. */
const indentedTail = (output: string, count: number): string =>
  output
    .trimEnd()
    .split('\n')
    .slice(-count)
    .map((l) => `  ${l}`)
    .join('\n');

/** The background lane's priority: below the tests', so a check only ever takes a core the tests leave idle. */
const BACKGROUND_NICE = '10';

async function runChecks(checks: readonly Check[]): Promise<void> {
  for (const check of checks) {
    const t0 = performance.now();
    const { code, output } = await runCaptured('nice', ['-n', BACKGROUND_NICE, 'npm', 'run', '--silent', check.script]);
    step(check.name, code === 0, since(t0), code === 0 ? '' : indentedTail(output, 80));
  }
}

// 3. vitest: each run writes a JSON report, counted here.
function runVitest(args: string[], name: string): Promise<void> {
  const json = path.join(outDir, `vitest-${name}.json`);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        'node_modules/vitest/vitest.mjs',
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${json}`,
        ...args,
      ],
      { stdio: 'inherit', env: process.env },
    );
    child.once('error', () => resolve(tallyVitest(json, 1)));
    child.once('close', (code) => {
      console.log(`vitest ${name}: ${endedAt()}`);
      resolve(tallyVitest(json, code ?? 1));
    });
  });
}

function tallyVitest(json: string, status: number): void {
  if (!existsSync(json)) {
    if (status !== 0) total.failed += 1;
    return;
  }
  const report = JSON.parse(readFileSync(json, 'utf8')) as {
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
  if (status !== 0 && report.numFailedTests === 0 && !report.testResults.some((f) => f.status === 'failed'))
    total.failed += 1;
}

// 4. forge: the contracts' tests (whole runs only).

/**
 * `forge build`: the compile that `forge test` would otherwise start with. solc-js compiles on one thread (measured:
 * 71 CPU s), so, left to the end of the lane, it ran alone on one core for two minutes after the e2e files had ended;
 * started early in a lane of its own it uses the time beside the tests, and `forge test` finds it done. A failed
 * compile is one failed step (and forge test reports it again).
 */
async function compileContracts(): Promise<void> {
  if (!existsSync('foundry.toml')) return;
  const t0 = performance.now();
  const { code, output } = await runCaptured('nice', ['-n', BACKGROUND_NICE, 'node_modules/.bin/forge', 'build']);
  if (code !== 0) step('contracts compile (forge build)', false, since(t0), indentedTail(output, 40));
  else console.log(`contracts compiled (forge build, ${since(t0).toFixed(1)} s, ${endedAt()})`);
}

async function runForge(): Promise<void> {
  if (!existsSync('foundry.toml')) return;
  const result = await runCaptured('nice', ['-n', BACKGROUND_NICE, 'node_modules/.bin/forge', 'test', '--json']);
  try {
    const start = result.stdout.indexOf('{');
    const suites = JSON.parse(result.stdout.slice(start)) as Record<
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
    console.log(`forge: ${passed} passed, ${failed} failed (${endedAt()})`);
    total.passed += passed;
    total.failed += failed;
    if (result.code !== 0 && failed === 0) total.failed += 1; // forge failed outside any test (e.g. compilation)
  } catch {
    console.error(`forge test produced no JSON (exit ${result.code}):\n${result.output.slice(-4000)}`);
    total.failed += 1;
  }
}

if (!whole) {
  await Promise.all([installed, built]);
  await runVitest([...(appBuilt ? [] : ['--project=unit']), ...extra], 'named');
} else {
  // Once the app is built (so neither slows the build the e2e files wait for), two more low-priority lanes: forge's
  // compile, and the type check (it reads what the build writes). Both run on one thread; queued behind the static
  // checks in one lane, the type check ran alone on one core after the e2e files had ended while the other core
  // idled. forge's tests come last in the first lane: they run their suites in parallel, so they fill both cores once
  // the tests are done.
  const compiled = built.then(compileContracts);
  const typeChecked = built.then(() => runChecks([TYPE_CHECK]));
  const background = runChecks(CHECKS)
    .then(() => compiled)
    .then(runForge);
  const unit = installed.then(() => runVitest(['--project=unit'], 'unit'));
  const e2e = Promise.all([installed, built]).then(() =>
    appBuilt ? runVitest(['--project=e2e'], 'e2e') : Promise.resolve(),
  );
  await Promise.all([background, typeChecked, unit, e2e]);
}

console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);
