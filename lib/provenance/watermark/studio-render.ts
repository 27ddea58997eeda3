/**
 * The studio's render hook: after peak normalisation and before WAV encoding, marks the audio with the first 64 bits
 * of the final melody's notes digest (what the manifest's `notes.finalDigest` will record) and returns the manifest's
 * `render.watermark`, or null when the render cannot carry the mark (not 44.1 kHz, or shorter than two periods).
 */
import type { Arrangement } from '../../generation/arrangement/types';
import { notesDigest } from '../../generation/notes/digest';
import { melodyNotes } from '../studio-session';
import { MIN_EMBED_SAMPLES, type Pcm } from './embed';
import { REFERENCE_RATE } from './scheme';
import { watermarkRender, type WatermarkRecord } from './index';

export async function markStudioRender(pcm: Pcm, arrangement: Arrangement): Promise<WatermarkRecord | null> {
  if (pcm.sampleRate !== REFERENCE_RATE || (pcm.channels[0]?.length ?? 0) < MIN_EMBED_SAMPLES) return null;
  return watermarkRender(pcm, await notesDigest(melodyNotes(arrangement))).record;
}
