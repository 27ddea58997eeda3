/**
 * `npm test`: every suite, then one closing line `N passed, N failed` over all tests that ran (CI reads it).
 *   1. installs Debian's Chromium (browser tests) and PyTorch (training reproducibility test) when missing;
 *   2. vitest: unit + integration (real anvil, PostgreSQL, Helia) and e2e (the built app in Chromium);
 *   3. forge: the contracts' unit, fuzz and invariant tests.
 * Extra arguments go to vitest (e.g. `npm test -- lib/ipfs`), and then forge is skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

type Tally = { passed: number; failed: number; skipped: number };
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const extra = process.argv.slice(2);
const outDir = path.resolve('.motif-test');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

for (const script of ['scripts/ensure-chromium.sh', 'scripts/ensure-python-torch.sh']) {
  if (existsSync(script) && run('bash', [script]) !== 0) {
    console.error(`${script} failed: the tests that need it will fail.`);
  }
}

// vitest
const vitestJson = path.join(outDir, 'vitest.json');
const vitestStatus = run(process.execPath, [
  'node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`, ...extra,
]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; testResults: { status: string; message?: string; assertionResults: { status: string }[] }[] };
  total.passed += report.numPassedTests;
  total.failed += report.numFailedTests;
  total.skipped += report.numPendingTests + report.numTodoTests;
  // A file that failed outside its tests (it did not load, or a beforeAll/afterAll hook threw, which leaves its tests
  // skipped) has no failed test of its own: count the file as one failure.
  total.failed += report.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
  if (vitestStatus !== 0 && report.numFailedTests === 0 && !report.testResults.some((f) => f.status === 'failed')) total.failed += 1;
} else if (vitestStatus !== 0) {
  total.failed += 1;
}

// forge (whole runs only)
if (extra.length === 0 && existsSync('foundry.toml')) {
  const forgeJson = path.join(outDir, 'forge.json');
  const result = spawnSync('node_modules/.bin/forge', ['test', '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  process.stderr.write(result.stderr ?? '');
  try {
    const start = (result.stdout ?? '').indexOf('{');
    const suites = JSON.parse((result.stdout ?? '').slice(start)) as Record<string, { test_results: Record<string, { status: string }> }>;
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
    void forgeJson;
  } catch {
    console.error(`forge test produced no JSON (exit ${result.status}):\n${(result.stdout ?? '').slice(-4000)}`);
    total.failed += 1;
  }
}

console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);
