import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('solhint', () => {
  it('reports no errors in contracts/', () => {
    const result = spawnSync(process.execPath, ['node_modules/solhint/solhint.js', '--disc', '--noPoster', '-f', 'json', 'contracts/**/*.sol'], { encoding: 'utf8' });
    const reports = JSON.parse(result.stdout.slice(result.stdout.indexOf('['))) as { severity: string; message: string; filePath: string }[];
    const errors = reports.filter((r) => r.severity === 'Error');
    expect(errors.map((e) => `${e.filePath}: ${e.message}`)).toEqual([]);
    expect(result.status).toBe(0);
  }, 60_000);
});
