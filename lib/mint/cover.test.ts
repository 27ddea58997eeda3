import { describe, expect, it } from 'vitest';
import { checkCover, CoverRejectedError, withCover } from './cover';
import { pinForm } from './pin-upload';
import { pinnedFor, testDraft } from './testing/mint-chain';

const CREATOR = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const WEBP = new Uint8Array([...new TextEncoder().encode('RIFF'), 4, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 ')]);

const reason = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(CoverRejectedError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('checkCover', () => {
  it('accepts PNG, JPEG and WebP by their bytes, whatever the file is called', () => {
    expect(checkCover(PNG, 'a.png').mediaType).toBe('image/png');
    expect(checkCover(JPEG, 'photo.webp').mediaType).toBe('image/jpeg');
    expect(checkCover(WEBP, 'art')).toEqual({ bytes: WEBP, mediaType: 'image/webp', name: 'art' });
  });

  it('refuses other types, empty files and files over the limit with a message naming the file', () => {
    expect(reason(() => checkCover(new TextEncoder().encode('<svg/>'), 'logo.svg'))).toBe(
      'logo.svg is not a PNG, JPEG or WebP image',
    );
    expect(reason(() => checkCover(new TextEncoder().encode('GIF89a'), 'x.png'))).toMatch(/not a PNG/);
    expect(reason(() => checkCover(new Uint8Array(), 'empty.png'))).toBe('empty.png is empty');
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(PNG);
    expect(reason(() => checkCover(big, 'big.png'))).toBe('big.png is 2.0 MiB; a cover is at most 2 MiB');
    expect(checkCover(big.subarray(0, 2 * 1024 * 1024), 'edge.png').mediaType).toBe('image/png');
  });
});

describe('withCover', () => {
  it('sets and clears the cover, dropping a pin made with the old one; a finished draft is left alone', async () => {
    const d = await testDraft(CREATOR);
    const pinned = { ...d, progress: { ...d.progress, pinned: pinnedFor(d, CREATOR) } };
    const set = withCover(pinned, checkCover(PNG, 'a.png'), '2026-12-03T11:00:00.000Z');
    expect(set.cover?.mediaType).toBe('image/png');
    expect(set.progress.pinned).toBeUndefined();
    expect(set.updatedAt).toBe('2026-12-03T11:00:00.000Z');
    expect('cover' in withCover(set, undefined, '2026-12-03T11:00:01.000Z')).toBe(false);
    const done = { ...set, progress: { ...set.progress, voucher: { json: '{}' } } };
    expect(withCover(done, undefined, '2026-12-03T12:00:00.000Z')).toBe(done);
  });
});

describe('pinForm', () => {
  it('sends the streaming copy and the uploaded cover as file parts beside the WAV and MIDI', async () => {
    const d = withCover(await testDraft(CREATOR), checkCover(JPEG, 'me.jpg'), '2026-12-03T11:00:00.000Z');
    const form = pinForm(d, '{}', Uint8Array.from([0xff, 0xfb]));
    const stream = form.get('stream');
    const cover = form.get('cover');
    expect(stream).toBeInstanceOf(Blob);
    expect(cover).toBeInstanceOf(Blob);
    expect((stream as Blob).type).toBe('audio/mpeg');
    expect((cover as Blob).type).toBe('image/jpeg');
    expect(new Uint8Array(await (cover as Blob).arrayBuffer())).toEqual(JPEG);
    const plain = pinForm(await testDraft(CREATOR), '{}');
    expect(plain.get('stream')).toBeNull();
    expect(plain.get('cover')).toBeNull();
  });
});
