/**
 * The digest a SoundFont render is compared by (the manifest's `render.soundfont.pcmSha256`): sha256 of the
 * interleaved little-endian 16-bit PCM, before the watermark. Pure, the same in Node and the browser.
 */
import { sha256, type Hex } from 'viem';
import { pcm16 } from './sf-renderer';

export function pcmSha256(channels: readonly Float32Array[]): Hex {
  const pcm = pcm16(channels);
  // Int16Array is host-order; every platform Motif runs on is little-endian (as the WAV writer assumes)
  return sha256(new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength));
}
