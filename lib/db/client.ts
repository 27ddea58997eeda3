import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type { PrismaClient };

/**
 * A Prisma client over node-postgres (Prisma 7 driver adapter: no native query engine). An idle pooled connection
 * that the server closes (restart, shutdown) is dropped by the pool and reported to `onConnectionLost`, instead of
 * crashing the process; queries still fail normally.
 */
export function createPrismaClient(databaseUrl: string, onConnectionLost: (error: Error) => void = () => {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl }, { onPoolError: onConnectionLost, onConnectionError: onConnectionLost });
  return new PrismaClient({ adapter });
}
