import type { Hex } from 'viem';
import type { PrismaClient } from '../db/client';
import { readAll, type IpfsStorage } from '../ipfs/storage';
import { cidOfContentDigest } from '../provenance/digest';
import { parseIndexedMetadata } from './track-metadata';

const METADATA_LIMIT = 64 * 1024;

export type ResolveMetadataParameters = {
  prisma: PrismaClient;
  chainId: number;
  storage: Pick<IpfsStorage, 'stat' | 'cat'>;
  /** Tracks per call. */
  limit?: number;
  /** Seconds before a failed track is tried again. */
  retryAfterS?: number;
  signal?: AbortSignal;
};

/**
 * Fills the gallery columns of tracks whose metadata has not been read yet, from `<folder CID>/metadata.json`.
 * A track whose folder is not (yet) available, or whose metadata is invalid, records why and is retried later.
 */
export async function resolvePendingMetadata(params: ResolveMetadataParameters): Promise<{ resolved: number; failed: number }> {
  const { prisma, chainId, storage } = params;
  const retryBefore = new Date(Date.now() - (params.retryAfterS ?? 30) * 1000);
  const pending = await prisma.track.findMany({
    where: { chainId, metadataAt: null, OR: [{ metadataTriedAt: null }, { metadataTriedAt: { lt: retryBefore } }] },
    select: { tokenId: true, contentDigest: true },
    orderBy: { mintedBlock: 'desc' },
    take: params.limit ?? 50,
  });
  let resolved = 0;
  let failed = 0;
  for (const track of pending) {
    if (params.signal?.aborted) break;
    const where = { chainId_tokenId: { chainId, tokenId: track.tokenId } };
    try {
      const cid = cidOfContentDigest(track.contentDigest as Hex);
      const entry = await storage.stat(cid, { path: 'metadata.json', signal: params.signal });
      if (entry.type !== 'file') throw new Error('metadata.json is not a file');
      if (entry.size > METADATA_LIMIT) throw new Error(`metadata.json is ${entry.size} bytes, over the ${METADATA_LIMIT}-byte limit`);
      const metadata = parseIndexedMetadata(await readAll(storage.cat(cid, { path: 'metadata.json', signal: params.signal })));
      await prisma.track.update({ where, data: { ...metadata, metadataAt: new Date(), metadataError: null } });
      resolved++;
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
      await prisma.track.update({ where, data: { metadataTriedAt: new Date(), metadataError: reason } });
      failed++;
    }
  }
  return { resolved, failed };
}
