/**
 * Prisma's schema engine, compiled to WebAssembly, driven through a driver adapter. The CLI's native engine is a
 * download that these machines cannot make; the wasm build applies the same `prisma/migrations/` folder and records
 * it in `_prisma_migrations`, so `prisma migrate deploy` accepts the result. This is Prisma's internal API: it is
 * wrapped here alone, its package version is pinned in package.json, and lib/db/database.test.ts exercises it.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { ConstructorOptions, SchemaEngine } from '@prisma/schema-engine-wasm';

let instantiated: Promise<void> | undefined;

function instantiateWasm(): Promise<void> {
  instantiated ??= (async () => {
    const require = createRequire(import.meta.url);
    // The package's exports map does not list the .wasm file: find it beside the glue module.
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = path.join(path.dirname(gluePath), 'schema_engine_bg.wasm');
    const bytes = await readFile(wasmPath);
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports,
    });
    const g = glue as unknown as { __wbg_set_wasm(exports: WebAssembly.Exports): void };
    g.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start === 'function') (start as () => void)();
  })();
  return instantiated;
}

export type SchemaFile = { path: string; content: string };

/** Opens a schema engine on `databaseUrl` with the given Prisma schema files. Call `engine.free()` when done. */
export async function openSchemaEngine(databaseUrl: string, schemaFiles: readonly SchemaFile[]): Promise<SchemaEngine> {
  await instantiateWasm();
  const logs: string[] = [];
  // The engine drops its shadow database with open idle connections; their termination is expected, not fatal.
  const ignoreTerminated = (error: Error) => void logs.push(`pool: ${error.message}`);
  const adapter = bindMigrationAwareSqlAdapterFactory(
    new PrismaPg(
      { connectionString: databaseUrl, max: 2 },
      { onPoolError: ignoreTerminated, onConnectionError: ignoreTerminated },
    ),
  );
  const engineClass = (glue as unknown as { SchemaEngine: typeof SchemaEngine }).SchemaEngine;
  return engineClass.new(
    { datamodels: schemaFiles.map((f) => [f.path, f.content]), optInToShadowDatabase: true } as ConstructorOptions,
    (message: string) => void logs.push(message),
    adapter,
  );
}
