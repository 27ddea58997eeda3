/**
 * A PROTOCOL-LEVEL DOUBLE of the Kubo RPC API (`/api/v0/...`), backed by a real embedded Helia node. It is not
 * Kubo: no Kubo binary can be had on the build machines. It implements the subset KuboStorage uses, with Kubo's wire
 * formats (multipart add with kebab-case query flags, ndjson answers, `{Message, Code, Type}` errors, HTTP 500 for
 * command errors): `add`, `cat`, `block/get`, `files/stat`, `ls`, `pin/add`, `pin/ls`. Import flags are honoured, not ignored
 * (cid-version, raw-leaves, chunker size-N, trickle, hash), so a client that forgot one gets Kubo-default-like CIDs
 * that fail the independent CID check, as it would against a real daemon.
 */
import { unixfs, type UnixFS } from '@helia/unixfs';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { balanced, trickle } from 'ipfs-unixfs-importer/layout';
import { CID } from 'multiformats/cid';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { HeliaStorage } from '../helia-storage';
import { ContentNotFoundError } from '../storage';
import { startHttpDouble, type HttpDouble } from './http-double';
import { BaseError } from '../../errors/base';

export type KuboRpcDouble = HttpDouble & { storage: HeliaStorage };

class KuboCommandError extends BaseError {
  override name = 'KuboCommandError';
}

function flag(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const v = query.get(name);
  return v === null ? fallback : v === 'true' || v === '1' || v === '';
}

