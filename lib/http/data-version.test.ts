import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../db/embedded-postgres';
import { freePort } from '../config/ports';
import { walDataVersion, type DataVersionSource } from './data-version';

let dir: string;
let server: EmbeddedPostgresServer;
let writer: pg.Client;
let source: DataVersionSource;

beforeAll(async () => {
  dir = await mkdtemp(path.join(inject('servicesDir'), 'data-version-'));
  await chmod(dir, 0o755); // as root, PostgreSQL runs as a 'postgres' user that must reach its folder
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() });
  writer = new pg.Client({ connectionString: server.databaseUrl });
  await writer.connect();
  await writer.query('CREATE TABLE t (n int)');
  source = walDataVersion(server.databaseUrl);
});

afterAll(async () => {
  await source?.close();
  await writer?.end();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

const atLeast = async (a: string, b: string) =>
  (await writer.query<{ ok: boolean }>('SELECT $1::pg_lsn >= $2::pg_lsn AS ok', [a, b])).rows[0]!.ok;

describe('the data version the page cache keys on', () => {
  it('moves with every committed write, and only then', async () => {
    const before = await source.fresh();
    expect(before).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(await source.fresh()).toBe(before);
    await writer.query('INSERT INTO t VALUES (1)');
    const after = await source.fresh();
    expect(after).not.toBe(before);
    expect(await atLeast(after!, before!)).toBe(true);
  });

  it('a call made after a write commits sees it, even while an earlier read is under way; callers together share reads', async () => {
    for (let i = 0; i < 10; i++) {
      const earlier = source.fresh(); // under way while the write commits
      await writer.query('INSERT INTO t VALUES ($1)', [i]);
      const written = (await writer.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn;
      const later = await Promise.all(Array.from({ length: 20 }, () => source.fresh()));
      await earlier;
      expect(new Set(later).size).toBe(1);
      expect(await atLeast(later[0]!, written)).toBe(true);
    }
  });

  it('answers null while PostgreSQL cannot be reached (nothing is then served from the cache)', async () => {
    const unreachable = walDataVersion(`postgresql://postgres:postgres@127.0.0.1:${await freePort()}/motif`);
    expect(await unreachable.fresh()).toBeNull();
    await unreachable.close();
  });
});
