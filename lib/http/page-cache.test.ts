import { describe, expect, it } from 'vitest';
import { cacheKeyOf, PageCache, replay, storableFrom, type CapturedAnswer } from './page-cache';
import { newNonce, pageCsp } from './security-headers';

const get = (url: string, headers: Record<string, string> = {}) => ({ method: 'GET', url, headers });

function render(
  nonce: string,
  body = `<html><script nonce="${nonce}">self.__next_f.push([1,"${nonce}"])</script><h1>Tune</h1></html>`,
): CapturedAnswer {
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': pageCsp(nonce, []),
      'x-frame-options': 'DENY',
      date: 'Thu, 03 Dec 2026 00:00:00 GMT',
      'content-length': '99',
    },
    body: Buffer.from(body),
  };
}

describe('which requests the page cache may answer', () => {
  it('anonymous document GETs of the gallery, track and activity pages, keyed by path and query', () => {
    expect(cacheKeyOf(get('/gallery?genre=Jazz'), 'motif_session')).toBe('/gallery?genre=Jazz');
    expect(cacheKeyOf(get('/tracks/123'), 'motif_session')).toBe('/tracks/123');
    expect(cacheKeyOf(get('/activity'), 'motif_session')).toBe('/activity');
  });

  it('never other pages, other methods, Next navigations, or a signed-in visitor', () => {
    for (const url of [
      '/',
      '/mint',
      '/studio',
      '/labels',
      '/profiles/0xabc',
      '/api/gallery',
      '/tracks/1/x',
      '/ipfs/bafy',
    ])
      expect(cacheKeyOf(get(url), 'motif_session')).toBeNull();
    expect(cacheKeyOf({ method: 'POST', url: '/gallery', headers: {} }, 'motif_session')).toBeNull();
    expect(cacheKeyOf({ method: 'HEAD', url: '/gallery', headers: {} }, 'motif_session')).toBeNull();
    expect(cacheKeyOf(get('/gallery', { rsc: '1' }), 'motif_session')).toBeNull();
    expect(cacheKeyOf(get('/gallery', { 'next-router-prefetch': '1' }), 'motif_session')).toBeNull();
    expect(cacheKeyOf(get('/gallery?_rsc=abc'), 'motif_session')).toBeNull();
    expect(cacheKeyOf(get('/gallery', { cookie: 'theme=dark; motif_session=abc.def' }), 'motif_session')).toBeNull();
    expect(cacheKeyOf(get('/gallery', { cookie: 'theme=dark' }), 'motif_session')).toBe('/gallery');
  });
});

describe('what is kept and how it is replayed', () => {
  it('replays with a fresh nonce in the CSP and everywhere in the HTML, none of the old one', () => {
    const old = newNonce();
    const page = storableFrom(render(old), '0/1', 1000, 1 << 20);
    expect(page).not.toBeNull();
    const fresh = newNonce();
    const copy = replay(page!, fresh);
    const html = copy.body.toString();
    expect(html).not.toContain(old);
    expect(html.split(fresh).length - 1).toBe(2);
    expect(copy.headers['content-security-policy']).toContain(`'nonce-${fresh}'`);
    expect(copy.headers['content-security-policy']).not.toContain(old);
    expect(copy.headers['content-length']).toBe(String(copy.body.length));
    expect(copy.headers.date).toBeUndefined(); // hop and per-answer headers are not replayed
    expect(copy.headers['x-frame-options']).toBe('DENY');
  });

  it('keeps only complete, uncompressed 200 HTML pages with a nonce CSP and no cookie', () => {
    const n = newNonce();
    const ok = render(n);
    expect(storableFrom({ ...ok, status: 404 }, 'v', 0, 1 << 20)).toBeNull();
    expect(storableFrom({ ...ok, headers: { ...ok.headers, 'set-cookie': 'a=b' } }, 'v', 0, 1 << 20)).toBeNull();
    expect(storableFrom({ ...ok, headers: { ...ok.headers, 'content-encoding': 'gzip' } }, 'v', 0, 1 << 20)).toBeNull();
    expect(
      storableFrom({ ...ok, headers: { ...ok.headers, 'content-type': 'application/json' } }, 'v', 0, 1 << 20),
    ).toBeNull();
    expect(
      storableFrom(
        { ...ok, headers: { ...ok.headers, 'content-security-policy': "default-src 'self'" } },
        'v',
        0,
        1 << 20,
      ),
    ).toBeNull();
    expect(storableFrom(ok, 'v', 0, 10)).toBeNull();
    expect(storableFrom(ok, 'v', 0, 1 << 20)).not.toBeNull();
  });
});

describe('PageCache', () => {
  const page = (version: string, storedAt: number, size = 10) => ({
    ...storableFrom(render(newNonce(), 'x'.repeat(size)), version, storedAt, 1 << 20)!,
  });

  it('drops a copy once the data version moved, when the version is unknown, or past its age', () => {
    const cache = new PageCache({ maxAgeMs: 5000, maxEntries: 10, maxBytes: 1 << 20 });
    cache.set('/gallery', page('0/10', 0));
    expect(cache.get('/gallery', 4000, '0/10')).toBeDefined();
    expect(cache.get('/gallery', 4000, '0/11')).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.set('/gallery', page('0/10', 0));
    expect(cache.get('/gallery', 100, null)).toBeUndefined();
    cache.set('/gallery', page('0/10', 0));
    expect(cache.get('/gallery', 5001, '0/10')).toBeUndefined();
  });

  it('evicts the least recently used copy beyond its entry and byte bounds', () => {
    const cache = new PageCache({ maxAgeMs: 5000, maxEntries: 2, maxBytes: 250 });
    cache.set('/a', page('v', 0, 100));
    cache.set('/b', page('v', 0, 100));
    expect(cache.get('/a', 1, 'v')).toBeDefined(); // /a is now the most recent
    cache.set('/c', page('v', 0, 100));
    expect(cache.get('/b', 1, 'v')).toBeUndefined();
    expect(cache.get('/a', 1, 'v')).toBeDefined();
    cache.set('/d', page('v', 0, 200)); // over the byte bound: only /d fits
    expect(cache.size).toBe(1);
    expect(cache.get('/d', 1, 'v')).toBeDefined();
  });
});
