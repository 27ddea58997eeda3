import { describe, expect, it } from 'vitest';
import { makeWav } from '../../test/provenance/fixtures';
import { UnsupportedMediaTypeError } from './sniff';
import { COVER_TYPES } from '../provenance/optional-files';
import { sniffCover, sniffMp3 } from './sniff-media';
import { encodeStreamMp3 } from './stream-mp3';

const bytes = (...xs: number[]) => Uint8Array.from(xs);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16);
const WEBP = new Uint8Array([...new TextEncoder().encode('RIFF'), 4, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 ')]);

describe('sniffCover', () => {
  it('tells PNG, JPEG and WebP by their magic bytes, and names their folder file', () => {
    expect(sniffCover(PNG)).toBe('image/png');
    expect(sniffCover(JPEG)).toBe('image/jpeg');
    expect(sniffCover(WEBP)).toBe('image/webp');
    expect(COVER_TYPES[sniffCover(JPEG)]).toBe('cover.jpg');
  });

  it('refuses SVG, GIF, a WAV (RIFF but not WEBP) and empty bytes with a 415 naming the accepted types', () => {
    for (const b of [
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      new TextEncoder().encode('GIF89a'),
      makeWav(),
      new Uint8Array(),
    ]) {
      expect(() => sniffCover(b)).toThrow(UnsupportedMediaTypeError);
      expect(() => sniffCover(b)).toThrow('cover must be a PNG, JPEG or WebP image');
    }
  });
});

describe('sniffMp3', () => {
  it('accepts what the encoder writes, with or without an ID3v2 tag before it', async () => {
    const mp3 = await encodeStreamMp3(makeWav(0.5, 16_000), { kbps: 32 });
    expect(sniffMp3(mp3)).toMatchObject({ sampleRate: 16_000, channels: 1, firstFrame: 0 });
    const tagged = new Uint8Array([...new TextEncoder().encode('ID3'), 4, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4, 5, ...mp3]);
    expect(sniffMp3(tagged).firstFrame).toBe(15);
  });

  it('counts the frames to the end: the duration of the encoded audio', async () => {
    const mp3 = await encodeStreamMp3(makeWav(2, 16_000), { kbps: 32 });
    const info = sniffMp3(mp3);
    expect(info.seconds).toBeGreaterThanOrEqual(2);
    expect(info.seconds).toBeLessThan(2.2);
    expect(() => sniffMp3(mp3.subarray(0, mp3.length - 10))).toThrow(/runs past the end of the file/);
  });

  it('refuses a WAV, and a lone sync word not followed by frames', () => {
    expect(() => sniffMp3(makeWav())).toThrow(/stream must be an MP3/);
    expect(() => sniffMp3(bytes(0xff, 0xfb, 0x90, 0x64, ...new Array<number>(40).fill(0)))).toThrow(
      /frame 1 \(byte 0\) runs past the end/,
    );
  });
});
