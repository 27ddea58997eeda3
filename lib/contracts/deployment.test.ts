import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDeployment, writeDeployment, type Deployment } from './deployment';

const dir = mkdtempSync(path.join(os.tmpdir(), 'motif-deployment-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const contract = (n: number) => ({
  address: `0x${n.toString(16).padStart(40, '0')}` as const,
  txHash: `0x${n.toString(16).padStart(64, '0')}` as const,
  blockNumber: n,
});
const sample: Deployment = {
  chainId: 31337,
  contracts: { TrackCollection: contract(1), SplitMain: contract(2), Market: contract(3), Editions: contract(4) },
  deployedAt: '2026-11-24T00:00:00.000Z',
  compilerVersion: '0.8.30+commit.73712a01.Emscripten.clang',
  sourcesHash: `0x${'ab'.repeat(32)}`,
};

describe('deployment file', () => {
  it('round-trips through write and read, creating folders', () => {
    const file = path.join(dir, 'nested', '31337.json');
    writeDeployment(file, sample);
    expect(readDeployment(file)).toEqual(sample);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  });

  it('rejects a malformed file', () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...sample, contracts: { ...sample.contracts, Market: { address: '0x12' } } }));
    expect(() => readDeployment(file)).toThrow();
    writeFileSync(file, JSON.stringify({ ...sample, chainId: -1 }));
    expect(() => readDeployment(file)).toThrow();
  });

  it('refuses to write an invalid deployment', () => {
    const bad = { ...sample, sourcesHash: '0x1234' } as unknown as Deployment;
    expect(() => writeDeployment(path.join(dir, 'never.json'), bad)).toThrow();
  });
});
