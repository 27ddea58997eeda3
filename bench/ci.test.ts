import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { pollUntil } from '../test/support/limits';
import { parseBashTimes, parseProcStatBusy, parseCiSummary, startCpuBurner } from './ci';

/** User plus system CPU time of a process so far, in clock ticks (/proc/<pid>/stat fields 14 and 15). */
async function cpuTicks(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const alive = (pid: number) =>
  readFile(`/proc/${pid}/stat`, 'utf8').then(
    (s) => !/^\S+ \(.*\) Z/.test(s),
    () => false,
  );

describe('the ci bench pieces', () => {
  it('reads the closing "N passed, N failed" line, the last one when several are printed', () => {
    expect(parseCiSummary('forge: 3 passed, 0 failed\n✓ lint (2.0 s)\n412 passed, 0 failed, 2 skipped\n')).toEqual({
      passed: 412,
      failed: 0,
    });
    expect(parseCiSummary('12 passed, 0 failed\nlater output\n0 passed, 1 failed')).toEqual({ passed: 0, failed: 1 });
    expect(parseCiSummary('npm ERR! something\n')).toBeNull();
    expect(parseCiSummary('  forge ✗ Suite test: 1 passed, 2 failed in the text')).toBeNull();
  });

  it("reads the children's user and system seconds from bash's `times`", () => {
    expect(parseBashTimes('0m0.010s 0m0.002s\n21m3.500s 1m0.250s\n')).toBe(21 * 60 + 3.5 + 60 + 0.25);
    expect(parseBashTimes('')).toBeNull();
    expect(parseBashTimes('0m0.010s 0m0.002s\n')).toBeNull();
  });

  it('reads the machine busy seconds from /proc/stat (user, nice, system, irq, softirq, steal; not idle or iowait)', () => {
    expect(parseProcStatBusy('cpu  1000 200 300 9000 400 50 60 70 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n')).toBe(16.8);
    expect(parseProcStatBusy('intr 1 2 3\n')).toBeNull();
    expect(parseProcStatBusy('')).toBeNull();
  });

  it('starts a burner that uses CPU and stops it', async () => {
    const burner = await startCpuBurner();
    try {
      const before = await cpuTicks(burner.pid);
      await pollUntil('the burner to use CPU time', async () => (await cpuTicks(burner.pid)) > before + 5);
    } finally {
      await burner.stop();
    }
    expect(await alive(burner.pid)).toBe(false);
  });
});
