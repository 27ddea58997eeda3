import { parseEther } from 'viem';
import { describe, expect, it } from 'vitest';
import { GalleryQueryError, galleryQueryKey, parseGalleryQuery } from './gallery-query';

describe('parseGalleryQuery', () => {
  it('fills defaults and converts prices to wei', () => {
    const q = parseGalleryQuery(new URLSearchParams('priceMax=0.5&forSale=true&bpmMin=90&genre='));
    expect(q).toMatchObject({
      sort: 'newest',
      page: 1,
      pageSize: 24,
      priceMax: parseEther('0.5'),
      forSale: true,
      bpmMin: 90,
    });
    expect(q.genre).toBeUndefined();
  });

  it('names every bad field', () => {
    let error: unknown;
    try {
      parseGalleryQuery(new URLSearchParams('sort=random&page=0&priceMin=-1&bpmMin=200&bpmMax=100&creator=bob'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GalleryQueryError);
    const fields = (error as GalleryQueryError).problems.map((p) => p.field).sort();
    expect(fields).toEqual(['creator', 'page', 'priceMin', 'sort']);
  });

  it('reads prices in the chain currency’s decimals and names its symbol in the problem', () => {
    const degen6 = { symbol: 'USDX', decimals: 6 };
    expect(parseGalleryQuery(new URLSearchParams('priceMin=1.5'), degen6).priceMin).toBe(1_500_000n);
    expect(() => parseGalleryQuery(new URLSearchParams('priceMin=lots'), degen6)).toThrow(
      'priceMin must be an amount in USDX, e.g. 0.5',
    );
  });

  it('rejects an inverted bpm range once the fields are valid', () => {
    expect(() => parseGalleryQuery(new URLSearchParams('bpmMin=200&bpmMax=100'))).toThrow(
      /bpmMax must be at least bpmMin/,
    );
  });

  it('gives the same cache key for the same query written differently', () => {
    expect(galleryQueryKey(parseGalleryQuery(new URLSearchParams('genre=folk&page=1')))).toBe(
      galleryQueryKey(parseGalleryQuery(new URLSearchParams('page=1&genre=folk&q='))),
    );
  });
});
