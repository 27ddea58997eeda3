/**
 * The digest a SoundFont render is compared by (the manifest's `render.soundfont.pcmSha256`): sha256 of the
 * interleaved little-endian 16-bit PCM, before the watermark. Pure, the same in Node and the browser.
 */
import { bytesToHex, sha256, type Hex } from 'viem';
import { pcm16 } from './sf-renderer';

function pcmBytes(channels: readonly Float32Array[]): Uint8Array<ArrayBuffer> {
  const pcm = pcm16(channels);
  // Int16Array is host-order; every platform Motif runs on is little-endian (as the WAV writer assumes)
  return new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
}

export function pcmSha256(channels: readonly Float32Array[]): Hex {
  return sha256(pcmBytes(channels));
}

/** The same digest through WebCrypto (native, in Node, pages and workers): a 32-bar render's 11 MB in milliseconds. */
export async function pcmSha256Async(channels: readonly Float32Array[]): Promise<Hex> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', pcmBytes(channels))));
}
