import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { openSchemaEngine } from './schema-engine';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations');
export const SCHEMA_PATH = path.resolve(import.meta.dirname, '../../prisma/schema.prisma');

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
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

type MigrationList = {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: { path: string; migrationFile: { path: string; content: { tag: 'ok'; value: string } } }[];
};

/** Loads prisma/migrations/ into the shape the schema engine takes. */
async function loadMigrationList(dir: string): Promise<MigrationList> {
  const names = await listMigrations(dir);
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(path.join(dir, name, 'migration.sql'), 'utf8') },
      },
    })),
  );
  const lockContent = await readFile(path.join(dir, 'migration_lock.toml'), 'utf8').catch(() => null);
  return { baseDir: dir, lockfile: { path: 'migration_lock.toml', content: lockContent }, shadowDbInitScript: '', migrationDirectories };
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Applies every pending migration in prisma/migrations/ and records it in `_prisma_migrations`. */
export async function applyMigrations(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<{ applied: string[] }> {
  const migrationsList = await loadMigrationList(dir);
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const engine = await openSchemaEngine(databaseUrl, [{ path: SCHEMA_PATH, content: schema }]);
  try {
    const result = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return { applied: result.appliedMigrationNames };
  } finally {
    engine.free();
  }
}

/**
 * The SQL of the next migration: from the schema the existing migrations build (replayed in a shadow database on
 * `scratchDatabaseUrl`'s server) to prisma/schema.prisma. Empty when nothing changed.
 */
export async function nextMigrationSql(scratchDatabaseUrl: string, dir = MIGRATIONS_DIR): Promise<string> {
  const migrationsList = await loadMigrationList(dir);
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const engine = await openSchemaEngine(scratchDatabaseUrl, [{ path: SCHEMA_PATH, content: schema }]);
  try {
    const result = await engine.diff({
      from: migrationsList.migrationDirectories.length === 0 ? { tag: 'empty' } : { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const sql = result.stdout ?? '';
    return /^-- This is an empty migration\.?\s*$/.test(sql.trim()) ? '' : sql;
  } finally {
    engine.free();
  }
}

/** Reads the migration state with plain SQL (no engine), for health checks. */
export async function migrationStatus(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const expected = await listMigrations(dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const exists = await client.query<{ t: string | null }>("SELECT to_regclass('public._prisma_migrations')::text AS t");
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

