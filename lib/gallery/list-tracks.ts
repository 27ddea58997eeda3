import 'server-only';
import type { Hex } from 'viem';
import type { PrismaClient } from '../db/client';
import { Prisma } from '../db/generated/client';
import { cidOfContentDigest } from '../provenance/digest';
import type { GalleryQuery } from './gallery-query';

export type GalleryItem = {
  tokenId: string;
  title: string | null;
  creator: string;
  /** The creator's profile display name (lib/auth/profile.ts), or null when they have not set one. */
  creatorName: string | null;
  owner: string;
  genre: string | null;
  musicalKey: string | null;
  bpm: number | null;
  durationMs: number | null;
  modelId: string | null;
  /** The pinned folder's CID; its audio plays from the gateway at /ipfs/<cid>/audio.wav. */
  contentCid: string;
  licence: number;
  royaltyBps: number;
  /** The live listing's price in `currency`'s smallest units (wei when `currency` is null), or null. */
  priceWei: string | null;
  /** The ERC-20 the listing is priced in (issue #20), or null for the native currency or no listing. */
  currency: string | null;
  mintedBlock: string;
};

export type GalleryPage = { items: GalleryItem[]; total: number; page: number; pageSize: number; pages: number };

/** The SQL row: the item's own columns as PostgreSQL returns them, before conversion. */
type Row = Omit<GalleryItem, 'tokenId' | 'contentCid' | 'priceWei' | 'mintedBlock'> & {
  tokenId: Prisma.Decimal;
  contentDigest: string;
  priceWei: Prisma.Decimal | null;
  mintedBlock: bigint;
  total: bigint;
};

/**
 * The listing's price when it is in the native currency, else NULL. The gallery's price filter and price sorts are in
 * the native currency only (issue #20): a track listed in a token is never compared with a native price, so it is
 * left out of a price range and sorted after the natively priced tracks (it still shows with "For sale").
 */
const NATIVE_PRICE = Prisma.sql`(CASE WHEN l."currency" IS NULL THEN l."priceWei" END)`;

const ORDER: Record<GalleryQuery['sort'], Prisma.Sql> = {
  newest: Prisma.sql`t."mintedBlock" DESC, t."tokenId" DESC`,
  oldest: Prisma.sql`t."mintedBlock" ASC, t."tokenId" ASC`,
  'price-asc': Prisma.sql`${NATIVE_PRICE} ASC NULLS LAST, t."mintedBlock" DESC`,
  'price-desc': Prisma.sql`${NATIVE_PRICE} DESC NULLS LAST, t."mintedBlock" DESC`,
  title: Prisma.sql`lower(t."title") ASC NULLS LAST, t."mintedBlock" DESC`,
};

/** A track's listing, while the market would still sell it (Market v2 listings expire). */
const LIVE_LISTING = Prisma.sql`l."chainId" = t."chainId" AND l."tokenId" = t."tokenId" AND l."expiry" > extract(epoch FROM now())`;

/**
 * One page of indexed tracks for the gallery: search, filters and sort run in PostgreSQL (one query). Only tracks
 * whose minter signed their folder's manifest are listed: a copy of someone's folder minted by another account, or
 * a track not checked yet, is never shown as that track (issue #13).
 */
export async function listTracks(prisma: PrismaClient, chainId: number, query: GalleryQuery): Promise<GalleryPage> {
  const where: Prisma.Sql[] = [Prisma.sql`t."chainId" = ${chainId}`, Prisma.sql`t."authorship" = 'verified'`];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(Prisma.sql`(t."title" ILIKE ${like} OR t."creator" ILIKE ${like})`);
  }
  if (query.creator) where.push(Prisma.sql`lower(t."creator") = ${query.creator.toLowerCase()}`);
  if (query.genre) where.push(Prisma.sql`lower(t."genre") = ${query.genre.toLowerCase()}`);
  if (query.key) where.push(Prisma.sql`lower(t."musicalKey") = ${query.key.toLowerCase()}`);
  if (query.model) where.push(Prisma.sql`t."modelId" = ${query.model}`);
  if (query.bpmMin !== undefined) where.push(Prisma.sql`t."bpm" >= ${query.bpmMin}`);
  if (query.bpmMax !== undefined) where.push(Prisma.sql`t."bpm" <= ${query.bpmMax}`);
  if (query.forSale) where.push(Prisma.sql`l."priceWei" IS NOT NULL`);
  if (query.priceMin !== undefined) where.push(Prisma.sql`${NATIVE_PRICE} >= ${query.priceMin.toString()}::numeric`);
  if (query.priceMax !== undefined) where.push(Prisma.sql`${NATIVE_PRICE} <= ${query.priceMax.toString()}::numeric`);
  const offset = (query.page - 1) * query.pageSize;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT t."tokenId", t."title", t."creator", p."displayName" AS "creatorName", t."owner", t."genre", t."musicalKey", t."bpm", t."durationMs", t."modelId",
           t."contentDigest", t."licence", t."royaltyBps", l."priceWei", l."currency", t."mintedBlock", count(*) OVER () AS total
    FROM "Track" t
    LEFT JOIN "Listing" l ON ${LIVE_LISTING}
    LEFT JOIN "Profile" p ON p."address" = t."creator"
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY ${ORDER[query.sort]}
    LIMIT ${query.pageSize} OFFSET ${offset}`;
  const total = rows[0] ? Number(rows[0].total) : offset > 0 ? await countTracks(prisma, where) : 0;
  return {
    items: rows.map((r) => ({
      tokenId: r.tokenId.toFixed(),
      title: r.title,
      creator: r.creator,
      creatorName: r.creatorName,
      owner: r.owner,
      genre: r.genre,
      musicalKey: r.musicalKey,
      bpm: r.bpm,
      durationMs: r.durationMs,
      modelId: r.modelId,
      contentCid: cidOfContentDigest(r.contentDigest as Hex).toString(),
      licence: r.licence,
      royaltyBps: r.royaltyBps,
      priceWei: r.priceWei?.toFixed() ?? null,
      currency: r.currency,
      mintedBlock: r.mintedBlock.toString(),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    pages: Math.max(1, Math.ceil(total / query.pageSize)),
  };
}

async function countTracks(prisma: PrismaClient, where: Prisma.Sql[]): Promise<number> {
  const [row] = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "Track" t LEFT JOIN "Listing" l ON ${LIVE_LISTING}
    WHERE ${Prisma.join(where, ' AND ')}`;
  return Number(row?.n ?? 0);
}
