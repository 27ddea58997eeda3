/**
 * The 64-bit payload and its coding: the payload is the first 8 bytes of the final notes digest (`notes.finalDigest`,
 * `sha256:<hex>`), known when the studio renders; the coded message appends CRC-16/CCITT-FALSE (polynomial 0x1021,
 * initial value 0xFFFF, no reflection, no final XOR) of those 8 bytes, so 80 bits travel: payload MSB first, then CRC
 * MSB first.
 */
import { BaseError } from '../../errors/base';
export const PAYLOAD_BITS = 64;
export const PAYLOAD_BYTES = PAYLOAD_BITS / 8;
export const CRC_BITS = 16;
export const CODED_BITS = PAYLOAD_BITS + CRC_BITS;

export class WatermarkPayloadError extends BaseError {
  override name = 'WatermarkPayloadError';
}

/** The payload a notes digest (`sha256:<64 hex>`) gives: its first 64 bits. */
export function payloadOfNotesDigest(digest: string): Uint8Array {
  const m = /^sha256:([0-9a-f]{64})$/.exec(digest);
  if (!m?.[1]) throw new WatermarkPayloadError(`not a notes digest (sha256:<64 hex>): ${digest}`);
  return hexToBytes(m[1].slice(0, PAYLOAD_BYTES * 2));
}

export function payloadHex(payload: Uint8Array): string {
  return Array.from(payload, (b) => b.toString(16).padStart(2, '0')).join('');
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** The 80 coded bits as signs (+1 for a 1 bit, -1 for a 0 bit). */
export function codedSigns(payload: Uint8Array): Int8Array {
  if (payload.length !== PAYLOAD_BYTES)
    throw new WatermarkPayloadError(`the payload must be ${PAYLOAD_BYTES} bytes, got ${payload.length}`);
  const crc = crc16(payload);
  const out = new Int8Array(CODED_BITS);
  for (let i = 0; i < PAYLOAD_BITS; i++) out[i] = (((payload[i >>> 3] as number) >>> (7 - (i & 7))) & 1) === 1 ? 1 : -1;
  for (let i = 0; i < CRC_BITS; i++) out[PAYLOAD_BITS + i] = ((crc >>> (15 - i)) & 1) === 1 ? 1 : -1;
  return out;
}

/** Hard decisions on 80 soft values back to the payload, and whether its CRC matches. */
export function decodeSigns(soft: ArrayLike<number>): { payload: Uint8Array; crcOk: boolean } {
  if (soft.length !== CODED_BITS)
    throw new WatermarkPayloadError(`expected ${CODED_BITS} soft bits, got ${soft.length}`);
  const payload = new Uint8Array(PAYLOAD_BYTES);
  for (let i = 0; i < PAYLOAD_BITS; i++)
    if ((soft[i] as number) > 0) payload[i >>> 3] = (payload[i >>> 3] as number) | (1 << (7 - (i & 7)));
  let crc = 0;
  for (let i = 0; i < CRC_BITS; i++) crc = (crc << 1) | ((soft[PAYLOAD_BITS + i] as number) > 0 ? 1 : 0);
  return { payload, crcOk: crc === crc16(payload) };
}
