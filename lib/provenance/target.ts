import { CID } from 'multiformats/cid';
import type { VerifyTrackTarget } from './verify-track';
import { BaseError } from '../errors/base';

/** The text is neither a token id nor a CID. */
export class InvalidTrackTargetError extends BaseError {
  override name = 'InvalidTrackTargetError';
}

/** Reads what a person types: a decimal token id, a 0x-prefixed 32-byte token id, or a folder CID (optionally `ipfs://`). */
export function parseTrackTarget(input: string): VerifyTrackTarget {
  const text = input
    .trim()
    .replace(/^ipfs:\/\//, '')
    .replace(/\/.*$/, '');
  if (/^[0-9]{1,78}$/.test(text)) {
    const tokenId = BigInt(text);
    if (tokenId === 0n || tokenId >= 1n << 256n) throw new InvalidTrackTargetError(`token id ${text} is out of range`);
    return { tokenId };
  }
  if (/^0x[0-9a-fA-F]{64}$/.test(text)) return { tokenId: BigInt(text) };
  try {
    return { cid: CID.parse(text) };
  } catch {
    throw new InvalidTrackTargetError(`"${input}" is neither a token id nor a CID`);
  }
}
