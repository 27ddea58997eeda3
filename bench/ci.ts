/**
 * `npm run bench -- ci`: the wall time of `.ci/run` (npm ci, set-up, static checks, vitest, forge) from a clean
 * checkout of HEAD, as CI runs it: a temporary `git worktree add --detach` (no node_modules, no .next, no caches),
 * removed afterwards. With MOTIF_BENCH_CI_BURN=1 a second clean run follows with a CPU burner busy on one core beside
 * it (the issue's "passes with the other core fully loaded"), recorded as ci.wall.loaded.s. A run whose closing line
 * reports a failure gives no figure: the module fails with the run's tail. Takes about 20 minutes a run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { round, type BenchFigure, type BenchModule } from './figure';
import { DURATIONS_FILE, durationsFromReport, type RecordedDurations } from '../test/setup/longest-first';

/** The last landed CI run's wall time (seconds), the figure the issue's goal is set against. */
const ANCHOR_S = 921;
const GOAL = '<= 900';

export type CiSummary = { passed: number; failed: number };

/** The closing `N passed, N failed` line of `.ci/run`'s output (the last such line), or null when there is none. */
export function parseCiSummary(output: string): CiSummary | null {
  const lines = output.trimEnd().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^(\d+) passed, (\d+) failed\b/.exec(lines[i]!.trim());
    if (m) return { passed: Number(m[1]), failed: Number(m[2]) };
  }
  return null;
}

export type CpuBurner = { pid: number; stop(): Promise<void> };

