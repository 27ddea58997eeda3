/**
 * Vitest global set-up: one real anvil, one real embedded PostgreSQL (migrated) and a Helia repository folder,
 * each on a free port / in a temporary folder, shared by the integration tests through `inject()` and stopped after.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startAnvil } from '../../lib/chain/anvil';
import { startEmbeddedPostgres } from '../../lib/db/embedded-postgres';
import { applyMigrations } from '../../lib/db/migrate';
import { freePort } from '../../lib/config/ports';

declare module 'vitest' {
  export interface ProvidedContext {
    rpcUrl: string;
    databaseUrl: string;
    servicesDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'motif-test-services-'));
  await chmod(dir, 0o755); // as root, PostgreSQL runs as a 'postgres' user that must reach its folder
  const [anvil, pg] = await Promise.all([
    startAnvil(),
    startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() }),
  ]);
  await applyMigrations(pg.databaseUrl);
  project.provide('rpcUrl', anvil.rpcUrl);
  project.provide('databaseUrl', pg.databaseUrl);
  project.provide('servicesDir', dir);
  return async () => {
    await Promise.allSettled([anvil.stop(), pg.stop()]);
    await rm(dir, { recursive: true, force: true });
  };
}
