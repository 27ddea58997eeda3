import type { CID } from 'multiformats/cid';
import { getAddress, isAddress, type Address, type Hex } from 'viem';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import type { Prisma } from '../db/generated/client';
import { TRACK_LIMITS } from '../provenance/track-limits';
import { readAll, type Entry, type IpfsStorage } from '../ipfs/storage';
import { cidOfContentDigest } from '../provenance/digest';
import { TRACK_FILES } from '../provenance/manifest-schema';
import { parseSignedManifest, verifyManifestSignature } from '../provenance/signed-manifest';
import { decideAuthorship, type AuthorshipDecision, type ManifestEvidence, type MintRecord } from './authorship';
import { parseIndexedMetadata } from './track-metadata';
import { BaseError } from '../errors/base';

/**
 * The resolver's ChainCursor stream: its block number counts the passes that settled a track, so readers that key
 * caches on the chain's cursors (GalleryCache) see a track appear once it is verified, without waiting for a block.
 */
export const METADATA_STREAM = 'motif-metadata';

/** Longest reason stored (the VarChar(300) columns). */
const REASON_LIMIT = 300;

export type ResolveMetadataParameters = {
  prisma: PrismaClient;
  chainId: number;
  /** The TrackCollection: a manifest signature counts only for this chain and collection (its EIP-712 domain). */
  collection: Address;
  storage: Pick<IpfsStorage, 'stat' | 'cat'>;
  /** Tracks per call. */
  limit?: number;
  /** Seconds before a failed track is tried again. */
  retryAfterS?: number;
  signal?: AbortSignal;
};

const parametersSchema = z.object({
  chainId: z.number().int().positive(),
  collection: z.string().refine((a) => isAddress(a, { strict: false }), 'must be a 20-byte hex address'),
});

const hex32 = z.custom<Hex>(
  (v) => typeof v === 'string' && /^0x[0-9a-fA-F]{64}$/.test(v),
  'must be 0x + 64 hex digits',
);
/** The indexed TrackMinted fields, re-checked: the authorship decision must not rest on a malformed row. */
const mintRowSchema = z.object({
  tokenId: z
    .string()
    .regex(/^\d{1,78}$/)
    .transform((v) => BigInt(v)),
  creator: z
    .string()
    .refine((a) => isAddress(a, { strict: false }), 'must be an address')
    .transform((a) => getAddress(a)),
  contentDigest: hex32,
  manifestDigest: hex32,
});

/** The folder or one of its files could not be read now (not pinned yet, not reachable): try again later. */
class FolderUnavailableError extends BaseError {
  override name = 'FolderUnavailableError';
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const clip = (text: string) => (text.length > REASON_LIMIT ? `${text.slice(0, REASON_LIMIT - 1)}…` : text);

type Folder = { cid: CID; root: Entry; storage: ResolveMetadataParameters['storage']; signal?: AbortSignal };

async function unavailableOnError<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new FolderUnavailableError(`${what}: ${message(error)}`);
  }
}

/** A file of the folder, at most `limit` bytes. Errors other than FolderUnavailableError are final: a CID's content never changes. */
async function readFolderFile(folder: Folder, name: string, limit: number): Promise<Uint8Array> {
  if (folder.root.type !== 'directory') throw new Error(`${folder.cid} is a file, not a track folder`);
  if (!folder.root.entries.some((e) => e.name === name)) throw new Error(`${name} is missing`);
  const entry = await unavailableOnError(name, () =>
    folder.storage.stat(folder.cid, { path: name, signal: folder.signal }),
  );
  if (entry.type !== 'file') throw new Error(`${name} is not a file`);
  if (entry.size > limit) throw new Error(`${name} is ${entry.size} bytes, over the ${limit}-byte limit`);
  return unavailableOnError(name, () => readAll(folder.storage.cat(folder.cid, { path: name, signal: folder.signal })));
}

/** Reads and checks the folder's signed manifest.json against the mint. Throws FolderUnavailableError only. */
async function resolveAuthorship(
  folder: Folder,
  mint: MintRecord,
  domain: { chainId: number; verifyingContract: Address },
): Promise<AuthorshipDecision> {
  let evidence: ManifestEvidence;
  try {
    const bytes = await readFolderFile(folder, TRACK_FILES.manifest, TRACK_LIMITS.manifest);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (error) {
      throw new Error(`${TRACK_FILES.manifest} is not UTF-8 JSON: ${message(error)}`);
    }
    const signed = parseSignedManifest(json);
    const signature = await verifyManifestSignature({ signed, expectedDomain: domain });
    evidence = {
      ok: true,
      creator: getAddress(signed.manifest.creator),
      manifestDigest: signature.manifestDigest,
      signature,
    };
  } catch (error) {
    if (error instanceof FolderUnavailableError) throw error;
    evidence = { ok: false, problem: message(error).replace(/\s*\n\s*/g, ' ') };
  }
  return decideAuthorship(mint, evidence);
}

