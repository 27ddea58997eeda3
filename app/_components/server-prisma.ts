import { createPrismaClient, type PrismaClient } from '../../lib/db/client';
import { getServices } from '../../lib/platform/services';

const globalKey = Symbol.for('motif.pagesPrisma');
type WithPrisma = typeof globalThis & { [globalKey]?: Promise<{ prisma: PrismaClient; chainId: number }> };

/** One pooled Prisma client per server process for the track, profile and activity pages. */
export function pagesDb(): Promise<{ prisma: PrismaClient; chainId: number }> {
  const g = globalThis as WithPrisma;
  g[globalKey] ??= getServices().then((s) => ({ prisma: createPrismaClient(s.databaseUrl), chainId: s.chainId })).catch((error: unknown) => {
    delete g[globalKey];
    throw error;
  });
  return g[globalKey];
}
