/**
 * What the app's HTTP server does before Next sees a request (installed from next.config.ts, which the serving
 * process loads; Next offers no earlier hook):
 * - TRACE and TRACK are answered 405: they can never become a web Request (fetch forbids them), so Next answered
 *   them with a 500 before any route or proxy ran.
 * - Public pages are answered from the page cache when a valid copy exists (lib/http/page-cache.ts), and renders of
 *   them are kept. Such a request waits for one PostgreSQL read of the data version (shared with the requests that
 *   arrive with it) before it is answered or handed to Next. The cache needs the database's data version, so it is on only where DATABASE_URL is set (the web
 *   app under `npm start` always has it); `MOTIF_PAGE_CACHE=off` turns it off.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { walDataVersion, type DataVersionSource } from './data-version';
import { cacheKeyOf, PageCache, replay, storableFrom, type CapturedAnswer } from './page-cache';
import { newNonce } from './security-headers';

const REFUSED = new Set(['TRACE', 'TRACK']);
const MAX_PAGE_BYTES = 2 * 1024 * 1024;
/** A copy is served at most this long after its render, even when the database did not change (listing expiries). */
const MAX_AGE_MS = 5_000;

const installed = Symbol.for('motif.serverHooks');
type HookedServer = typeof http.Server.prototype & { [installed]?: true };

type PageCacheState = { cache: PageCache; version: DataVersionSource };

function pageCacheFromEnv(env: NodeJS.ProcessEnv): PageCacheState | null {
  if (env.MOTIF_PAGE_CACHE === 'off' || !env.DATABASE_URL) return null;
  return {
    cache: new PageCache({ maxAgeMs: MAX_AGE_MS, maxEntries: 500, maxBytes: 64 * 1024 * 1024 }),
    version: walDataVersion(env.DATABASE_URL),
  };
}

function refuseMethod(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(405, {
    'content-type': 'application/json',
    allow: 'GET, HEAD, POST, PUT, PATCH, DELETE',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify({ error: `${req.method} is not allowed` }));
  req.resume();
}

const acceptsGzip = (req: http.IncomingMessage): boolean =>
  /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));

function serveCopy(req: http.IncomingMessage, res: http.ServerResponse, copy: ReturnType<typeof replay>): void {
  let { body } = copy;
  const headers: Record<string, string | string[]> = { ...copy.headers, 'x-motif-page-cache': 'hit' };
  // The copy differs per answer (its nonce), so it is compressed per answer, at the fastest level.
  if (acceptsGzip(req) && body.length > 1024) {
    body = gzipSync(body, { level: 1 });
    headers['content-encoding'] = 'gzip';
    headers['content-length'] = String(body.length);
  }
  res.writeHead(200, headers);
  res.end(body);
  req.resume();
}

const toBuffer = (chunk: unknown, encoding: unknown): Buffer | null => {
  if (typeof chunk === 'string')
    return Buffer.from(chunk, typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return null;
};

function headerValue(value: unknown): string | string[] | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(String);
  return undefined;
}

/**
 * Records what Next writes for a cacheable request and keeps it when it is a storable page. The request is sent
 * to Next without Accept-Encoding so the kept body is the page itself, not one compressed stream of it.
 */
function captureRender(res: http.ServerResponse, onDone: (answer: CapturedAnswer) => void): void {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let overflow = false;
  const headHeaders: Record<string, string | string[]> = {};
  const keep = (chunk: unknown, encoding: unknown) => {
    if (overflow || chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const b = toBuffer(chunk, encoding);
    if (!b) return;
    bytes += b.length;
    if (bytes > MAX_PAGE_BYTES) overflow = true;
    else chunks.push(Buffer.from(b)); // a copy: the caller may reuse its buffer
  };
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, ...args: Parameters<typeof writeHead>) {
    for (const arg of args.slice(1)) {
      if (arg && typeof arg === 'object' && !Array.isArray(arg))
        for (const [k, v] of Object.entries(arg)) {
          const value = headerValue(v);
          if (value !== undefined) headHeaders[k.toLowerCase()] = value;
        }
    }
    return writeHead.apply(this, args);
  } as typeof writeHead;
  const write = res.write;
  res.write = function (this: http.ServerResponse, ...args: Parameters<typeof write>) {
    keep(args[0], args[1]);
    return write.apply(this, args);
  } as typeof write;
  const end = res.end;
  res.end = function (this: http.ServerResponse, ...args: Parameters<typeof end>) {
    keep(args[0], args[1]);
    return end.apply(this, args);
  } as typeof end;
  res.once('finish', () => {
    if (overflow) return;
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(res.getHeaders())) {
      const value = headerValue(v);
      if (value !== undefined) headers[k] = value;
    }
    onDone({ status: res.statusCode, headers: { ...headers, ...headHeaders }, body: Buffer.concat(chunks) });
  });
}

/** Installs the hooks on every http.Server of this process, once. */
export function installServerHooks(env: NodeJS.ProcessEnv = process.env): void {
  const serverPrototype: HookedServer = http.Server.prototype;
  if (serverPrototype[installed]) return;
  serverPrototype[installed] = true;
  const pages = pageCacheFromEnv(env);
  const emit = EventEmitter.prototype.emit; // http.Server does not override it
  serverPrototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    const [req, res] = args;
    if (event !== 'request' || !(req instanceof http.IncomingMessage) || !(res instanceof http.ServerResponse))
      return emit.call(this, event, ...args);
    if (REFUSED.has(req.method ?? '')) {
      refuseMethod(req, res);
      return true;
    }
    const key = pages ? cacheKeyOf(req, SESSION_COOKIE) : null;
    if (!pages || !key) return emit.call(this, event, ...args);
    // Asked of PostgreSQL after the request arrived: a copy never hides a write that came before it.
    void pages.version.fresh().then((version) => {
      const now = Date.now();
      const page = pages.cache.get(key, now, version);
      if (page) {
        try {
          serveCopy(req, res, replay(page, newNonce()));
          return;
        } catch {
          if (res.headersSent) return; // the client went away mid-answer
          // otherwise Next renders it below
        }
      }
      if (version !== null) {
        delete req.headers['accept-encoding'];
        res.setHeader('x-motif-page-cache', 'miss');
        captureRender(res, (answer) => {
          const storable = storableFrom(answer, version, now, MAX_PAGE_BYTES);
          if (storable) {
            delete storable.headers['x-motif-page-cache'];
            pages.cache.set(key, storable);
          }
        });
      }
      emit.call(this, event, ...args);
    });
    return true;
  };
}
