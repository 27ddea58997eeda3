import { CID } from 'multiformats/cid';
import { integrityFailureOf } from './block-integrity';
import { parseRange } from './byte-range';
import { contentTypeFor, isInlineSafe } from './content-type';
import { ContentNotFoundError, readAll, type IpfsStorage } from './storage';
import {
  CAR_RESPONSE_TYPE,
  RAW_BLOCK_TYPE,
  ShardedDirectoryError,
  TrustlessRequestError,
  carStream,
  dagBlocks,
  requestedFormat,
  type DagScope,
} from './trustless';

/** Sent only with bytes whose every block was checked against its CID before the status line went out. */
const IMMUTABLE = 'public, max-age=29030400, immutable';

/**
 * A body up to this size is read (and every block of it checked) into memory and sent from there; a larger one is
 * read and checked once, then streamed by a second read, so no 200 goes out before every block has checked out.
 */
export const VERIFIED_BUFFER_BYTES = 8 * 2 ** 20;

/**
 * Sent with every gateway answer: pinned bytes are someone else's content served from our origin, so the browser is
 * told never to run script in them (sandbox: an opaque origin with no script, forms or plugins), never to load
 * anything from them, and never to guess a more dangerous type than the one we name.
 */
export const GATEWAY_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** The codecs and hashes our backends store (UNIXFS_SETTINGS); anything else cannot be read here, so it is a 400. */
const DAG_PB = 0x70;
const RAW = 0x55;
const SHA2_256 = 0x12;
/** The identity "hash" holds the content inside the CID itself: it was never stored, so it is never served. */
const IDENTITY = 0x00;

/** Errors the UnixFS reader raises for content or paths it cannot walk: the request's fault, never the server's. */
export const UNREADABLE_BY_UNIXFS: ReadonlySet<string> = new Set([
  'NotUnixFSError',
  'NoResolverError',
  'BadPathError',
  'NotADirectoryError',
  'NoContentError',
  'InvalidParametersError',
  'InvalidTypeError',
]);

/** Every answer: the security headers, and Vary: Accept since one URL answers a file, a raw block or a CAR. */
const BASE_HEADERS: Readonly<Record<string, string>> = { ...GATEWAY_SECURITY_HEADERS, vary: 'Accept' };

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { ...BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...headers },
  });
}

/** Why this CID cannot be served (or read) here, or null when it can. */
export function unservableCid(cid: CID): string | null {
  if (cid.multihash.code === IDENTITY) return 'identity-multihash CIDs carry their content inline and are not served';
  if (cid.code !== DAG_PB && cid.code !== RAW) return `codec 0x${cid.code.toString(16)} is not UnixFS (dag-pb or raw)`;
  if (cid.multihash.code !== SHA2_256) return `hash 0x${cid.multihash.code.toString(16)} is not sha2-256`;
  return null;
}

