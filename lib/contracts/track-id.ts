import { getAddress, isAddress, isHex, toHex, type Address, type Hex } from 'viem';
import { BaseError } from '../errors/base';

/** Bits of a token id that carry the content digest; the creator's address fills the 160 bits above them. */
export const TRACK_ID_CONTENT_BITS = 96n;
const CONTENT_MASK = (1n << TRACK_ID_CONTENT_BITS) - 1n;
const UINT256_LIMIT = 1n << 256n;

/** A creator, content digest or token id that cannot name a track in the creator-namespaced (v2) id scheme. */
export class InvalidTrackIdError extends BaseError {
  override name = 'InvalidTrackIdError';
}

/**
 * Token id of a track in TrackCollection v2: `(uint160(creator) << 96) | (uint256(contentDigest) & (2^96 - 1))`.
 * Namespacing by creator means nobody can take a creator's id for their content by minting it first (issue #13).
 */
export function trackIdOf(creator: Address, contentDigest: Hex): bigint {
  if (!isAddress(creator, { strict: false }))
    throw new InvalidTrackIdError(`creator ${String(creator)} is not an address`);
  if (BigInt(creator) === 0n) throw new InvalidTrackIdError('creator is the zero address');
  if (!isHex(contentDigest, { strict: true }) || contentDigest.length !== 66)
    throw new InvalidTrackIdError(`content digest ${String(contentDigest)} is not 32 bytes of hex`);
  return (BigInt(creator) << TRACK_ID_CONTENT_BITS) | (BigInt(contentDigest) & CONTENT_MASK);
}

/** The creator namespace of a v2 token id, checksummed (the inverse of `trackIdOf` for the creator). */
export function creatorOfTrackId(tokenId: bigint): Address {
  if (tokenId < 0n || tokenId >= UINT256_LIMIT) throw new InvalidTrackIdError(`token id ${tokenId} is not a uint256`);
  const namespace = tokenId >> TRACK_ID_CONTENT_BITS;
  if (namespace === 0n) throw new InvalidTrackIdError(`token id ${tokenId} has no creator namespace`);
  return getAddress(toHex(namespace, { size: 20 }));
}
