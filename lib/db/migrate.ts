import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { listMigrations, MIGRATIONS_DIR, SCHEMA_PATH } from './migration-status';
import { openSchemaEngine } from './schema-engine';

export { listMigrations, migrationStatus, MIGRATIONS_DIR, SCHEMA_PATH } from './migration-status';

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
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
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

/** The schema as of the last migration, kept beside the migrations so the next one is a schema-to-schema diff. */
export const SNAPSHOT_PATH = path.join(MIGRATIONS_DIR, 'schema.snapshot.prisma');

/**
 * The SQL of the next migration: from the schema as of the last migration (prisma/migrations/schema.snapshot.prisma;
 * empty when there is none) to prisma/schema.prisma. Empty when nothing changed. (The wasm engine cannot introspect
 * a PostgreSQL 18 shadow database, so it diffs two schema files instead of replaying migrations.)
 */
export async function nextMigrationSql(scratchDatabaseUrl: string, dir = MIGRATIONS_DIR): Promise<string> {
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const snapshot = await readFile(path.join(dir, 'schema.snapshot.prisma'), 'utf8').catch(() => null);
  const engine = await openSchemaEngine(scratchDatabaseUrl, [{ path: SCHEMA_PATH, content: schema }]);
  try {
    const result = await engine.diff({
      from:
        snapshot === null
          ? { tag: 'empty' }
          : { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: snapshot }] },
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
