/**
 * The verifier's watermark check: decodes audio.wav, runs the detector with Motif's published key and compares the
 * payload with the first 64 bits of the manifest's `notes.finalDigest`. A manifest without `render.watermark` (made
 * before the watermark) is skipped and passes: it claims no mark, so there is nothing to fail.
 *
 * The mark repeats every 1.49 s through the whole track, so the detector first reads a 30-second excerpt from the
 * middle (about 20 repeats; the bench finds the payload exactly in 10-second excerpts), decoding only those samples:
 * a 3-minute track is checked in a sixth of the time. Only when the excerpt does not give the manifest's payload is the whole track read, and
 * that reading decides, so an answer is never worse than reading everything.
 */
import { z } from 'zod';
import { detectWatermark, payloadHex, payloadOfNotesDigest, readWavPcm, WATERMARK_SCHEME } from './watermark';

export type WatermarkCheck = { name: 'watermark'; pass: boolean; reason: string; skipped?: boolean };

type ManifestPart = { render: object; notes: { finalDigest: string } };

const EXCERPT_SECONDS = 30;

const recordSchema = z.object({ scheme: z.string() });

export function watermarkCheck(manifest: ManifestPart | undefined, wav: Uint8Array | undefined): WatermarkCheck {
  if (!manifest) return { name: 'watermark', pass: false, reason: 'no valid manifest to compare with' };
  const raw = 'watermark' in manifest.render ? manifest.render.watermark : undefined;
  const record = raw === undefined ? undefined : recordSchema.safeParse(raw).data;
  if (raw !== undefined && !record)
    return { name: 'watermark', pass: false, reason: 'render.watermark is not a watermark record' };
  if (!record)
    return {
      name: 'watermark',
      pass: true,
      skipped: true,
      reason: 'skipped: the manifest records no watermark (rendered before the audio watermark)',
    };
  if (record.scheme !== WATERMARK_SCHEME)
    return {
      name: 'watermark',
      pass: false,
      reason: `unknown watermark scheme ${record.scheme} (this verifier reads ${WATERMARK_SCHEME})`,
    };
  if (!wav) return { name: 'watermark', pass: false, reason: 'audio.wav is missing' };
  try {
    const expected = payloadHex(payloadOfNotesDigest(manifest.notes.finalDigest));
    let d = detectWatermark(readWavPcm(wav, { middleSeconds: EXCERPT_SECONDS }));
    if (!d.found || d.payload !== expected) d = detectWatermark(readWavPcm(wav));
    const detail = `pilot z ${d.pilot.toFixed(1)} (threshold ${d.threshold})`;
    if (!d.found)
      return {
        name: 'watermark',
        pass: false,
        reason: `no ${WATERMARK_SCHEME} watermark found in audio.wav: ${detail}${d.pilot >= d.threshold ? ', payload CRC did not match' : ''}`,
      };
    if (d.payload !== expected)
      return {
        name: 'watermark',
        pass: false,
        reason: `audio.wav carries watermark payload ${d.payload}, the manifest's final notes digest begins ${expected}`,
      };
    return {
      name: 'watermark',
      pass: true,
      reason: `${WATERMARK_SCHEME} watermark found (${detail}); its 64-bit payload ${d.payload} is the start of notes.finalDigest`,
    };
  } catch (error) {
    return {
      name: 'watermark',
      pass: false,
      reason: `watermark detection failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