/** The path segments, each percent-decoded once; null when one is not valid percent-encoding. */
function decodeSegments(segments: readonly string[]): string[] | null {
  try {
    return segments.map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function streamOf(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/**
 * The body `read` produces, after every block it touches has been read and checked against its CID: bytes in
 * memory when they fit in VERIFIED_BUFFER_BYTES, else a stream from a second read (checked again as it goes).
 * Throws what the first read throws (BlockIntegrityError, ContentNotFoundError) before any status is chosen.
 */
async function verifiedBody(
  read: () => AsyncIterable<Uint8Array>,
  send: boolean,
): Promise<{ body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | null; length: number }> {
  const parts: Uint8Array[] = [];
  let length = 0;
  let fits = true;
  for await (const chunk of read()) {
    length += chunk.byteLength;
    if (!fits || !send) continue;
    if (length > VERIFIED_BUFFER_BYTES) {
      fits = false;
      parts.length = 0;
    } else parts.push(chunk);
  }
  if (!send) return { body: null, length };
  if (!fits) return { body: streamOf(read()), length };
  const body = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    body.set(part, at);
    at += part.byteLength;
  }
  return { body, length };
}

/** `attachment` with the file name, ASCII-safe and RFC 5987-encoded for the rest. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Answers `GET|HEAD /ipfs/<cid>/<path>` from an IpfsStorage: files with ranges (206/416) so browsers can seek in
 * pinned audio, a listing for folders, ETag = CID (content never changes under a CID).
 */
export async function gatewayResponse(
  storage: IpfsStorage,
  request: { method: string; headers: Headers; url?: string },
  cidText: string,
  pathSegments: readonly string[],
): Promise<Response> {
  let cid: CID;
  try {
    cid = CID.parse(cidText);
  } catch {
    return text(400, `"${cidText.slice(0, 100)}" is not a valid CID`);
  }
  const unservable = unservableCid(cid);
  if (unservable) return text(400, `${cid.toString().slice(0, 100)}: ${unservable}`);
  const decoded = decodeSegments(pathSegments);
  if (decoded === null) return text(400, 'The path is not valid percent-encoding');
  if (decoded.some((s) => s.includes('\0'))) return text(400, 'Paths may not contain NUL');
  const innerPath = decoded.join('/');
  if (innerPath.split('/').some((s) => s === '..')) return text(400, 'Paths may not contain ".."');
  let trustless;
  try {
    trustless = requestedFormat(
      new URL(request.url ?? '/', 'http://gateway.invalid').searchParams,
      request.headers.get('accept'),
    );
  } catch (error) {
    if (error instanceof TrustlessRequestError) return text(400, error.message);
    throw error;
  }
  try {
    if (trustless?.format === 'raw') {
      // The spec serves a raw block by CID only: a path would need a walk the client cannot check from this answer.
      if (innerPath)
        return text(
          400,
          'A raw block is served at /ipfs/<cid> only, without a path (ask for format=car to follow a path)',
        );
      return await rawBlockResponse(storage, request, cid);
    }
    if (trustless?.format === 'car')
      return await carResponse(
        storage,
        request,
        cid,
        decoded.filter((s) => s !== ''),
        trustless.scope,
      );
    const entry = await storage.stat(cid, { path: innerPath || undefined });
    const etag = `"${entry.cid.toString()}"`;
    if (request.headers.get('if-none-match') === etag)
      return new Response(null, { status: 304, headers: { ...BASE_HEADERS, etag } });
    if (entry.type === 'directory') {
      const base = `/ipfs/${cid.toString()}${innerPath ? '/' + innerPath : ''}`;
      const items = entry.entries.map(
        (e) => `<li><a href="${escapeHtml(base + '/' + encodeURIComponent(e.name))}">${escapeHtml(e.name)}</a></li>`,
      );
      const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(base)}</title></head><body><h1>${escapeHtml(base)}</h1><ul>${items.join('')}</ul></body></html>`;
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        // Our own markup, escaped; still sandboxed like everything under /ipfs/.
        headers: { ...BASE_HEADERS, 'content-type': 'text/html; charset=utf-8', etag, 'cache-control': IMMUTABLE },
      });
    }
    const size = entry.size;
    const head =
      size > 0
        ? await readAll(storage.cat(cid, { path: innerPath || undefined, length: Math.min(16, size) }))
        : new Uint8Array();
    const fileName = decoded.at(-1) ?? '';
    const contentType = contentTypeFor(fileName, head);
    const headers: Record<string, string> = {
      ...BASE_HEADERS,
      'content-type': contentType,
      'content-disposition': isInlineSafe(contentType) ? 'inline' : attachment(fileName || cid.toString()),
      'accept-ranges': 'bytes',
      etag,
      'cache-control': IMMUTABLE,
      'x-ipfs-path': `/ipfs/${cid.toString()}${innerPath ? '/' + innerPath : ''}`,
    };
    const range = parseRange(request.headers.get('range'), size);
    if (range.kind === 'unsatisfiable')
      return text(416, `Range not satisfiable for ${size} bytes`, { 'content-range': `bytes */${size}` });
    const { start, end } = range.kind === 'partial' ? range.range : { start: 0, end: size };
    headers['content-length'] = String(end - start);
    if (range.kind === 'partial') headers['content-range'] = `bytes ${start}-${end - 1}/${size}`;
    const status = range.kind === 'partial' ? 206 : 200;
    if (end === start) return new Response(null, { status, headers });
    // HEAD reads too: its 200 with `immutable` claims the same bytes a GET would send.
    const { body } = await verifiedBody(
      () => storage.cat(cid, { path: innerPath || undefined, offset: start, length: end - start }),
      request.method !== 'HEAD',
    );
    return new Response(body, { status, headers });
  } catch (error) {
    const damaged = integrityFailureOf(error);
    if (damaged) {
      console.error(
        `[gateway] /ipfs/${cid.toString()}${innerPath ? '/' + innerPath : ''}: stored block ${damaged.cid} does not match its CID (${damaged.reason}); answered 502`,
      );
      return text(
        502,
        `The stored block ${damaged.cid} does not match its CID (${damaged.reason}), so nothing of /ipfs/${cid.toString()}${innerPath ? '/' + innerPath : ''} was served. The node's copy is damaged; see /api/health.`,
        { 'cache-control': 'no-store' },
      );
    }
    if (error instanceof ContentNotFoundError) return text(404, error.message);
    if (error instanceof ShardedDirectoryError) return text(501, error.message);
    if (error instanceof Error && UNREADABLE_BY_UNIXFS.has(error.name))
      return text(404, `Nothing readable at /ipfs/${cid.toString()}/${innerPath}: ${error.message}`);
    throw error;
  }
}

