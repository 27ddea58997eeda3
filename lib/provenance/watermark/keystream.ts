/**
 * Key -> pseudo-noise: everything secret-looking in the watermark (the chip signs, which frequency bin carries the
 * pilot or which bit) is drawn from SHA-256 counter-mode streams of the published key id, so anyone holding the spec
 * and the key id derives the same pattern. Block i of the stream `label` is SHA-256 of the UTF-8 text
 * `motif-wm|<keyId>|<label>|<i>` (i in decimal from 0), and the blocks are concatenated.
 */
import { sha256 } from 'viem';

export function keystream(keyId: string, label: string, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const enc = new TextEncoder();
  for (let block = 0, at = 0; at < bytes; block++, at += 32) {
    const digest = sha256(enc.encode(`motif-wm|${keyId}|${label}|${block}`), 'bytes');
    out.set(digest.subarray(0, Math.min(32, bytes - at)), at);
  }
  return out;
}

/** Bit j of a stream, MSB first within each byte, as a sign: 1 -> +1, 0 -> -1. */
export function streamSign(stream: Uint8Array, j: number): 1 | -1 {
  return (((stream[j >>> 3] as number) >>> (7 - (j & 7))) & 1) === 1 ? 1 : -1;
}

/**
 * A keyed permutation of `items` (Fisher–Yates): the `label` stream read as big-endian uint32 values u0, u1, ...;
 * for i = n-1 down to 1, swap items[i] with items[u mod (i + 1)] (u the next value).
 */
export function keyedShuffle(keyId: string, label: string, items: Int16Array): Int16Array {
  const n = items.length;
  const stream = keystream(keyId, label, 4 * Math.max(1, n));
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  for (let i = n - 1, k = 0; i >= 1; i--, k++) {
    const j = view.getUint32(4 * k, false) % (i + 1);
    const t = items[i] as number;
    items[i] = items[j] as number;
    items[j] = t;
  }
  return items;
}
