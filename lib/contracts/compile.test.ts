import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ABI_DIR,
  APP_CONTRACTS,
  abiIndexSource,
  abiModuleSource,
  compileContracts,
  computeSourcesHash,
  listSources,
} from './compile';

describe('compileContracts', () => {
  it('compiles every app and reference contract with bytecode', async () => {
    const result = await compileContracts({ writeAbiModules: false });
    expect(result.compilerVersion).toMatch(/^0\.8\.30\+commit/);
    expect(result.sourcesHash).toMatch(/^0x[0-9a-f]{64}$/);
    for (const name of [...APP_CONTRACTS, 'NaiveTrack', 'NaiveSplitFactory', 'NaiveSplit', 'NaiveMarket'] as const) {
      expect(result.artifacts[name].bytecode.length).toBeGreaterThan(100);
      expect(result.artifacts[name].abi.length).toBeGreaterThan(0);
    }
  });

  it('answers from the cache when nothing changed', async () => {
    await compileContracts({ writeAbiModules: false });
    const second = await compileContracts({ writeAbiModules: false });
    expect(second.cached).toBe(true);
  });

  it('keeps the committed ABI modules up to date with a fresh compile', async () => {
    const fresh = await compileContracts({ force: true, writeAbiModules: false });
    for (const name of APP_CONTRACTS) {
      const committed = readFileSync(path.join(ABI_DIR, `${name}.ts`), 'utf8');
      expect(committed, `lib/contracts/abi/${name}.ts is stale: run npm run contracts:compile`).toBe(
        abiModuleSource(name, fresh.artifacts[name].abi),
      );
    }
    expect(readFileSync(path.join(ABI_DIR, 'index.ts'), 'utf8')).toBe(abiIndexSource());
  });

  it('hashes sources deterministically and leaves forge tests out', () => {
    const sources = listSources();
    expect(sources).toContain('contracts/TrackCollection.sol');
    expect(sources).toContain('contracts/reference/NaiveTrack.sol');
    expect(sources.some((s) => s.startsWith('contracts/test/'))).toBe(false);
    expect(computeSourcesHash(sources, 'x')).toBe(computeSourcesHash(sources, 'x'));
    expect(computeSourcesHash(sources, 'x')).not.toBe(computeSourcesHash(sources, 'y'));
  });
});
