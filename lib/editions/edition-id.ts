import { getAddress, type Address, type Hex } from 'viem';

/**
 * Edition ids as contracts/Editions.sol computes them (one home for the layout off-chain):
 * `uint160(creator) << 96 | (low 64 bits of the content digest) << 32`, and copy `n` is `editionId | n`.
 */
const NUMBER_BITS = 32n;
const NUMBER_MASK = (1n << NUMBER_BITS) - 1n;
const MASK_64 = (1n << 64n) - 1n;

export function editionIdOf(creator: Address, content: Hex): bigint {
  return (BigInt(creator) << 96n) | ((BigInt(content) & MASK_64) << NUMBER_BITS);
}

/** The edition and the (1-based) edition number of a copy's token id. */
export function editionOfToken(tokenId: bigint): { editionId: bigint; number: number } {
  return { editionId: tokenId & ~NUMBER_MASK, number: Number(tokenId & NUMBER_MASK) };
}

export function tokenIdOf(editionId: bigint, number: number): bigint {
  return editionId | BigInt(number);
}

export function creatorOfEdition(editionId: bigint): Address {
  return getAddress(`0x${(editionId >> 96n).toString(16).padStart(40, '0')}`);
}
