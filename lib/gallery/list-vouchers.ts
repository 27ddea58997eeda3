import 'server-only';
import type { Hex } from 'viem';
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { cidOfContentDigest } from '../provenance/digest';
import { VOUCHER_STATE_SQL } from '../vouchers/voucher-state';
import type { GalleryItem } from './list-tracks';

/** An open voucher as a gallery card: the track it would mint, its price, and its collect page's short id. */
export type CollectableItem = GalleryItem & { shortId: string };

type Row = {
  shortId: string;
  tokenId: Prisma.Decimal;
  title: string;
  creator: string;
  creatorName: string | null;
  genre: string | null;
  musicalKey: string | null;
  bpm: number | null;
  contentDigest: string;
  priceWei: Prisma.Decimal;
};

/**
 * The newest open vouchers (not redeemed, not cancelled, not expired, as the index says: lib/vouchers/voucher-state.ts)
 * whose folder's metadata was read when they were stored, for the gallery's "collectable" cards. One query.
 */
export async function listOpenVouchers(
  prisma: Pick<PrismaClient, '$queryRaw'>,
  chainId: number,
  limit = 12,
): Promise<CollectableItem[]> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT v."shortId", v."tokenId", v."title", v."creator", p."displayName" AS "creatorName", v."genre",
           v."musicalKey", v."bpm", v."contentDigest", v."priceWei"
    FROM "StoredVoucher" v LEFT JOIN "Profile" p ON p."address" = v."creator"
    WHERE v."chainId" = ${chainId} AND v."title" IS NOT NULL AND (${VOUCHER_STATE_SQL}) = 'open'
    ORDER BY v."createdAt" DESC, v."shortId"
    LIMIT ${limit}`;
  return rows.map((r) => ({
    shortId: r.shortId,
    tokenId: r.tokenId.toFixed(),
    title: r.title,
    creator: r.creator,
    creatorName: r.creatorName,
    owner: r.creator,
    genre: r.genre,
    musicalKey: r.musicalKey,
    bpm: r.bpm,
    durationMs: null,
    modelId: null,
    contentCid: cidOfContentDigest(r.contentDigest as Hex).toString(),
    licence: 0,
    royaltyBps: 0,
    priceWei: r.priceWei.toFixed(),
    currency: null,
    mintedBlock: '0',
  }));
}
