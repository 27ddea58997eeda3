import type { PrismaClient } from '../db/client';

/**
 * Deletes everything the indexer wrote for `chainId` (events, tracks, listings, sales, editions, the kept block hashes and
 * the cursor) in one transaction, so the next sync re-indexes from the deployment block. Labels and profiles stay.
 */
export async function clearIndex(prisma: PrismaClient, chainId: number): Promise<void> {
  const where = { where: { chainId } };
  await prisma.$transaction([
    prisma.chainEvent.deleteMany(where),
    prisma.track.deleteMany(where),
    prisma.listing.deleteMany(where),
    prisma.sale.deleteMany(where),
    prisma.edition.deleteMany(where),
    prisma.editionPhase.deleteMany(where),
    prisma.editionMint.deleteMany(where),
    prisma.editionRelease.deleteMany(where),
    prisma.editionPhaseCurrency.deleteMany(where),
    prisma.editionCurrencyCredit.deleteMany(where),
    prisma.indexedBlock.deleteMany(where),
    prisma.chainCursor.deleteMany(where),
  ]);
}