/**
 * Fills what the indexer learns from a minted track's folder (`<folder CID>/`): the gallery columns from
 * metadata.json, and the authorship check of manifest.json (see authorship.ts). A folder that is not (yet)
 * available, or invalid metadata, records why and is retried later; an authorship decision is final, because the
 * folder's content cannot change under its CID.
 */
export async function resolvePendingMetadata(
  params: ResolveMetadataParameters,
): Promise<{ resolved: number; failed: number }> {
  const { prisma, storage } = params;
  const { chainId, collection } = parametersSchema.parse({ chainId: params.chainId, collection: params.collection });
  const domain = { chainId, verifyingContract: getAddress(collection) };
  const retryBefore = new Date(Date.now() - (params.retryAfterS ?? 30) * 1000);
  const pending = await prisma.track.findMany({
    where: {
      chainId,
      OR: [{ metadataAt: null }, { authorship: 'pending' }],
      AND: [{ OR: [{ metadataTriedAt: null }, { metadataTriedAt: { lt: retryBefore } }] }],
    },
    select: {
      tokenId: true,
      creator: true,
      contentDigest: true,
      manifestDigest: true,
      metadataAt: true,
      authorship: true,
    },
    orderBy: { mintedBlock: 'desc' },
    take: params.limit ?? 50,
  });
  let resolved = 0;
  let failed = 0;
  let settled = 0;
  for (const track of pending) {
    if (params.signal?.aborted) break;
    const metadataPending = track.metadataAt === null;
    const authorshipPending = track.authorship === 'pending';
    let data: Prisma.TrackUpdateInput = {};
    let retry = false;
    let folder: Folder | null = null;
    try {
      const cid = cidOfContentDigest(hex32.parse(track.contentDigest));
      const root = await unavailableOnError('folder', () => storage.stat(cid, { signal: params.signal }));
      folder = { cid, root, storage, signal: params.signal };
    } catch (error) {
      // Unavailable: settle nothing, try again later. A malformed digest names no folder: no manifest to check.
      const reason = clip(message(error));
      retry = true;
      if (metadataPending) data.metadataError = reason;
      if (authorshipPending && error instanceof FolderUnavailableError)
        data.authorshipReason = clip(`not checked yet: ${reason}`);
      else if (authorshipPending) data = { ...data, authorship: 'unverified', authorshipReason: reason };
    }
    if (folder && metadataPending) {
      try {
        const bytes = await readFolderFile(folder, TRACK_FILES.metadata, TRACK_LIMITS.metadata);
        data = { ...data, ...parseIndexedMetadata(bytes), metadataAt: new Date(), metadataError: null };
      } catch (error) {
        data.metadataError = clip(message(error));
        retry = true;
      }
    }
    if (folder && authorshipPending) {
      const mint = mintRowSchema.safeParse({ ...track, tokenId: track.tokenId.toFixed() });
      try {
        const decision: AuthorshipDecision = mint.success
          ? await resolveAuthorship(folder, mint.data, domain)
          : {
              authorship: 'unverified',
              reason: `the indexed mint is malformed: ${mint.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(', ')}`,
            };
        data = {
          ...data,
          authorship: decision.authorship,
          authorshipReason: decision.reason === null ? null : clip(decision.reason),
        };
      } catch (error) {
        data.authorshipReason = clip(`not checked yet: ${message(error)}`);
        retry = true;
      }
    }
    if (retry) data.metadataTriedAt = new Date();
    await prisma.track.update({ where: { chainId_tokenId: { chainId, tokenId: track.tokenId } }, data });
    if (data.metadataAt !== undefined || data.authorship !== undefined) settled++;
    if (retry) failed++;
    else resolved++;
  }
  if (settled > 0) {
    await prisma.chainCursor.upsert({
      where: { chainId_stream: { chainId, stream: METADATA_STREAM } },
      create: { chainId, stream: METADATA_STREAM, blockNumber: 1n, blockHash: '0x' },
      update: { blockNumber: { increment: 1n } },
    });
  }
  return { resolved, failed };
}
