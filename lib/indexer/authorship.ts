import { getAddress, isAddressEqual, type Address, type Hex } from 'viem';
import { trackIdOf } from '../contracts/track-id';

/** What TrackMinted recorded about a token; `creator` is the minter (the voucher signer or the caller of mint). */
export type MintRecord = { tokenId: bigint; creator: Address; contentDigest: Hex; manifestDigest: Hex };

/** What reading the folder's manifest.json gave: a signed manifest and its signature check, or why there is none. */
export type ManifestEvidence =
  | { ok: false; problem: string }
  | { ok: true; creator: Address; manifestDigest: Hex; signature: { valid: boolean; reason: string } };

export type AuthorshipDecision =
  { authorship: 'verified'; reason: null } | { authorship: 'unverified'; reason: string };

/**
 * Decides whether a token is the track its folder's signed manifest describes: verified only when the manifest's
 * signature is valid, the manifest names the minter as creator, the mint records this manifest's digest, and the
 * token id is the minter's id for this folder (`trackIdOf`). Anyone may mint anyone's folder in their own
 * namespace (issue #13), so a mismatch is expected input, not an error; the reason says what did not match,
 * minter and signer first, since that is the squatting case the track page explains.
 */
export function decideAuthorship(mint: MintRecord, manifest: ManifestEvidence): AuthorshipDecision {
  if (!manifest.ok) return { authorship: 'unverified', reason: `no signed manifest: ${manifest.problem}` };
  const problems: string[] = [];
  if (!isAddressEqual(mint.creator, manifest.creator)) {
    problems.push(
      `minted by ${getAddress(mint.creator)}, but the signed manifest names ${getAddress(manifest.creator)}`,
    );
  }
  if (!manifest.signature.valid) problems.push(`manifest signature: ${manifest.signature.reason}`);
  if (mint.manifestDigest.toLowerCase() !== manifest.manifestDigest.toLowerCase()) {
    problems.push(
      `the mint records manifest digest ${mint.manifestDigest}, manifest.json has ${manifest.manifestDigest}`,
    );
  }
  const expected = expectedTrackId(mint);
  if (expected !== mint.tokenId)
    problems.push(
      `token id ${mint.tokenId} is not the minter's id for this folder${expected === null ? '' : ` (${expected})`}`,
    );
  return problems.length === 0
    ? { authorship: 'verified', reason: null }
    : { authorship: 'unverified', reason: problems.join('; ') };
}

function expectedTrackId(mint: MintRecord): bigint | null {
  try {
    return trackIdOf(mint.creator, mint.contentDigest);
  } catch {
    return null; // a zero creator or malformed digest: no id can match
  }
}
