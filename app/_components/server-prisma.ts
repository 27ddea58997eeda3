import { sharedPrismaClient, type PrismaClient } from '../../lib/db/client';
import { getServices } from '../../lib/platform/services';

/** The process's pooled Prisma client (lib/db/client.ts) and chain, for the server pages. */
export async function pagesDb(): Promise<{ prisma: PrismaClient; chainId: number }> {
  const services = await getServices();
  return { prisma: sharedPrismaClient(services.databaseUrl), chainId: services.chainId };
}
