/**
 * A micro-cache of rendered public pages (issue #19, speed under load). Next renders every page per request (the
 * nonce CSP makes every page dynamic), which under 50 clients on 2 cores made /gallery 6x and a track page 8x slower
 * than a bare route. Anonymous GETs of the public read-only pages are answered from a copy of an earlier render as
 * long as nothing in PostgreSQL changed since (the data version, see lib/http/data-version.ts) and for at most
 * `maxAgeMs`.
 *
 * The nonce stays per response: the cached HTML and its CSP header hold the nonce of the render that made them, and
 * every copy sent replaces each occurrence with a fresh one. The render's nonce is 144 random bits generated for that
 * render, so no content stored before it (a track title, a profile name) can contain it, and nothing after it can
 * change the stored copy.
 *
 * Pure logic: the HTTP plumbing that feeds it lives in lib/http/server-hooks.ts.
 */

/** Paths whose pages depend only on the URL and the database (no cookie, no header is read when they render). */
const CACHEABLE_PATH = /^\/(?:gallery|tracks\/[^/]+|activity)$/;
/** Headers of Next's client-side navigations and actions: those answers are RSC payloads, not the document. */
const NEXT_REQUEST_HEADERS = [
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-action',
  'next-url',
];
/** Answer headers never replayed: they belong to one connection or one answer. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length']);
const NONCE_IN_CSP = /'nonce-([A-Za-z0-9+/]{16,}={0,2})'/;

export type RequestShape = {
  method?: string | undefined;
  url?: string | undefined;
  headers: Readonly<Record<string, string | string[] | undefined>>;
};

/** The cache key of a request that may be answered from the cache, or null. Only the URL (path and query) varies. */
export function cacheKeyOf(req: RequestShape, sessionCookie: string): string | null {
  if (req.method !== 'GET' || !req.url || req.url.length > 2048) return null;
  const queryAt = req.url.indexOf('?');
  const pathname = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
  if (!CACHEABLE_PATH.test(pathname)) return null;
  if (req.url.includes('_rsc=')) return null;
  for (const name of NEXT_REQUEST_HEADERS) if (req.headers[name] !== undefined) return null;
  // A signed-in visitor always gets a fresh render: what they just did must show at once.
  const cookie = req.headers.cookie;
  const cookies = Array.isArray(cookie) ? cookie.join(';') : (cookie ?? '');
  if (cookies.includes(`${sessionCookie}=`)) return null;
  return req.url;
}

export type CapturedAnswer = { status: number; headers: Record<string, string | string[]>; body: Buffer };

export type CachedPage = {
  /** The answer's headers without hop-by-hop ones; the CSP still holds `nonce`. */
  headers: Record<string, string | string[]>;
  body: string;
  nonce: string;
  storedAt: number;
  /** The data version when the render began: a write during the render makes the copy stale at once. */
  version: string;
};

/** What a render must look like to be kept: a complete, uncompressed 200 HTML page with a nonce CSP and no cookie. */
export function storableFrom(
  answer: CapturedAnswer,
  version: string,
  now: number,
  maxBytes: number,
): CachedPage | null {
  if (answer.status !== 200 || answer.body.length === 0 || answer.body.length > maxBytes) return null;
  const h = answer.headers;
  if (h['set-cookie'] !== undefined || h['content-encoding'] !== undefined) return null;
  const type = h['content-type'];
  if (typeof type !== 'string' || !type.startsWith('text/html')) return null;
  const csp = h['content-security-policy'];
  const nonce = typeof csp === 'string' ? NONCE_IN_CSP.exec(csp)?.[1] : undefined;
  if (!nonce) return null;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(h)) if (!HOP_HEADERS.has(name)) headers[name] = value;
  return { headers, body: answer.body.toString('utf8'), nonce, storedAt: now, version };
}

/** The copy of `page` to send: every occurrence of the render's nonce (CSP header and HTML) replaced by `freshNonce`. */
export function replay(
  page: CachedPage,
  freshNonce: string,
): { headers: Record<string, string | string[]>; body: Buffer } {
  const swap = (s: string) => s.split(page.nonce).join(freshNonce);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(page.headers))
    headers[name] = Array.isArray(value) ? value.map(swap) : swap(value);
  const body = Buffer.from(swap(page.body), 'utf8');
  headers['content-length'] = String(body.length);
  return { headers, body };
}

export type PageCacheOptions = { maxAgeMs: number; maxEntries: number; maxBytes: number };

/** Least-recently-used copies, bounded in count and in bytes. */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private bytes = 0;

  constructor(readonly options: PageCacheOptions) {}

  /** A copy still valid at `now` under the current data `version`, or undefined (a stale copy is dropped). */
  get(key: string, now: number, version: string | null): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    if (version === null || page.version !== version || now - page.storedAt > this.options.maxAgeMs) {
      this.delete(key);
      return undefined;
    }
    this.pages.delete(key); // re-insert: Map order is the recency order
    this.pages.set(key, page);
    return page;
  }

  set(key: string, page: CachedPage): void {
    this.delete(key);
    this.pages.set(key, page);
    this.bytes += page.body.length;
    for (const [oldest, old] of this.pages) {
      if (this.pages.size <= this.options.maxEntries && this.bytes <= this.options.maxBytes) break;
      this.pages.delete(oldest);
      this.bytes -= old.body.length;
    }
  }

  get size(): number {
    return this.pages.size;
  }

  private delete(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= page.body.length;
  }
}