function parsePath(arg: string | null): { cid: CID; path?: string } {
  if (!arg) throw new KuboCommandError('argument "ipfs-path" is required');
  const trimmed = arg.replace(/^\/ipfs\//, '');
  const [head, ...rest] = trimmed.split('/');
  let cid: CID;
  try {
    cid = CID.parse(head ?? '');
  } catch {
    throw new KuboCommandError(`invalid path "${arg}": invalid cid`);
  }
  return { cid, path: rest.length > 0 ? rest.join('/') : undefined };
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function ndjson(res: ServerResponse, lines: unknown[]): void {
  res.writeHead(200, { 'content-type': 'application/json', 'x-chunked-output': '1' });
  res.end(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
}

async function multipartFiles(req: IncomingMessage): Promise<{ path: string; content: Uint8Array }[]> {
  const request = new Request('http://double/add', {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '' },
    body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
  const form = await request.formData();
  const files: { path: string; content: Uint8Array }[] = [];
  for (const [, value] of form.entries()) {
    if (typeof value === 'string') continue;
    if (value.type === 'application/x-directory') continue;
    files.push({ path: decodeURIComponent(value.name), content: new Uint8Array(await value.arrayBuffer()) });
  }
  return files;
}

/** Starts the double on 127.0.0.1 (random port); `url` is what `KUBO_RPC_URL` would be. */
export async function startKuboRpcDouble(storage: HeliaStorage): Promise<KuboRpcDouble> {
  const fs: UnixFS = unixfs(storage.helia);

  async function add(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const cidVersion = Number(query.get('cid-version') ?? '0');
    const rawLeaves = flag(query, 'raw-leaves', cidVersion === 1);
    const chunker = query.get('chunker') ?? 'size-262144';
    const match = /^size-(\d+)$/.exec(chunker);
    if (!match) throw new KuboCommandError(`the double supports only size-N chunkers, got "${chunker}"`);
    const hash = query.get('hash') ?? 'sha2-256';
    if (hash !== 'sha2-256') throw new KuboCommandError(`the double supports only sha2-256, got "${hash}"`);
    if (cidVersion !== 0 && cidVersion !== 1) throw new KuboCommandError(`unknown CID version ${cidVersion}`);
    const options = {
      cidVersion: cidVersion as 0 | 1,
      rawLeaves,
      chunker: fixedSize({ chunkSize: Number(match[1]) }),
      layout: flag(query, 'trickle', false) ? trickle() : balanced({ maxChildrenPerNode: 174 }),
    };
    const wrap = flag(query, 'wrap-with-directory', false);
    const files = await multipartFiles(req);
    const lines: { Name: string; Hash: string; Size: string }[] = [];
    let root: CID | undefined;
    for await (const entry of fs.addAll(files, { ...options, wrapWithDirectory: wrap })) {
      lines.push({ Name: entry.path ?? entry.cid.toString(), Hash: entry.cid.toString(), Size: String(entry.size) });
      root = entry.cid;
    }
    if (!root) throw new KuboCommandError('no files in the request');
    if (flag(query, 'pin', true)) await storage.pin(root);
    ndjson(res, lines);
  }

  const double = await startHttpDouble(
    async (req, res, url) => {
      if (req.method !== 'POST') {
        res.writeHead(405, { 'content-type': 'text/plain' });
        res.end('405 - Method Not Allowed');
        return;
      }
      const q = url.searchParams;
      try {
        switch (url.pathname) {
          case '/api/v0/add':
            return await add(req, res, q);
          case '/api/v0/cat': {
            const { cid, path } = parsePath(q.get('arg'));
            const offset = q.has('offset') ? Number(q.get('offset')) : undefined;
            const length = q.has('length') ? Number(q.get('length')) : undefined;
            const iterator = storage.cat(cid, { path, offset, length })[Symbol.asyncIterator]();
            const first = await iterator.next(); // fail before the 200 header if the content is missing
            res.writeHead(200, { 'content-type': 'text/plain', 'x-stream-output': '1' });
            if (!first.done) res.write(first.value);
            for (let next = await iterator.next(); !next.done; next = await iterator.next()) res.write(next.value);
            res.end();
            return;
          }
          case '/api/v0/block/get': {
            const { cid } = parsePath(q.get('arg'));
            const bytes = await storage.getBlock(cid);
            res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(bytes.byteLength) });
            res.end(bytes);
            return;
          }
          case '/api/v0/files/stat': {
            const { cid, path } = parsePath(q.get('arg'));
            const entry = await storage.stat(cid, { path });
            return json(res, {
              Hash: entry.cid.toString(),
              Size: entry.type === 'file' ? entry.size : 0,
              CumulativeSize: entry.type === 'file' ? entry.size : 0,
              Blocks: 0,
              Type: entry.type,
            });
          }
          case '/api/v0/ls': {
            const { cid, path } = parsePath(q.get('arg'));
            const entry = await storage.stat(cid, { path });
            const links =
              entry.type === 'directory'
                ? await Promise.all(
                    entry.entries.map(async (e) => {
                      const child = await storage.stat(e.cid);
                      return {
                        Name: e.name,
                        Hash: e.cid.toString(),
                        Size: child.type === 'file' ? child.size : 0,
                        Type: child.type === 'file' ? 2 : 1,
                        Target: '',
                      };
                    }),
                  )
                : [];
            return ndjson(res, [{ Objects: [{ Hash: entry.cid.toString(), Links: links }] }]);
          }
          case '/api/v0/id': {
            const addresses = await storage.origins();
            const peer = storage.libp2p?.peerId.toString() ?? '12D3KooWKuboDoubleOfflineNodeWithoutAnyPeerIdentity';
            return json(res, {
              ID: peer,
              PublicKey: '',
              Addresses: addresses,
              AgentVersion: 'kubo-rpc-double',
              Protocols: [],
            });
          }
          case '/api/v0/pin/add': {
            const { cid } = parsePath(q.get('arg'));
            await storage.pin(cid);
            return json(res, { Pins: [cid.toString()] });
          }
          case '/api/v0/pin/ls': {
            const args = q.getAll('arg');
            const lines: { Cid: string; Type: string }[] = [];
            for (const arg of args) {
              const { cid } = parsePath(arg);
              if (!(await storage.isPinned(cid))) throw new KuboCommandError(`path '${arg}' is not pinned`);
              lines.push({ Cid: cid.toString(), Type: 'recursive' });
            }
            if (args.length === 0)
              for await (const p of storage.helia.pins.ls()) lines.push({ Cid: p.cid.toString(), Type: 'recursive' });
            return ndjson(res, lines);
          }
          default:
            res.writeHead(404, { 'content-type': 'text/plain' });
            res.end('404 page not found');
        }
      } catch (error) {
        const message =
          error instanceof ContentNotFoundError
            ? `block was not found locally (offline): ${error.message}`
            : error instanceof Error
              ? error.message
              : String(error);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ Message: message, Code: 0, Type: 'error' }));
        } else res.destroy(error instanceof Error ? error : undefined);
      }
    },
    (status, message) => ({
      contentType: 'application/json',
      body: JSON.stringify({ Message: message, Code: 0, Type: 'error' }),
    }),
  );
  return Object.assign(double, { storage });
}