/** A process that keeps one core busy (a single-threaded busy loop) until stopped. */
export async function startCpuBurner(): Promise<CpuBurner> {
  const child: ChildProcess = spawn(process.execPath, ['-e', "process.stdout.write('burning\\n'); for (;;) {}"], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the CPU burner exited (${code}) before it started`)));
    child.stdout!.once('data', () => resolve());
  });
  return {
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`git ${args.join(' ')} failed (${code}): ${out}`)),
    );
  });
}

export type CiRun = {
  seconds: number;
  /** User plus system CPU seconds of the run and every process it waited for (bash's `times`), or null if unread. */
  cpuSeconds: number | null;
  summary: CiSummary;
  commit: string;
  /**
   * The whole machine's busy CPU seconds over the run (/proc/stat), daemons included: PostgreSQL's server and
   * Chromium's helpers leave the process tree, so `times` misses them. On a quiet machine, the run's true CPU time.
   */
  machineBusySeconds: number | null;
  /** How long each e2e file took (vitest's JSON report of the run), for the e2e files' order; null if unread. */
  e2eDurations: RecordedDurations | null;
};

/** The children's user and system seconds from bash's `times` output (its second line, e.g. `12m3.5s 1m0.25s`). */
export function parseBashTimes(text: string): number | null {
  const line = text.trim().split('\n')[1];
  const parts = line?.match(/^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/);
  if (!parts) return null;
  const [, um, us, sm, ss] = parts.map(Number);
  return um! * 60 + us! + sm! * 60 + ss!;
}

/**
 * Busy CPU seconds of the whole machine since boot, from the first line of /proc/stat (user, nice, system, irq,
 * softirq and steal ticks, at Linux's 100 ticks a second); null where there is no /proc/stat.
 */
export function parseProcStatBusy(text: string): number | null {
  const fields = text.split('\n')[0]?.trim().split(/\s+/);
  if (fields?.[0] !== 'cpu' || fields.length < 9) return null;
  const [user, nice, system, , , irq, softirq, steal] = fields.slice(1, 9).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}

async function machineBusy(): Promise<number | null> {
  return parseProcStatBusy(await readFile('/proc/stat', 'utf8').catch(() => ''));
}

/** Runs `.ci/run` in a fresh detached worktree of HEAD; the worktree (node_modules included) is removed after. */
export async function timeCleanCi(repo: string, log: (line: string) => void = () => {}): Promise<CiRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'motif-bench-ci-'));
  // As root, the embedded PostgreSQL runs as a 'postgres' user that must reach its binaries in node_modules.
  await chmod(dir, 0o755);
  const tree = path.join(dir, 'tree');
  const logPath = path.join(dir, 'ci.log');
  const timesPath = path.join(dir, 'times.txt');
  try {
    await git(repo, ['worktree', 'add', '--detach', tree, 'HEAD']);
    const commit = await git(tree, ['rev-parse', '--short', 'HEAD']);
    log(`  .ci/run in a clean worktree of ${commit} (log: ${logPath})`);
    // The run sees this machine's environment, less this process's own settings (bench, vitest, node options).
    const env = { ...process.env };
    for (const k of Object.keys(env))
      if (k.startsWith('MOTIF_') || k.startsWith('VITEST') || k === 'NODE_OPTIONS') delete env[k];
    // The corpora live beside the checkout (`../shared/datasets`), which a worktree under the temp folder has not.
    env.MOTIF_DATASETS = path.resolve(repo, '..', 'shared', 'datasets');
    const busy0 = await machineBusy();
    const t0 = performance.now();
    const code = await new Promise<number | null>((resolve, reject) => {
      const out = createWriteStream(logPath);
      // bash's `times` after the run: the CPU time of every process the run waited for, all its tests included.
      const child = spawn('bash', ['-c', '.ci/run; status=$?; times > "$0"; exit $status', timesPath], {
        cwd: tree,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.pipe(out, { end: false });
      child.stderr.pipe(out, { end: false });
      child.once('error', reject);
      child.once('close', (c) => out.end(() => resolve(c)));
    });
    const seconds = (performance.now() - t0) / 1000;
    const busy1 = await machineBusy();
    const machineBusySeconds = busy0 === null || busy1 === null ? null : busy1 - busy0;
    const output = await readFile(logPath, 'utf8');
    // kept beside the repository (ignored: .ci-*.log) to read each step's time after the worktree is gone
    await writeFile(path.join(repo, '.ci-bench.log'), output);
    const summary = parseCiSummary(output);
    if (code !== 0 || !summary || summary.failed > 0) {
      throw new Error(
        `.ci/run at ${commit} failed (exit ${code}, ${summary ? `${summary.passed} passed, ${summary.failed} failed` : 'no summary line'}) after ${Math.round(seconds)} s:\n${output.slice(-6000)}`,
      );
    }
    const cpuSeconds = parseBashTimes(await readFile(timesPath, 'utf8').catch(() => ''));
    const e2eDurations = await readFile(path.join(tree, '.motif-test', 'vitest-e2e.json'), 'utf8')
      .then((text) => durationsFromReport(JSON.parse(text), tree))
      .catch(() => null);
    return { seconds, cpuSeconds, machineBusySeconds, summary, commit, e2eDurations };
  } finally {
    await git(repo, ['worktree', 'remove', '--force', tree]).catch(() => {});
    await rm(dir, { recursive: true, force: true });
    await git(repo, ['worktree', 'prune']).catch(() => {});
  }
}

export const ciBench: BenchModule = {
  // measured only by an opt-in second run (MOTIF_BENCH_CI_BURN=1); a quiet-only run keeps the last loaded figure
  optionalFigures: ['ci.wall.loaded.s'],
  async run(): Promise<BenchFigure[]> {
    const repo = process.cwd();
    const cores = os.cpus().length;
    const quiet = await timeCleanCi(repo, console.log);
    // the next runs take the e2e files longest first by what this one measured (test/setup/longest-first.ts)
    if (quiet.e2eDurations)
      await writeFile(path.join(repo, DURATIONS_FILE), `${JSON.stringify(quiet.e2eDurations, null, 2)}\n`);
    const figures: BenchFigure[] = [
      {
        name: 'ci.wall.s',
        value: round(quiet.seconds, 0),
        unit: 's',
        goal: GOAL,
        note: `.ci/run from a clean worktree of ${quiet.commit} (npm ci included), ${quiet.summary.passed} passed, 0 failed, ${cores} cores, load average ${os.loadavg()[0]!.toFixed(1)} at the end; the last landed CI (stop 29) took ${ANCHOR_S} s`,
      },
    ];
    if (quiet.cpuSeconds !== null)
      figures.push({
        name: 'ci.cpu.s',
        value: round(quiet.cpuSeconds, 0),
        unit: 's',
        goal: 'context for ci.wall.s',
        note: `user + system CPU seconds of the processes the run waited for (bash's times)${quiet.machineBusySeconds === null ? '' : `; the whole machine was busy ${round(quiet.machineBusySeconds, 0)} CPU s over the run, daemons (PostgreSQL's server, Chromium's helpers) included, ${Math.round((100 * quiet.machineBusySeconds) / (cores * quiet.seconds))} % of its ${cores} cores`}`,
      });
    if (process.env.MOTIF_BENCH_CI_BURN === '1') {
      const burner = await startCpuBurner();
      try {
        const loaded = await timeCleanCi(repo, console.log);
        figures.push({
          name: 'ci.wall.loaded.s',
          value: round(loaded.seconds, 0),
          unit: 's',
          goal: 'passes',
          note: `the same run with a CPU burner (one busy-looping process) on one of the ${cores} cores beside it: ${loaded.summary.passed} passed, 0 failed at ${loaded.commit}`,
        });
      } finally {
        await burner.stop();
      }
    }
    return figures;
  },
};
