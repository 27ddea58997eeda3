import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HeliaStorage } from '../ipfs/helia-storage';
import { checkHealth } from './health';

let dir: string;
let storage: HeliaStorage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(inject('servicesDir'), 'health-'));
  storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
});
afterAll(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

describe('checkHealth', () => {
  it('reports each live component; contracts fail when an address has no code', async () => {
    const report = await checkHealth({
      rpcUrl: inject('rpcUrl'),
      databaseUrl: inject('databaseUrl'),
      storage,
      contracts: { Nothing: '0x000000000000000000000000000000000000dEaD' },
    });
    expect(report.components.chain).toMatchObject({ ok: true, data: { chainId: 31337 } });
    expect(report.components.database.ok).toBe(true);
    expect(report.components.database.detail).toMatch(/^PostgreSQL 18\.\d+, \d+ migrations applied$/);
    expect(report.components.ipfs).toMatchObject({ ok: true, data: { backend: 'helia' } });
    expect(report.components.contracts).toMatchObject({ ok: false, detail: 'no code at Nothing' });
    expect(report.ok).toBe(false);
  });

  it('reports an unreachable chain and database as failing with the reason', async () => {
    const report = await checkHealth({
      rpcUrl: 'http://127.0.0.1:1',
      databaseUrl: 'postgresql://postgres:postgres@127.0.0.1:1/motif',
      storage,
      contracts: {},
    });
    expect(report.components.chain.ok).toBe(false);
    expect(report.components.database.ok).toBe(false);
    expect(report.components.contracts).toMatchObject({ ok: false, detail: 'no deployment recorded for this chain' });
    expect(report.components.ipfs.ok).toBe(true);
  });
});
