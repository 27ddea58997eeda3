import { isAddressEqual, type Address, type Hex, type PublicClient } from 'viem';
import { readChainRecord } from './chain-record';
import type { ManifestOrigin } from './manifest-schema';

/** The origin chain, where a verifier can still reach it. */
export type OriginChainOptions = { publicClient: PublicClient; chainId: number; fromBlock?: bigint };

/**
 * A re-minted track's link to its first token (docs/provenance/SPEC.md 11.1). `confirmed`: the origin chain answers
 * and its token records the origin manifest digest and the same creator; `differs`: it answers otherwise;
 * `unchecked`: no way to reach that chain here (a halted chain cannot be proven against). Never "moved".
 */
export type OriginLink = ManifestOrigin & { status: 'confirmed' | 'differs' | 'unchecked'; reason: string };

export const ORIGIN_NOTE =
  'Re-minted by its creator: the original token did not move and stays on its chain; a halted chain cannot be checked, so the link is the creator’s signed statement unless the original chain still answers.';

export async function checkOrigin(
  origin: ManifestOrigin,
  creator: Address,
  chain: OriginChainOptions | null,
): Promise<OriginLink> {
  const where = `token ${origin.tokenId} of ${origin.contract} on chain ${origin.chainId}`;
  if (!chain || chain.chainId !== origin.chainId)
    return {
      ...origin,
      status: 'unchecked',
      reason: `first minted as ${where}; that chain is not reachable here, so the original was not checked`,
    };
  try {
    const record = await readChainRecord(chain.publicClient, {
      collection: origin.contract as Address,
      tokenId: BigInt(origin.tokenId),
      fromBlock: chain.fromBlock,
    });
    const problems: string[] = [];
    if (record.manifestDigest !== (origin.manifestDigest as Hex))
      problems.push(`its manifest digest is ${record.manifestDigest}, the origin names ${origin.manifestDigest}`);
    if (!isAddressEqual(record.creator, creator))
      problems.push(`it was minted by ${record.creator}, not this manifest's creator ${creator}`);
    return problems.length === 0
      ? {
          ...origin,
          status: 'confirmed',
          reason: `first minted as ${where} in block ${record.blockNumber}, which records the same creator and manifest digest`,
        }
      : { ...origin, status: 'differs', reason: `${where}: ${problems.join('; ')}` };
  } catch (error) {
    return {
      ...origin,
      status: 'differs',
      reason: `${where}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    };
  }
}
