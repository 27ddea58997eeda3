import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawableText, SHARE_CARD, shareCardResponse } from './share-card';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function png(title: string, creator = 'Ada') {
  const response = shareCardResponse({ title, creator }, { 'cache-control': 'public, max-age=60' });
  expect(response.headers.get('content-type')).toBe('image/png');
  expect(response.headers.get('cache-control')).toBe('public, max-age=60');
  const bytes = new Uint8Array(await response.arrayBuffer());
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    bytes,
    signature: [...bytes.subarray(0, 8)],
    chunk: String.fromCharCode(...bytes.subarray(12, 16)),
    width: view.getUint32(16),
    height: view.getUint32(20),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('track share card', () => {
  it('is a 1200 x 630 PNG whose pixels depend on the title and the creator', async () => {
    const a = await png('Harbour Lights');
    expect(a.signature).toEqual(PNG_SIGNATURE);
    expect(a.chunk).toBe('IHDR');
    expect({ width: a.width, height: a.height }).toEqual(SHARE_CARD);
    expect({ width: a.width, height: a.height }).toEqual({ width: 1200, height: 630 });
    const again = await png('Harbour Lights');
    expect(Buffer.from(again.bytes).equals(Buffer.from(a.bytes))).toBe(true);
    const b = await png('Night Ferry');
    expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(false);
    const c = await png('Harbour Lights', 'Grace');
    expect(Buffer.from(c.bytes).equals(Buffer.from(a.bytes))).toBe(false);
  }, 60_000);

  it('never fetches a font or an emoji: characters the bundled font lacks are left out', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (input: unknown) => {
      fetched.push(String(input));
      throw new Error('no network in this test');
    });
    const card = await png('夜の港 🎶 Harbour', '🎹 Ada');
    expect({ width: card.width, height: card.height }).toEqual(SHARE_CARD);
    expect(fetched).toEqual([]);
    expect(drawableText('夜の港 🎶 Harbour', 90, 'x')).toBe('Harbour');
    expect(drawableText('🎶🎶', 90, 'A track on Motif')).toBe('A track on Motif');
    expect(drawableText('Café “Noir” — Señor', 90, 'x')).toBe('Café “Noir” — Señor');
    expect(drawableText('a'.repeat(200), 10, 'x')).toBe(`${'a'.repeat(9)}…`);
  }, 60_000);
});
