import { chmod, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from './client';
import { DamagedDataDirError, startEmbeddedPostgres, type EmbeddedPostgresServer } from './embedded-postgres';
import { applyMigrations, listMigrations, migrationStatus, nextMigrationSql } from './migrate';
import { assertPortFree, freePort, PortBusyError } from '../config/ports';

let dir: string;
let server: EmbeddedPostgresServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-db-test-'));
  await chmod(dir, 0o755);
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() });
});

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('embedded PostgreSQL + migrations + Prisma', () => {
  it('applies every migration once, records them, and reports none pending', async () => {
    const before = await migrationStatus(server.databaseUrl);
    expect(before.applied).toEqual([]);
    expect(before.pending).toEqual(await listMigrations());

    const first = await applyMigrations(server.databaseUrl);
    expect(first.applied).toEqual(await listMigrations());
    const second = await applyMigrations(server.databaseUrl);
    expect(second.applied).toEqual([]);

    const after = await migrationStatus(server.databaseUrl);
    expect(after.pending).toEqual([]);
    expect(after.unknown).toEqual([]);
  });

  it('has a migration for every change in prisma/schema.prisma', async () => {
    expect(await nextMigrationSql(server.databaseUrl)).toBe('');
  });

  it('writes and reads rows through the generated Prisma client', async () => {
    const prisma = createPrismaClient(server.databaseUrl);
    try {
      await prisma.profile.create({
        data: { address: '0x0000000000000000000000000000000000000001', displayName: 'Ada' },
      });
      const found = await prisma.profile.findUnique({
        where: { address: '0x0000000000000000000000000000000000000001' },
      });
      expect(found?.displayName).toBe('Ada');
      await expect(
        prisma.profile.create({ data: { address: '0x0000000000000000000000000000000000000001' } }),
      ).rejects.toThrow();
    } finally {
      await prisma.$disconnect();
    }
  });

  it('keeps data across a stop and a restart of the same folder', async () => {
    await server.stop();
    server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: server.port });
    expect(server.created).toBe(false);
    const prisma = createPrismaClient(server.databaseUrl);
    try {
      expect(await prisma.profile.count()).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('stop() resolves when the server was already stopped from outside, as Ctrl-C to the process group does', async () => {
    const port = server.port;
    process.kill(server.pid, 'SIGINT');
    // Let it exit, and Node see the exit, before stop() is asked.
    while (
      await assertPortFree(port, 'MOTIF_PG_PORT').then(
        () => false,
        () => true,
      )
    )
      await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    await server.stop();
    await expect(assertPortFree(port, 'MOTIF_PG_PORT')).resolves.toBeUndefined();
    server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port });
    expect(server.created).toBe(false);
  });

  it('refuses a damaged data folder with a clear error and deletes nothing', async () => {
    const damaged = path.join(dir, 'damaged');
    await mkdir(damaged);
    await writeFile(path.join(damaged, 'keep-me.txt'), 'precious');
    await expect(startEmbeddedPostgres({ dataDir: damaged, port: await freePort() })).rejects.toBeInstanceOf(
      DamagedDataDirError,
    );
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(path.join(damaged, 'keep-me.txt'), 'utf8')).toBe('precious');
  });

  it('names the port and its variable when the port is busy', async () => {
    const error = await startEmbeddedPostgres({ dataDir: path.join(dir, 'other'), port: server.port }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PortBusyError);
    expect(String((error as Error).message)).toContain(`Port ${server.port}`);
    expect(String((error as Error).message)).toContain('MOTIF_PG_PORT');
  });
});
