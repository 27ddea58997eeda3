import 'server-only';
import { getAddress, type Address } from 'viem';
import type { Voucher } from '../contracts/voucher';
import { trackIdOf } from '../contracts/track-id';
import { decideAuthorship, type AuthorshipDecision, type ManifestEvidence } from '../indexer/authorship';
import { readAll, type IpfsStorage } from '../ipfs/storage';
import { cidOfContentDigest } from '../provenance/digest';
import { TRACK_FILES } from '../provenance/manifest-schema';
import { parseSignedManifest, verifyManifestSignature } from '../provenance/signed-manifest';
import { TRACK_LIMITS } from '../provenance/track-limits';

/**
 * Whether a voucher's creator is the author of the folder it sells: the same rule the indexer applies to a minted
 * token (lib/indexer/authorship.ts) applied before the mint. The folder's manifest.json must be signed, for this chain
 * and collection, by the voucher's creator, and the voucher must name that manifest's digest. Without this check
 * anyone could sign a voucher for someone else's pinned folder and have it listed as collectable under their own
 * name, and a collector would pay them; a folder this node cannot read cannot be checked, so it does not pass.
 */
export async function voucherAuthorship(
  storage: Pick<IpfsStorage, 'cat'>,
  voucher: Pick<Voucher, 'creator' | 'content' | 'manifest'>,
  domain: { chainId: number; verifyingContract: Address },
): Promise<AuthorshipDecision> {
  let evidence: ManifestEvidence;
  try {
    const cid = cidOfContentDigest(voucher.content);
    const bytes = await readAll(
      limited(
        storage.cat(cid, { path: TRACK_FILES.manifest, signal: AbortSignal.timeout(10_000) }),
        TRACK_LIMITS.manifest,
      ),
    );
    const signed = parseSignedManifest(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
    const signature = await verifyManifestSignature({ signed, expectedDomain: domain });
    evidence = {
      ok: true,
      creator: getAddress(signed.manifest.creator),
      manifestDigest: signature.manifestDigest,
      signature,
    };
  } catch (error) {
    evidence = { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
  return decideAuthorship(
    {
      tokenId: trackIdOf(voucher.creator, voucher.content),
      creator: voucher.creator,
      contentDigest: voucher.content,
      manifestDigest: voucher.manifest,
    },
    evidence,
  );
}

/** The chunks of a file, refused once they pass `limit` bytes (a folder is untrusted input). */
async function* limited(chunks: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > limit) throw new Error(`${TRACK_FILES.manifest} is over ${limit} bytes`);
    yield chunk;
  }
}
