import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('TypeScript', () => {
  it('type-checks the whole project in strict mode (tsc --noEmit)', () => {
    const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json'], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 240_000);
});
