/**
 * The verifier's watermark check: decodes audio.wav, runs the detector with Motif's published key and compares the
 * payload with the first 64 bits of the manifest's `notes.finalDigest`. A manifest without `render.watermark` (made
 * before the watermark) is skipped and passes: it claims no mark, so there is nothing to fail.
 *
 * The mark repeats every 1.49 s through the whole track, so the detector first reads a 30-second excerpt from the
 * middle (about 20 repeats; the bench finds the payload exactly in 10-second excerpts): a 3-minute track is checked
 * in a sixth of the time. Only when the excerpt does not give the manifest's payload is the whole track read, and
 * that reading decides, so an answer is never worse than reading everything.
 */
import { z } from 'zod';
import { detectWatermark, payloadHex, payloadOfNotesDigest, readWavPcm, WATERMARK_SCHEME, type Pcm } from './watermark';

export type WatermarkCheck = { name: 'watermark'; pass: boolean; reason: string; skipped?: boolean };

type ManifestPart = { render: object; notes: { finalDigest: string } };

const EXCERPT_SECONDS = 30;

/** The middle `seconds` of `pcm` (views, no copy), or `pcm` itself when it is not longer than that. */
function middleExcerpt(pcm: Pcm, seconds: number): Pcm {
  const length = pcm.channels[0]?.length ?? 0;
  const take = Math.round(seconds * pcm.sampleRate);
  if (length <= take) return pcm;
  const from = Math.floor((length - take) / 2);
  return { sampleRate: pcm.sampleRate, channels: pcm.channels.map((c) => c.subarray(from, from + take)) };
}
const recordSchema = z.object({ scheme: z.string() });

export function watermarkCheck(manifest: ManifestPart | undefined, wav: Uint8Array | undefined): WatermarkCheck {
  if (!manifest) return { name: 'watermark', pass: false, reason: 'no valid manifest to compare with' };
  const raw = 'watermark' in manifest.render ? manifest.render.watermark : undefined;
  const record = raw === undefined ? undefined : recordSchema.safeParse(raw).data;
  if (raw !== undefined && !record) return { name: 'watermark', pass: false, reason: 'render.watermark is not a watermark record' };
  if (!record) return { name: 'watermark', pass: true, skipped: true, reason: 'skipped: the manifest records no watermark (rendered before the audio watermark)' };
  if (record.scheme !== WATERMARK_SCHEME) return { name: 'watermark', pass: false, reason: `unknown watermark scheme ${record.scheme} (this verifier reads ${WATERMARK_SCHEME})` };
  if (!wav) return { name: 'watermark', pass: false, reason: 'audio.wav is missing' };
  try {
    const expected = payloadHex(payloadOfNotesDigest(manifest.notes.finalDigest));
    const pcm = readWavPcm(wav);
    const excerpt = middleExcerpt(pcm, EXCERPT_SECONDS);
    let d = detectWatermark(excerpt);
    if (excerpt !== pcm && (!d.found || d.payload !== expected)) d = detectWatermark(pcm);
    const detail = `pilot z ${d.pilot.toFixed(1)} (threshold ${d.threshold})`;
    if (!d.found) return { name: 'watermark', pass: false, reason: `no ${WATERMARK_SCHEME} watermark found in audio.wav: ${detail}${d.pilot >= d.threshold ? ', payload CRC did not match' : ''}` };
    if (d.payload !== expected) return { name: 'watermark', pass: false, reason: `audio.wav carries watermark payload ${d.payload}, the manifest's final notes digest begins ${expected}` };
    return { name: 'watermark', pass: true, reason: `${WATERMARK_SCHEME} watermark found (${detail}); its 64-bit payload ${d.payload} is the start of notes.finalDigest` };
  } catch (error) {
    return { name: 'watermark', pass: false, reason: `watermark detection failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
