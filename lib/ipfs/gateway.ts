import { CID } from 'multiformats/cid';
import { parseRange } from './byte-range';
import { contentTypeFor } from './content-type';
import { ContentNotFoundError, readAll, type IpfsStorage } from './storage';

const IMMUTABLE = 'public, max-age=29030400, immutable';

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });
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
 * Answers `GET|HEAD /ipfs/<cid>/<path>` from an IpfsStorage: files with ranges (206/416) so browsers can seek in
 * pinned audio, a listing for folders, ETag = CID (content never changes under a CID).
 */
export async function gatewayResponse(
  storage: IpfsStorage,
  request: { method: string; headers: Headers },
  cidText: string,
  pathSegments: readonly string[],
): Promise<Response> {
  let cid: CID;
  try {
    cid = CID.parse(cidText);
  } catch {
    return text(400, `"${cidText.slice(0, 100)}" is not a valid CID`);
  }
  const innerPath = pathSegments.map((s) => decodeURIComponent(s)).join('/');
  if (innerPath.split('/').some((s) => s === '..')) return text(400, 'Paths may not contain ".."');
  try {
    const entry = await storage.stat(cid, { path: innerPath || undefined });
    const etag = `"${entry.cid.toString()}"`;
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag } });
    if (entry.type === 'directory') {
      const base = `/ipfs/${cid.toString()}${innerPath ? '/' + innerPath : ''}`;
      const items = entry.entries.map((e) => `<li><a href="${escapeHtml(base + '/' + encodeURIComponent(e.name))}">${escapeHtml(e.name)}</a></li>`);
      const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(base)}</title></head><body><h1>${escapeHtml(base)}</h1><ul>${items.join('')}</ul></body></html>`;
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', etag, 'cache-control': IMMUTABLE },
      });
    }
    const size = entry.size;
    const head = size > 0 ? await readAll(storage.cat(cid, { path: innerPath || undefined, length: Math.min(16, size) })) : new Uint8Array();
    const fileName = pathSegments.at(-1) ?? '';
    const headers: Record<string, string> = {
      'content-type': contentTypeFor(fileName, head),
      'accept-ranges': 'bytes',
      etag,
      'cache-control': IMMUTABLE,
      'x-ipfs-path': `/ipfs/${cid.toString()}${innerPath ? '/' + innerPath : ''}`,
    };
    const range = parseRange(request.headers.get('range'), size);
    if (range.kind === 'unsatisfiable') return text(416, `Range not satisfiable for ${size} bytes`, { 'content-range': `bytes */${size}` });
    const { start, end } = range.kind === 'partial' ? range.range : { start: 0, end: size };
    headers['content-length'] = String(end - start);
    if (range.kind === 'partial') headers['content-range'] = `bytes ${start}-${end - 1}/${size}`;
    const status = range.kind === 'partial' ? 206 : 200;
    if (request.method === 'HEAD' || end === start) return new Response(null, { status, headers });
    return new Response(streamOf(storage.cat(cid, { path: innerPath || undefined, offset: start, length: end - start })), { status, headers });
  } catch (error) {
    if (error instanceof ContentNotFoundError) return text(404, error.message);
    throw error;
  }
}
