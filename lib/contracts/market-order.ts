import type { Address } from 'viem';

/**
 * A sell order signed off-chain, as Market's `Order` struct (contracts/Market.sol): listing costs the seller no
 * transaction; a buyer's `fill(order, signature)` pays exactly `price`, credits the ERC-2981 royalty, the platform fee
 * (at most `maxFeeBps`) and the seller, and moves the token. The order dies once the token moves (`tokenVersion`).
 */
export type MarketOrder = {
  seller: Address;
  collection: Address;
  tokenId: bigint;
  price: bigint;
  /** Highest platform fee the seller accepts (basis points). */
  maxFeeBps: number;
  /** The collection's `tokenVersion(tokenId)` when signed. */
  tokenVersion: bigint;
  /** Unix seconds; at most one year ahead. */
  expiry: bigint;
  /** Cancellation handle in the seller's nonce bitmap (`cancelOrderNonce`). */
  nonce: bigint;
};

/** EIP-712 types for `signTypedData({ domain: marketOrderDomain(...), types: marketOrderTypes, primaryType: 'Order', message })`. */
export const marketOrderTypes = {
  Order: [
    { name: 'seller', type: 'address' },
    { name: 'collection', type: 'address' },
    { name: 'tokenId', type: 'uint256' },
    { name: 'price', type: 'uint256' },
    { name: 'maxFeeBps', type: 'uint16' },
    { name: 'tokenVersion', type: 'uint256' },
    { name: 'expiry', type: 'uint64' },
    { name: 'nonce', type: 'uint256' },
  ],
} as const;

/** EIP-712 domain of a Market: binds an order to one chain and one market contract. */
export function marketOrderDomain(chainId: number, verifyingContract: Address) {
  return { name: 'Motif Market', version: '2', chainId, verifyingContract } as const;
}

/**
 * A sell order priced in an ERC-20 the Market allows (issue #20), as Market's `CurrencyOrder` struct: filled with
 * `fillInCurrency(order, signature)`, which pulls exactly `price` units of `currency` from the buyer (who approved the
 * Market) and credits royalty, fee and seller in that token. A distinct EIP-712 type: an `Order` signature never
 * fills it, nor the reverse. Nonces are shared with `Order`s.
 */
export type MarketCurrencyOrder = Omit<MarketOrder, 'price'> & {
  /** The ERC-20 (on the Market's allowlist: `currencyAllowed`). */
  currency: Address;
  /** In the token's smallest units (e.g. 6 decimals for a USDC-like stablecoin). */
  price: bigint;
};

/** EIP-712 types for `signTypedData({ ..., types: marketCurrencyOrderTypes, primaryType: 'CurrencyOrder', message })`. */
export const marketCurrencyOrderTypes = {
  CurrencyOrder: [
    { name: 'seller', type: 'address' },
    { name: 'collection', type: 'address' },
    { name: 'tokenId', type: 'uint256' },
    { name: 'currency', type: 'address' },
    { name: 'price', type: 'uint256' },
    { name: 'maxFeeBps', type: 'uint16' },
    { name: 'tokenVersion', type: 'uint256' },
    { name: 'expiry', type: 'uint64' },
    { name: 'nonce', type: 'uint256' },
  ],
} as const;
