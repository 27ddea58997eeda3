// Generates the Prisma client after install. Prisma's CLI insists on a schema-engine binary it would download;
// generation does not use it, so any existing file satisfies the check (see README, "Runtime and offline tools").
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('prisma/schema.prisma')) process.exit(0);
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/true',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(result.status ?? 1);
