import 'server-only';
import { getAddress, type Address } from 'viem';
import type { PrismaClient } from '../db/client';
import { authorize } from './label-service';

export type CatalogueRequestView = {
  id: string;
  labelId: string;
  labelName: string;
  tokenId: string;
  title: string | null;
  creator: string;
  requestedBy: string;
  status: 'pending' | 'accepted' | 'declined';
  createdAt: string;
  decidedAt: string | null;
};

type Row = {
  id: string;
  labelId: string;
  chainId: number;
  tokenId: { toFixed(): string };
  creator: string;
  requestedBy: string;
  status: 'pending' | 'accepted' | 'declined';
  createdAt: Date;
  decidedAt: Date | null;
  label: { name: string };
};

async function withTitles(prisma: PrismaClient, chainId: number, rows: Row[]): Promise<CatalogueRequestView[]> {
  const tracks = await prisma.track.findMany({
    where: { chainId, tokenId: { in: rows.map((r) => r.tokenId.toFixed()) } },
    select: { tokenId: true, title: true },
  });
  const titles = new Map(tracks.map((t) => [t.tokenId.toFixed(), t.title]));
  return rows.map((r) => ({
    id: r.id,
    labelId: r.labelId,
    labelName: r.label.name,
    tokenId: r.tokenId.toFixed(),
    title: titles.get(r.tokenId.toFixed()) ?? null,
    creator: r.creator,
    requestedBy: r.requestedBy,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
}

/** The requests labels have sent to `creator` for their tracks and not yet decided, oldest first. */
export async function requestsForCreator(
  prisma: PrismaClient,
  creator: Address,
  chainId: number,
): Promise<CatalogueRequestView[]> {
  const rows = await prisma.labelCatalogueRequest.findMany({
    where: { creator: getAddress(creator), chainId, status: 'pending' },
    include: { label: { select: { name: true } } },
    orderBy: { createdAt: 'asc' },
    take: 200,
  });
  return withTitles(prisma, chainId, rows);
}

/** A label's requests still waiting for their creators, and the declined ones, for its members. */
export async function requestsOfLabel(
  prisma: PrismaClient,
  actor: Address,
  labelId: string,
  chainId: number,
): Promise<CatalogueRequestView[]> {
  await authorize(prisma, labelId, actor, 'label.view');
  const rows = await prisma.labelCatalogueRequest.findMany({
    where: { labelId, chainId, status: { in: ['pending', 'declined'] } },
    include: { label: { select: { name: true } } },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  return withTitles(prisma, chainId, rows);
}
