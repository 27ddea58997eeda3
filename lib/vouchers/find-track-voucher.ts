import 'server-only';
import type { PrismaClient } from '../db/client';
import { VOUCHER_STATE_SQL } from './voucher-state';

/** A stored voucher that would mint a track: its short id (collect page /c/<shortId>) and the folder's title. */
export type TrackVoucher = { shortId: string; title: string | null };

/**
 * The newest open stored voucher for token `tokenId` (not minted yet), or null: the track page of a token that only a
 * voucher can mint takes its title from it and links to its collect page.
 */
export async function findTrackVoucher(
  prisma: Pick<PrismaClient, '$queryRaw'>,
  chainId: number,
  tokenId: bigint,
): Promise<TrackVoucher | null> {
  const rows = await prisma.$queryRaw<TrackVoucher[]>`
    SELECT v."shortId", v."title" FROM "StoredVoucher" v
    WHERE v."chainId" = ${chainId} AND v."tokenId" = ${tokenId.toString()}::numeric AND (${VOUCHER_STATE_SQL}) = 'open'
    ORDER BY v."createdAt" DESC LIMIT 1`;
  return rows[0] ?? null;
}
