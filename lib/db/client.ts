import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type { PrismaClient };

/**
 * A new Prisma client over node-postgres (Prisma 7 driver adapter: no native query engine), with its own pool. Only
 * for a process that owns a database of its own (a test against its own server, the platform supervisor); a server
 * process borrows `sharedPrismaClient` instead. An idle pooled connection that the server closes (restart,
 * shutdown) is dropped by the pool and reported to `onConnectionLost`, instead of crashing the process; queries
 * still fail normally.
 */
export function createPrismaClient(
  databaseUrl: string,
  onConnectionLost: (error: Error) => void = () => {},
): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString: databaseUrl },
    { onPoolError: onConnectionLost, onConnectionError: onConnectionLost },
  );
  return new PrismaClient({ adapter });
}

const sharedKey = Symbol.for('motif.sharedPrisma');
type WithShared = typeof globalThis & { [sharedKey]?: Map<string, PrismaClient> };

/**
 * The one pooled client of this process for `databaseUrl`, made on first use and never disconnected: every page,
 * route and cache of the app borrows it (through lib/platform/services.ts) instead of opening a pool of its own.
 * Kept on globalThis because Next may load a module once per route bundle; the map survives that, a module-level
 * variable would not.
 */
export function sharedPrismaClient(databaseUrl: string): PrismaClient {
  const g = globalThis as WithShared;
  const clients = (g[sharedKey] ??= new Map());
  let client = clients.get(databaseUrl);
  if (!client) {
    client = createPrismaClient(databaseUrl);
    clients.set(databaseUrl, client);
  }
  return client;
}