/** `?format=raw` / `Accept: application/vnd.ipld.raw`: the one block, whose SHA-256 the client checks against the CID. */
async function rawBlockResponse(
  storage: IpfsStorage,
  request: { method: string; headers: Headers },
  cid: CID,
): Promise<Response> {
  const etag = `"${cid.toString()}.raw"`;
  const headers: Record<string, string> = {
    ...BASE_HEADERS,
    'content-type': RAW_BLOCK_TYPE,
    'content-disposition': attachment(`${cid.toString()}.bin`),
    etag,
    'x-ipfs-path': `/ipfs/${cid.toString()}`,
    'x-ipfs-roots': cid.toString(),
  };
  if (request.headers.get('if-none-match') === etag)
    return new Response(null, { status: 304, headers: { ...BASE_HEADERS, etag } });
  const bytes = await storage.getBlock(cid);
  headers['content-length'] = String(bytes.byteLength);
  headers['cache-control'] = IMMUTABLE;
  return new Response(request.method === 'HEAD' ? null : Uint8Array.from(bytes), { status: 200, headers });
}

/**
 * `?format=car` / `Accept: application/vnd.ipld.car`: a CARv1 whose blocks the client checks one by one, with the
 * blocks that lead along the path first and then the terminal element's blocks by `dag-scope` (lib/ipfs/trustless.ts).
 */
async function carResponse(
  storage: IpfsStorage,
  request: { method: string; headers: Headers },
  cid: CID,
  segments: readonly string[],
  scope: DagScope,
): Promise<Response> {
  const ipfsPath = `/ipfs/${cid.toString()}${segments.length ? '/' + segments.map(encodeURIComponent).join('/') : ''}`;
  const etag = `"${cid.toString()}${segments.length ? '/' + segments.join('/') : ''}.car.v1.dfs.n.${scope}"`;
  if (request.headers.get('if-none-match') === etag)
    return new Response(null, { status: 304, headers: { ...BASE_HEADERS, etag } });
  const { body, length } = await verifiedBody(
    () => carStream(cid, dagBlocks(storage, cid, segments, scope)),
    request.method !== 'HEAD',
  );
  const headers: Record<string, string> = {
    ...BASE_HEADERS,
    'content-type': CAR_RESPONSE_TYPE,
    'content-disposition': attachment(`${cid.toString()}.car`),
    etag,
    'cache-control': IMMUTABLE,
    'x-ipfs-path': ipfsPath,
    'x-ipfs-roots': cid.toString(),
  };
  if (!(body instanceof ReadableStream)) headers['content-length'] = String(length);
  return new Response(body, { status: 200, headers });
}
