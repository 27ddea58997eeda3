import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import { sha256 as sha256Hasher } from 'multiformats/hashes/sha2';
import { bytesToHex, hexToBytes, keccak256, sha256, type Hex } from 'viem';
import { canonicalBytes } from './canonical';
import { BaseError } from '../errors/base';

/**
 * Digest of a manifest: keccak256 over the UTF-8 bytes of its RFC 8785 canonical JSON, as a 0x-prefixed bytes32.
 *
 * Why keccak256 (not sha256): it is the EVM's native hash, the one EIP-712 itself uses, so the value is a plain
 * `bytes32` that TrackCollection records (in `TrackMinted.manifestDigest`) and that a contract could recompute
 * cheaply if it ever needed to. File digests inside the manifest are sha256 (what IPFS and audio tools use).
 */
export function manifestDigestOf(manifest: unknown): Hex {
  return keccak256(canonicalBytes(manifest));
}

/** sha256 of `bytes` as 0x-prefixed hex (32 bytes). */
export function sha256Hex(bytes: Uint8Array): Hex {
  return sha256(bytes);
}

/**
 * The same digest through Web Crypto (native in Node and browsers): several times faster than the pure-JS hash on
 * a multi-megabyte WAV, which is what the verifier hashes.
 */
export async function sha256HexAsync(bytes: Uint8Array): Promise<Hex> {
  return bytesToHex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

const DAG_PB = 0x70;

/** Thrown when a CID cannot be a TrackCollection content id (not CIDv1 dag-pb sha2-256). */
export class NotAContentCidError extends BaseError {
  override name = 'NotAContentCidError';
}

/**
 * The 32-byte sha2-256 digest of a CIDv1 dag-pb folder CID: what TrackCollection stores as `content` and uses as the
 * token id (see contracts/libraries/CidV1.sol).
 */
export function contentDigestOfCid(cid: CID): Hex {
  if (
    cid.version !== 1 ||
    cid.code !== DAG_PB ||
    cid.multihash.code !== sha256Hasher.code ||
    cid.multihash.digest.length !== 32
  ) {
    throw new NotAContentCidError(`${cid.toString()} is not a CIDv1 dag-pb sha2-256 CID`);
  }
  return bytesToHex(cid.multihash.digest);
}

/** The CIDv1 dag-pb folder CID with this sha2-256 digest (inverse of `contentDigestOfCid`). */
export function cidOfContentDigest(digest: Hex): CID {
  const bytes = hexToBytes(digest);
  if (bytes.length !== 32) throw new NotAContentCidError(`content digest must be 32 bytes, got ${bytes.length}`);
  return CID.createV1(DAG_PB, Digest.create(sha256Hasher.code, bytes));
}
