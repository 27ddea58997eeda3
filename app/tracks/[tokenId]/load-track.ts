import 'server-only';
import { cache } from 'react';
import { createPublicClient, http, type Hex } from 'viem';
import { readContentDigest } from '../../../lib/provenance/chain-record';
import { getServices } from '../../../lib/platform/services';
import { createProvenanceReader, readTrackView, type TrackView } from '../../../lib/tracks/track-page';

// The track page's data (lib/tracks/track-page.ts) wired to this process: its database, its IPFS store, its chain.

const provenanceKey = Symbol.for('motif.trackProvenance');
type WithProvenance = typeof globalThis & { [provenanceKey]?: ReturnType<typeof createProvenanceReader> };
const g = globalThis as WithProvenance;
const readProvenance = (g[provenanceKey] ??= createProvenanceReader(async () => (await getServices()).storage));

/** One RPC client per process (not one per page request): only pages of tokens the indexer has not seen use it. */
let reader: { rpcUrl: string; client: ReturnType<typeof createPublicClient> } | undefined;
function chainReader(rpcUrl: string): ReturnType<typeof createPublicClient> {
  if (reader?.rpcUrl !== rpcUrl) reader = { rpcUrl, client: createPublicClient({ transport: http(rpcUrl) }) };
  return reader.client;
}

async function mintedContentDigest(tokenId: bigint): Promise<Hex | null> {
  try {
    const services = await getServices();
    const collection = (await services.contractAddresses()).TrackCollection;
    if (!collection) return null;
    return await readContentDigest(chainReader(services.rpcUrl), { collection, tokenId });
  } catch {
    return null; // not minted (or the chain is unreachable): the page says the folder is not known yet
  }
}

/**
 * Everything the track page shows. `voucherContent`: the content digest of a voucher already checked to be for this
 * id. Memoized per request (React `cache`): the page's metadata and its body read the track once.
 */
export const loadTrack = cache(async (tokenId: bigint, voucherContent?: Hex): Promise<TrackView> => {
  const { prisma, chainId } = await getServices();
  return readTrackView({ prisma, chainId, tokenId, voucherContent, mintedContentDigest, provenance: readProvenance });
});
