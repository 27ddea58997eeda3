import type { Address, Hex } from 'viem';

/** A lazy-mint voucher, as TrackCollection's `Voucher` struct (see contracts/TrackCollection.sol). */
export type Voucher = {
  creator: Address;
  /** sha2-256 digest of the CIDv1 dag-pb folder; becomes the token id. */
  content: Hex;
  /** Digest of the signed generation manifest. */
  manifest: Hex;
  price: bigint;
  royaltyReceiver: Address;
  /** Basis points, at most 5000. */
  royaltyBps: number;
  /** Licence id 0..12 (see LICENCES). */
  licence: number;
  nonce: bigint;
  /** Unix seconds. */
  deadline: bigint;
};

/** EIP-712 types for viem's `signTypedData({ domain, types: voucherTypes, primaryType: 'Voucher', message })`. */
export const voucherTypes = {
  Voucher: [
    { name: 'creator', type: 'address' },
    { name: 'content', type: 'bytes32' },
    { name: 'manifest', type: 'bytes32' },
    { name: 'price', type: 'uint256' },
    { name: 'royaltyReceiver', type: 'address' },
    { name: 'royaltyBps', type: 'uint16' },
    { name: 'licence', type: 'uint8' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;

/** EIP-712 domain of a TrackCollection: binds a voucher to one chain and one contract. */
export function voucherDomain(chainId: number, verifyingContract: Address) {
  return { name: 'Motif Tracks', version: '1', chainId, verifyingContract } as const;
}

/** Licence ids of TrackCollection (contracts/libraries/Licences.sol), in order. */
export const LICENCES = [
  'CBE-CC0',
  'CBE-ECR',
  'CBE-NECR',
  'CBE-NECR-HS',
  'CBE-PR',
  'CBE-PR-HS',
  'CC0-1.0',
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC-BY-NC-4.0',
  'CC-BY-NC-SA-4.0',
  'CC-BY-ND-4.0',
  'CC-BY-NC-ND-4.0',
] as const;
export type LicenceName = (typeof LICENCES)[number];

/** Highest royalty rate a track may carry (basis points). */
export const MAX_ROYALTY_BPS = 5000;
/** 100% in SplitMain share units. */
export const SPLIT_PERCENTAGE_SCALE = 1_000_000;

/** Token id of a track from its content digest (they are the same 256-bit number). */
export function tokenIdFromContent(content: Hex): bigint {
  return BigInt(content);
}
