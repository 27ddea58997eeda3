import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type LockEntry = {
  version?: string;
  optionalDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
};

describe('package-lock.json', () => {
  it('holds an entry for every optional platform package, so `npm ci` accepts it on a fresh machine', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
    const missing: string[] = [];
    for (const [at, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        // npm resolves from the nearest node_modules upward; the hoisted location is the usual one.
        const nested = `${at ? at + '/' : ''}node_modules/${name}`;
        if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`])
          missing.push(`${name} (needed by ${at || 'the project'})`);
      }
    }
    expect(missing, 'run: node scripts/lockfile/add-foreign-platform-entries.mjs').toEqual([]);
  });
});
