import { readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

// Resolved from the working directory (the repository root for npm scripts, tests and `next start`), not from this
// file's location, which differs once the app is bundled.
export const MIGRATIONS_DIR = path.join(process.cwd(), 'prisma', 'migrations');
export const SCHEMA_PATH = path.join(process.cwd(), 'prisma', 'schema.prisma');

export type MigrationStatus = {
  /** Migration folder names in prisma/migrations/, in order. */
  expected: string[];
  /** Names recorded as finished in `_prisma_migrations`. */
  applied: string[];
  pending: string[];
  /** Recorded in the database but absent from the folder (the database is ahead of this code). */
  unknown: string[];
};

/** Lists the migration folders (each holds migration.sql), sorted by name (timestamp prefix). */
export async function listMigrations(dir = MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Reads the migration state with plain SQL (no engine), for health checks. */
export async function migrationStatus(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const expected = await listMigrations(dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const exists = await client.query<{ t: string | null }>(
      "SELECT to_regclass('public._prisma_migrations')::text AS t",
    );
    const applied =
      exists.rows[0]?.t == null
        ? []
        : (
            await client.query<{ migration_name: string }>(
              'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
            )
          ).rows.map((r) => r.migration_name);
    return {
      expected,
      applied,
      pending: expected.filter((n) => !applied.includes(n)),
      unknown: applied.filter((n) => !expected.includes(n)),
    };
  } finally {
    await client.end();
  }
}
