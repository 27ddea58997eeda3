import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodePcm16Wav } from '../generation/export/wav';
import { sniffMp3 } from './sniff-media';
import { encodeStreamMp3, type EncodeProgress } from './stream-mp3';

const dir = mkdtempSync(path.join(tmpdir(), 'motif-mp3-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 16-bit stereo 44.1 kHz WAV of `seconds` of two sines. */
function stereoWav(seconds: number): Uint8Array {
  const rate = 44_100;
  const frames = Math.round(seconds * rate);
  const pcm = new Int16Array(frames * 2);
  for (let i = 0; i < frames; i++) {
    pcm[2 * i] = Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 9000);
    pcm[2 * i + 1] = Math.round(Math.sin((2 * Math.PI * 660 * i) / rate) * 9000);
  }
  return encodePcm16Wav(pcm, 2, rate);
}

/** Debian's ffprobe (scripts/ensure-ffmpeg.sh): the format, codec, channels and duration it reads from a file. */
function probe(file: string): { format: string; codec: string; channels: number; duration: number } {
  const r = spawnSync(
    '/usr/bin/ffprobe',
    ['-v', 'error', '-show_entries', 'format=format_name:stream=codec_name,channels,duration', '-of', 'json', file],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`ffprobe failed (${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout) as {
    format: { format_name: string };
    streams: { codec_name: string; channels: number; duration: string }[];
  };
  const stream = out.streams[0];
  if (!stream) throw new Error(`no stream in ${r.stdout}`);
  return {
    format: out.format.format_name,
    codec: stream.codec_name,
    channels: stream.channels,
    duration: Number(stream.duration),
  };
}

/** Decodes the whole file with ffmpeg: its exit status and the errors it printed. */
function decodeAll(file: string): { status: number | null; stderr: string } {
  const r = spawnSync('/usr/bin/ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

describe('encodeStreamMp3', () => {
  it('encodes a stereo WAV to an MP3 that ffmpeg decodes, as long as the WAV, at about the bit rate', async () => {
    const seconds = 4;
    const progress: EncodeProgress[] = [];
    const mp3 = await encodeStreamMp3(stereoWav(seconds), { onProgress: (p) => progress.push(p) });
    const file = path.join(dir, 'stereo.mp3');
    writeFileSync(file, mp3);
    const info = probe(file);
    expect(info.format).toBe('mp3');
    expect(info.codec).toBe('mp3');
    expect(info.channels).toBe(2);
    // the encoder pads the last frame and adds its delay: at most a few frames (26 ms each) longer
    expect(info.duration).toBeGreaterThanOrEqual(seconds - 0.01);
    expect(info.duration).toBeLessThan(seconds + 0.2);
    expect(decodeAll(file)).toEqual({ status: 0, stderr: '' });
    // 160 kb/s CBR: 20,000 bytes a second
    expect(mp3.byteLength / seconds).toBeGreaterThan(18_000);
    expect(mp3.byteLength / seconds).toBeLessThan(22_000);
    expect(sniffMp3(mp3)).toMatchObject({ sampleRate: 44_100, channels: 2 });
    // progress reaches the end in more than one slice
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({ done: seconds * 44_100, total: seconds * 44_100 });
  });

  it('encodes a mono 8 kHz WAV at another bit rate', async () => {
    const rate = 8000;
    const pcm = Int16Array.from({ length: rate }, (_, i) =>
      Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000),
    );
    const mp3 = await encodeStreamMp3(encodePcm16Wav(pcm, 1, rate), { kbps: 32 });
    const file = path.join(dir, 'mono.mp3');
    writeFileSync(file, mp3);
    expect(probe(file)).toMatchObject({ format: 'mp3', codec: 'mp3', channels: 1 });
    expect(Math.abs(probe(file).duration - 1)).toBeLessThan(0.3);
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('left the page'));
    await expect(encodeStreamMp3(stereoWav(1), { signal: controller.signal })).rejects.toThrow('left the page');
  });
});
