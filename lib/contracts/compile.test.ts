import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CONTRACTS, compileContracts, computeSourcesHash, listSources } from './compile';
import { GENERATED_ABIS_FILE, generateAbis } from './generate-abis';

describe('compileContracts', () => {
  it('compiles every app and reference contract with bytecode', async () => {
    const result = await compileContracts();
    expect(result.compilerVersion).toMatch(/^0\.8\.30\+commit/);
    expect(result.sourcesHash).toMatch(/^0x[0-9a-f]{64}$/);
    for (const name of [...APP_CONTRACTS, 'NaiveTrack', 'NaiveSplitFactory', 'NaiveSplit', 'NaiveMarket'] as const) {
      expect(result.artifacts[name].bytecode.length).toBeGreaterThan(100);
      expect(result.artifacts[name].abi.length).toBeGreaterThan(0);
    }
  });

  it('answers from the cache when nothing changed', async () => {
    await compileContracts();
    const second = await compileContracts();
    expect(second.cached).toBe(true);
  });

  it('keeps the committed typed ABIs (@wagmi/cli) equal to a generation from a fresh compile', async () => {
    // The artifacts are a function of the sources hash (sources, compiler, settings), so cached ones are as fresh as a
    // recompile: a second solc-js run here would only cost CPU.
    const fresh = await compileContracts();
    expect(fresh.sourcesHash).toBe(computeSourcesHash(listSources(), fresh.compilerVersion));
    const dir = mkdtempSync(path.join(tmpdir(), 'motif-abis-'));
    try {
      const out = path.join(dir, 'index.ts');
      await generateAbis({ out });
      const generated = readFileSync(out, 'utf8');
      for (const name of APP_CONTRACTS) {
        // @wagmi/cli camel-cases the name (MotifTestUSD -> motifTestUsdAbi): compared without case.
        expect(generated.toLowerCase()).toContain(`export const ${name.toLowerCase()}abi = [`);
      }
      expect(
        readFileSync(GENERATED_ABIS_FILE, 'utf8'),
        'lib/contracts/abi/index.ts is stale: run npm run contracts:compile',
      ).toBe(generated);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
