import type { Address, Hex, TypedDataDomain } from 'viem';

/** EIP-712 domain of a manifest signature: binds it to one chain and one TrackCollection. */
export type ManifestDomain = { name: 'Motif'; version: '1'; chainId: number; verifyingContract: Address };

export function manifestDomain(chainId: number, verifyingContract: Address): ManifestDomain {
  return { name: 'Motif', version: '1', chainId, verifyingContract };
}

/**
 * EIP-712 types of a manifest signature:
 *   TrackManifest(address creator,bytes32 manifestDigest,uint16 manifestVersion)
 * `manifestDigest` is keccak256 of the manifest's RFC 8785 canonical JSON (digest.ts). The domain name ("Motif")
 * and primary type differ from TrackCollection's voucher domain ("Motif Tracks"), so neither signature can be
 * replayed as the other.
 */
export const manifestTypes = {
  TrackManifest: [
    { name: 'creator', type: 'address' },
    { name: 'manifestDigest', type: 'bytes32' },
    { name: 'manifestVersion', type: 'uint16' },
  ],
} as const;

export type ManifestMessage = { creator: Address; manifestDigest: Hex; manifestVersion: number };

/** The full typed data, ready for viem's `signTypedData` / `verifyTypedData` / wagmi's `useSignTypedData`. */
export function manifestTypedData(domain: ManifestDomain, message: ManifestMessage) {
  return {
    domain: domain satisfies TypedDataDomain,
    types: manifestTypes,
    primaryType: 'TrackManifest' as const,
    message,
  };
}
