import type { Address, Hex, TypedDataDefinition } from 'viem';

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

/**
 * A lazy-mint voucher priced in an ERC-20 (issue #20), as TrackCollection's `CurrencyVoucher` struct: a Voucher's
 * fields plus `currency`, `price` in the token's smallest units. A distinct EIP-712 type: a native voucher's
 * signature never redeems as one, nor the reverse; the nonce is shared with native vouchers.
 */
export type CurrencyVoucher = Voucher & { currency: Address };

/** A signed voucher in either form: `currency` present means priced in that ERC-20. */
export type AnyVoucher = Voucher | CurrencyVoucher;

/** EIP-712 types for `primaryType: 'CurrencyVoucher'` (the field order is the contract's). */
export const currencyVoucherTypes = {
  CurrencyVoucher: [
    { name: 'creator', type: 'address' },
    { name: 'content', type: 'bytes32' },
    { name: 'manifest', type: 'bytes32' },
    { name: 'currency', type: 'address' },
    { name: 'price', type: 'uint256' },
    { name: 'payout', type: 'address' },
    { name: 'royaltyReceiver', type: 'address' },
    { name: 'royaltyBps', type: 'uint16' },
    { name: 'licence', type: 'uint8' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;

/** Whether `voucher` is priced in an ERC-20. */
export function isCurrencyVoucher(voucher: AnyVoucher): voucher is CurrencyVoucher {
  return 'currency' in voucher;
}

/**
 * The typed data to sign or verify for `voucher` in its own form (`Voucher` or `CurrencyVoucher`), for viem's
 * signTypedData / verifyTypedData. Typed loosely (either form's types), since the form is only known at run time.
 */
export function voucherTypedData(
  voucher: AnyVoucher,
  chainId: number,
  verifyingContract: Address,
): TypedDataDefinition {
  const domain = voucherDomain(chainId, verifyingContract);
  return isCurrencyVoucher(voucher)
    ? { domain, types: currencyVoucherTypes, primaryType: 'CurrencyVoucher', message: voucher }
    : { domain, types: voucherTypes, primaryType: 'Voucher', message: voucher };
}

/** EIP-712 domain of a TrackCollection: binds a voucher to one chain and one contract. */
export function voucherDomain(chainId: number, verifyingContract: Address) {
  return { name: 'Motif Tracks', version: '2', chainId, verifyingContract } as const;
}

/** Highest royalty rate a track may carry (basis points). */
export const MAX_ROYALTY_BPS = 5000;
