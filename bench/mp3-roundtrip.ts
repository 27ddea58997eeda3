/**
 * MP3 re-encoding for the watermark bench: float PCM -> 16-bit -> MP3 (lamejs, pure JS, CBR at the given kb/s) ->
 * decoded back with mpg123 (WebAssembly). Bench-only (devDependencies).
 */
import { Mp3Encoder } from '@breezystack/lamejs';
import { MPEGDecoder } from 'mpg123-decoder';

const BLOCK = 1152;

function toInt16(x: Float32Array): Int16Array {
  const out = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.round(Math.max(-1, Math.min(1, x[i] as number)) * 32767);
  return out;
}

export function encodeMp3(channels: Float32Array[], sampleRate: number, kbps: number): Uint8Array {
  const ints = channels.map(toInt16);
  const encoder = new Mp3Encoder(ints.length, sampleRate, kbps);
  const parts: Uint8Array[] = [];
  const length = ints[0]?.length ?? 0;
  for (let at = 0; at < length; at += BLOCK) {
    const l = (ints[0] as Int16Array).subarray(at, at + BLOCK);
    const r = ints[1]?.subarray(at, at + BLOCK);
    const chunk = r ? encoder.encodeBuffer(l, r) : encoder.encodeBuffer(l);
    if (chunk.length > 0) parts.push(new Uint8Array(chunk));
  }
  parts.push(new Uint8Array(encoder.flush()));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export async function decodeMp3(bytes: Uint8Array): Promise<{ sampleRate: number; channels: Float32Array[] }> {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    const { channelData, sampleRate } = decoder.decode(bytes);
    return { sampleRate, channels: channelData.map((c) => Float32Array.from(c)) };
  } finally {
    decoder.free();
  }
}
