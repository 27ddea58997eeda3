import { CarWriter } from '@ipld/car';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import { ContentNotFoundError, type IpfsStorage } from './storage';
import { BaseError } from '../errors/base';

/**
 * Trustless gateway responses (https://specs.ipfs.tech/http-gateways/trustless-gateway/): a raw block, or a CARv1
 * of the DAG, so a client checks every block against its CID and trusts nothing we say. This module picks the format
 * from the request and walks the blocks; lib/ipfs/gateway.ts answers with them.
 */

export const RAW_BLOCK_TYPE = 'application/vnd.ipld.raw';
export const CAR_TYPE = 'application/vnd.ipld.car';
/** What our CARs are: version 1, blocks in depth-first order, each block once. */
export const CAR_RESPONSE_TYPE = `${CAR_TYPE}; version=1; order=dfs; dups=n`;

export type DagScope = 'all' | 'entity' | 'block';

export type TrustlessFormat = { format: 'raw' } | { format: 'car'; scope: DagScope };

/** A trustless request this gateway cannot answer as asked (400 with the reason). */
export class TrustlessRequestError extends BaseError {
  override name = 'TrustlessRequestError';
}

/** One media type of an Accept header, with its parameters (lower-cased names). */
function mediaTypes(accept: string): { type: string; params: Map<string, string> }[] {
  return accept.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim());
    return {
      type: type.toLowerCase(),
      params: new Map(
        params
          .map((p) => p.split('=').map((s) => s.trim().replace(/^"|"$/g, '')))
          .map(([k = '', v = '']) => [k.toLowerCase(), v]),
      ),
    };
  });
}

/**
 * The trustless format a request asks for, or null for the usual deserialized answer. `format` in the query wins
 * over Accept (as the spec says); the first trustless type listed in Accept is taken otherwise. Throws
 * TrustlessRequestError for what is asked but not supported here: CAR versions other than 1, `entity-bytes`.
 */
export function requestedFormat(query: URLSearchParams, accept: string | null): TrustlessFormat | null {
  const format = query.get('format');
  let kind: 'raw' | 'car' | null = null;
  let carVersion = query.get('car-version');
  if (format !== null && format !== '') {
    if (format === 'raw' || format === 'car') kind = format;
    else throw new TrustlessRequestError(`format=${format.slice(0, 40)} is not served here (raw and car are)`);
  }
  for (const { type, params } of accept ? mediaTypes(accept) : []) {
    if (kind === null && type === RAW_BLOCK_TYPE) kind = 'raw';
    else if (kind === null && type === CAR_TYPE) kind = 'car';
    else continue;
    if (kind === 'car') carVersion ??= params.get('version') ?? null;
    break;
  }
  if (kind === null) return null;
  if (kind === 'raw') return { format: 'raw' };
  if (carVersion !== null && carVersion !== '1')
    throw new TrustlessRequestError(`CAR version ${carVersion.slice(0, 10)} is not served here: only version 1`);
  if (query.has('entity-bytes'))
    throw new TrustlessRequestError(
      'entity-bytes is not supported here: ask for the whole entity (dag-scope=entity) or use a Range request on the file',
    );
  const scope = query.get('dag-scope') ?? 'all';
  if (scope !== 'all' && scope !== 'entity' && scope !== 'block')
    throw new TrustlessRequestError(`dag-scope=${scope.slice(0, 20)} is not one of block, entity, all`);
  return { format: 'car', scope };
}

/** The path names a directory that is HAMT-sharded, which Motif never writes and this walk does not read. */
export class ShardedDirectoryError extends BaseError {
  override name = 'ShardedDirectoryError';
}

type Block = { cid: CID; bytes: Uint8Array };

const DAG_PB = dagPb.code;

function unixfsOf(bytes: Uint8Array): { node: dagPb.PBNode; unixfs: UnixFS | null } {
  const node = dagPb.decode(bytes);
  return { node, unixfs: node.Data ? UnixFS.unmarshal(node.Data) : null };
}

/**
 * The blocks of a CAR for `root`/`segments` in depth-first order, each once: first every block needed to follow the
 * path (each directory on the way), then, at its end, the terminal block (`block`), the whole file or the directory
 * node without its children (`entity`), or the whole DAG below it (`all`). Every block comes from
 * `storage.getBlock`, which has checked it against its CID. Throws ContentNotFoundError for a missing path.
 */
export async function* dagBlocks(
  storage: IpfsStorage,
  root: CID,
  segments: readonly string[],
  scope: DagScope,
  signal?: AbortSignal,
): AsyncGenerator<Block> {
  let cid = root;
  for (let i = 0; i < segments.length; i++) {
    const bytes = await storage.getBlock(cid, { signal });
    yield { cid, bytes };
    const missing = new ContentNotFoundError(root.toString(), segments.join('/'));
    if (cid.code !== DAG_PB) throw missing;
    const { node, unixfs } = unixfsOf(bytes);
    if (unixfs?.type === 'hamt-sharded-directory')
      throw new ShardedDirectoryError(
        `${cid.toString()} is a HAMT-sharded directory, which this gateway does not walk for CARs`,
      );
    if (unixfs?.type !== 'directory') throw missing;
    const link = node.Links.find((l) => l.Name === segments[i]);
    if (!link) throw missing;
    cid = link.Hash;
  }
  const terminal = await storage.getBlock(cid, { signal });
  yield { cid, bytes: terminal };
  if (scope === 'block' || cid.code !== DAG_PB) return;
  const { node, unixfs } = unixfsOf(terminal);
  // A directory as an entity is its own node; a file as an entity is all of it, as with `all`.
  if (scope === 'entity' && unixfs !== null && unixfs.type !== 'file' && unixfs.type !== 'raw') return;
  const seen = new Set<string>([cid.toString()]);
  const stack: CID[] = node.Links.map((l) => l.Hash).reverse();
  while (stack.length > 0) {
    signal?.throwIfAborted();
    const next = stack.pop()!;
    const key = next.toString();
    if (seen.has(key)) continue;
    seen.add(key);
    const bytes = await storage.getBlock(next, { signal });
    yield { cid: next, bytes };
    if (next.code === DAG_PB) for (const link of dagPb.decode(bytes).Links.slice().reverse()) stack.push(link.Hash);
  }
}

/** A CARv1 stream (header naming `root`, then `blocks`) encoded by @ipld/car. A failing block source ends it with that error. */
export async function* carStream(root: CID, blocks: AsyncIterable<Block>): AsyncGenerator<Uint8Array> {
  const { writer, out } = CarWriter.create([root]);
  const feeding = (async () => {
    try {
      for await (const block of blocks) await writer.put(block);
    } finally {
      await writer.close();
    }
  })();
  // Awaited below; until then a rejection is held here instead of reported as unhandled.
  feeding.catch(() => undefined);
  for await (const chunk of out) yield chunk;
  await feeding;
}
