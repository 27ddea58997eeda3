/**
 * The Motif audio watermark (`motif-ss-wm/1`): a keyed, imperceptible spread-spectrum mark carrying 64 bits (the first
 * 64 bits of the final notes digest), embedded by the studio before WAV encoding and read back by the verifier.
 * Pure logic: runs in Node and in the browser. Specification: README.md in this folder.
 */
import { embedWatermark, type EmbedReport, type Pcm } from './embed';
import { payloadHex, payloadOfNotesDigest, PAYLOAD_BITS } from './payload';
import { WATERMARK_SCHEME } from './scheme';

export {
  embedWatermark,
  MIN_EMBED_SAMPLES,
  DEFAULT_TARGET_SNR_DB,
  WatermarkEmbedError,
  type EmbedOptions,
  type EmbedReport,
  type Pcm,
} from './embed';
export { detectWatermark, PILOT_THRESHOLD, type DetectOptions, type WatermarkDetection } from './detect';
export { payloadHex, payloadOfNotesDigest, PAYLOAD_BITS, WatermarkPayloadError } from './payload';
export { MOTIF_WATERMARK_KEY, REFERENCE_RATE, WATERMARK_SCHEME } from './scheme';
export { readWavPcm, WavReadError } from './wav-pcm';
export { resample } from './resample';

/** What a manifest records about the mark (`render.watermark`). */
export type WatermarkRecord = { scheme: typeof WATERMARK_SCHEME; payloadBits: typeof PAYLOAD_BITS };

/**
 * The studio's render hook: marks the rendered (peak-normalised) channels in place with the first 64 bits of the
 * final notes digest, and returns the record for the manifest.
 */
export function watermarkRender(
  pcm: Pcm,
  finalNotesDigest: string,
): { record: WatermarkRecord; report: EmbedReport; payload: string } {
  const payload = payloadOfNotesDigest(finalNotesDigest);
  const report = embedWatermark(pcm, payload);
  return { record: { scheme: WATERMARK_SCHEME, payloadBits: PAYLOAD_BITS }, report, payload: payloadHex(payload) };
}
