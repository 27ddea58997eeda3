import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import { sha256 } from 'multiformats/hashes/sha2';
import { hexToBytes, toHex, type Hex } from 'viem';

const DAG_PB = 0x70;

/** The 32-byte digest the TrackCollection stores for a pinned folder (its CIDv1 dag-pb, sha2-256). */
export function contentDigestOf(cid: CID): Hex {
  if (cid.version !== 1 || cid.code !== DAG_PB || cid.multihash.code !== sha256.code) {
    throw new Error(`A track folder CID must be CIDv1 dag-pb sha2-256, got ${cid.toString()}`);
  }
  return toHex(cid.multihash.digest);
}

/** The folder CID back from the stored digest (as TrackCollection's tokenURI does on-chain). */
export function cidFromContentDigest(digest: Hex): CID {
  const bytes = hexToBytes(digest);
  if (bytes.length !== 32) throw new Error(`A content digest is 32 bytes, got ${bytes.length}`);
  return CID.createV1(DAG_PB, Digest.create(sha256.code, bytes));
}
