/**
 * A PROTOCOL-LEVEL DOUBLE of the IPFS Pinning Service API (`/pins`, bearer-token auth, PinStatus lifecycle
 * queued -> pinned | failed), backed by a real Helia node of its own. It is not a real provider. Where a real
 * service fetches the DAG from the IPFS network (bitswap, using `Pin.origins` as hints), this double copies the
 * blocks from `origin` (the client's Helia node, in process) into its own blockstore, walking dag-pb links, and
 * then pins them: a block the origin does not hold makes the pin `failed`, as it would time out in reality.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CID } from 'multiformats/cid';
import type { HeliaStorage } from '../helia-storage';
import { readAll } from '../storage';
import { readBody, startHttpDouble, type HttpDouble } from './http-double';

type PinRecord = { requestid: string; status: 'queued' | 'pinning' | 'pinned' | 'failed'; created: string; pin: { cid: string; name?: string; origins?: string[]; meta?: Record<string, string> }; delegates: string[]; info: Record<string, string> };

export type PinningServiceDouble = HttpDouble & {
  /** The service's own node. */
  storage: HeliaStorage;
  pins: Map<string, PinRecord>;
};

export type PinningServiceDoubleOptions = {
  token: string;
  /** Where the service finds the content (stands in for the IPFS network). */
  origin: HeliaStorage;
  /** The service's own node. */
  storage: HeliaStorage;
  /** Time a new request stays `queued` before the copy starts (default 20 ms), so clients must poll. */
  queueMs?: number;
};

const DAG_PB = 0x70;

async function blockBytes(node: HeliaStorage, cid: CID): Promise<Uint8Array> {
  return readAll(toAsync(node.helia.blockstore.get(cid, { offline: true } as { offline: boolean })));
}

async function* toAsync(source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  yield* source;
}

export async function startPinningServiceDouble(options: PinningServiceDoubleOptions): Promise<PinningServiceDouble> {
  const pins = new Map<string, PinRecord>();
  const { origin, storage } = options;

  async function copyDag(root: CID): Promise<void> {
    const queue: CID[] = [root];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const cid = queue.shift() as CID;
      if (seen.has(cid.toString())) continue;
      seen.add(cid.toString());
      const bytes = (await storage.helia.blockstore.has(cid)) ? await blockBytes(storage, cid) : await blockBytes(origin, cid);
      await storage.helia.blockstore.put(cid, bytes);
      if (cid.code === DAG_PB) {
        const codec = await origin.helia.getCodec(DAG_PB);
        const node = codec.decode(bytes) as { Links?: { Hash: CID }[] };
        for (const link of node.Links ?? []) queue.push(link.Hash);
      }
    }
    await storage.pin(root);
  }

  function process(record: PinRecord): void {
    setTimeout(() => {
      record.status = 'pinning';
      copyDag(CID.parse(record.pin.cid))
        .then(() => {
          record.status = 'pinned';
        })
        .catch((error: unknown) => {
          record.status = 'failed';
          record.info.status_details = error instanceof Error ? error.message : String(error);
        });
    }, options.queueMs ?? 20);
  }

  function send(res: ServerResponse, status: number, body?: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  function failure(res: ServerResponse, status: number, reason: string, details: string): void {
    send(res, status, { error: { reason, details } });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.headers.authorization !== `Bearer ${options.token}`) return failure(res, 401, 'UNAUTHORIZED', 'Access token is missing or invalid');
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] !== 'pins' || parts.length > 2) return failure(res, 404, 'NOT_FOUND', 'The specified resource was not found');
    const requestid = parts[1];
    if (!requestid && req.method === 'POST') {
      const body = JSON.parse(new TextDecoder().decode(await readBody(req))) as { cid?: unknown; name?: string; origins?: string[]; meta?: Record<string, string> };
      if (typeof body.cid !== 'string') return failure(res, 400, 'BAD_REQUEST', 'cid is required');
      try {
        CID.parse(body.cid);
      } catch {
        return failure(res, 400, 'BAD_REQUEST', `invalid cid ${body.cid}`);
      }
      const record: PinRecord = {
        requestid: randomUUID(),
        status: 'queued',
        created: new Date().toISOString(),
        pin: { cid: body.cid, ...(body.name ? { name: body.name } : {}), ...(body.origins ? { origins: body.origins } : {}), ...(body.meta ? { meta: body.meta } : {}) },
        delegates: ['/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWDoubleDoubleDoubleDoubleDoubleDoubleDouble'],
        info: {},
      };
      pins.set(record.requestid, record);
      process(record);
      return send(res, 202, record);
    }
    if (!requestid && req.method === 'GET') {
      const cids = url.searchParams.get('cid')?.split(',').filter(Boolean);
      const statuses = (url.searchParams.get('status') ?? 'pinned').split(',');
      const limit = Number(url.searchParams.get('limit') ?? '10');
      const results = [...pins.values()]
        .filter((p) => (!cids || cids.includes(p.pin.cid)) && statuses.includes(p.status))
        .sort((a, b) => b.created.localeCompare(a.created));
      return send(res, 200, { count: results.length, results: results.slice(0, limit) });
    }
    const record = requestid ? pins.get(requestid) : undefined;
    if (!record) return failure(res, 404, 'NOT_FOUND', 'The specified resource was not found');
    if (req.method === 'GET') return send(res, 200, record);
    if (req.method === 'DELETE') {
      pins.delete(record.requestid);
      return send(res, 202);
    }
    return failure(res, 400, 'BAD_REQUEST', `unsupported ${req.method}`);
  }

  const double = await startHttpDouble(handle, (status, message) => ({ contentType: 'application/json', body: JSON.stringify({ error: { reason: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'ERROR', details: message } }) }));
  return Object.assign(double, { storage, pins });
}
