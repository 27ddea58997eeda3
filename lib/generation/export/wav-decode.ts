/**
 * Decoding WAV files through the kept `wavefile` library, apart from the encoder (wav.ts): `wavefile` loads only
 * through a bundler or CommonJS (its named export is not found by Node's ESM loader), and the encoder must also load
 * in `npm run bench` and the verify CLI.
 */
import { WaveFile } from 'wavefile';
import { WavError } from './wav';

export type DecodedWav = {
  sampleRate: number;
  bitDepth: string;
  channels: number;
  frames: number;
  samples: Int16Array[];
};

/** Parses a WAV with `wavefile` (16-bit PCM expected), de-interleaving into one Int16Array per channel. */
export function decodeWav16(bytes: Uint8Array): DecodedWav {
  const wav = new WaveFile(bytes);
  const fmt = wav.fmt as { numChannels: number; sampleRate: number; audioFormat: number };
  if (wav.bitDepth !== '16' || fmt.audioFormat !== 1)
    throw new WavError(`expected 16-bit PCM, got ${wav.bitDepth} / format ${fmt.audioFormat}`);
  const raw = wav.getSamples(false, Int16Array) as unknown as Int16Array[] | Int16Array;
  const samples = Array.isArray(raw) ? raw : [raw];
  return {
    sampleRate: fmt.sampleRate,
    bitDepth: wav.bitDepth,
    channels: fmt.numChannels,
    frames: samples[0]?.length ?? 0,
    samples,
  };
}
