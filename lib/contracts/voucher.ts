import type { Address, Hex } from 'viem';

/** A lazy-mint voucher, as TrackCollection's `Voucher` struct (see contracts/TrackCollection.sol). */
export type Voucher = {
  creator: Address;
  /** sha2-256 digest of the CIDv1 dag-pb folder (the token id is `trackIdOf(creator, content)`). */
  content: Hex;
  /** Digest of the signed generation manifest. */
  manifest: Hex;
  price: bigint;
  /** Where the price is credited; bound by the creator's signature. */
  payout: Address;
  royaltyReceiver: Address;
  /** Basis points, at most 5000. */
  royaltyBps: number;
  /** Licence id (see LICENCES in ./licences). */
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
    { name: 'payout', type: 'address' },
    { name: 'royaltyReceiver', type: 'address' },
    { name: 'royaltyBps', type: 'uint16' },
    { name: 'licence', type: 'uint8' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;

/** EIP-712 domain of a TrackCollection: binds a voucher to one chain and one contract. */
export function voucherDomain(chainId: number, verifyingContract: Address) {
  return { name: 'Motif Tracks', version: '2', chainId, verifyingContract } as const;
}

/** Highest royalty rate a track may carry (basis points). */
export const MAX_ROYALTY_BPS = 5000;
