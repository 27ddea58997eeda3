import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// A real vitest run of a two-story file with the e2e project's set-up file (its own folder under .motif-test, so the
// fixture resolves vitest from this repository's node_modules and never joins the suite's own globs).
const root = path.resolve('.motif-test');
mkdirSync(root, { recursive: true });
const dir = mkdtempSync(path.join(root, 'story-steps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Report = { testResults: { assertionResults: { fullName: string; status: string }[] }[] };

describe('story-steps (the e2e set-up file)', () => {
  it('skips the later steps of a story whose step failed, and runs the other stories of the file', () => {
    writeFileSync(
      path.join(dir, 'fixture.test.ts'),
      [
        "import { describe, expect, it } from 'vitest';",
        "describe('broken story', () => {",
        "  it('first step', () => expect(1).toBe(1));",
        "  it('failing step', () => expect(1).toBe(2));",
        "  it('later step', () => expect(1).toBe(1));",
        '});',
        "describe('next story', () => {",
        "  it('its step', () => expect(1).toBe(1));",
        '});',
      ].join('\n'),
    );
    const setup = JSON.stringify(path.resolve('test/setup/story-steps.ts'));
    writeFileSync(path.join(dir, 'vitest.config.mjs'), `export default { test: { setupFiles: [${setup}] } };\n`);
    const report = path.join(dir, 'report.json');
    const run = spawnSync(
      process.execPath,
      [path.resolve('node_modules/vitest/vitest.mjs'), 'run', '--reporter=json', `--outputFile=${report}`],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(1); // the failed step still fails the run
    const results = (JSON.parse(readFileSync(report, 'utf8')) as Report).testResults.flatMap((f) => f.assertionResults);
    expect(Object.fromEntries(results.map((r) => [r.fullName, r.status]))).toEqual({
      'broken story first step': 'passed',
      'broken story failing step': 'failed',
      'broken story later step': 'skipped',
      'next story its step': 'passed',
    });
  });
});
