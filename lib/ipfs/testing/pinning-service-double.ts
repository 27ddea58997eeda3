/**
 * A PROTOCOL-LEVEL DOUBLE of the IPFS Pinning Service API (`/pins`, bearer-token auth, PinStatus lifecycle
 * queued -> pinning -> pinned | failed), backed by a real, networked Helia node of its own. It is not a real
 * provider, but it gets the content as one does: it dials the request's `origins` over libp2p and fetches the DAG
 * with bitswap, then pins it. A request without origins, or whose origins do not answer or lack a block, fails, as a
 * real pin would time out.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { multiaddr } from '@multiformats/multiaddr';
import { CID } from 'multiformats/cid';
import type { HeliaStorage } from '../helia-storage';
import { readBody, startHttpDouble, type HttpDouble } from './http-double';

type PinRecord = {
  requestid: string;
  status: 'queued' | 'pinning' | 'pinned' | 'failed';
  created: string;
  pin: { cid: string; name?: string; origins?: string[]; meta?: Record<string, string> };
  delegates: string[];
  info: Record<string, string>;
};

export type PinningServiceDouble = HttpDouble & {
  /** The service's own node. */
  storage: HeliaStorage;
  pins: Map<string, PinRecord>;
};

export type PinningServiceDoubleOptions = {
  token: string;
  /** The service's own node: opened with `network`, as it fetches from the origins over libp2p. */
  storage: HeliaStorage;
  /** Time a new request stays `queued` before fetching starts (default 20 ms), so clients must poll. */
  queueMs?: number;
  /** How long fetching may take before the pin fails (default 10 s). */
  fetchTimeoutMs?: number;
};

export async function startPinningServiceDouble(options: PinningServiceDoubleOptions): Promise<PinningServiceDouble> {
  const pins = new Map<string, PinRecord>();
  const { storage } = options;
  const libp2p = storage.libp2p;
  if (!libp2p) throw new Error('the pinning-service double needs a networked HeliaStorage (open it with `network`)');

  async function fetchAndPin(root: CID, origins: string[]): Promise<void> {
    if (origins.length === 0)
      throw new Error('no origins to fetch from (this double does not reach the public network)');
    const signal = AbortSignal.timeout(options.fetchTimeoutMs ?? 10_000);
    const dialled = await Promise.allSettled(origins.map((o) => libp2p!.dial(multiaddr(o), { signal })));
    if (!dialled.some((d) => d.status === 'fulfilled'))
      throw new Error(`could not reach any origin: ${origins.join(', ')}`);
    // Helia's own pin walk, through its networked blockstore: each missing block comes over bitswap.
    if (!(await storage.isPinned(root))) {
      for await (const _ of storage.helia.pins.add(root, { signal })) {
        // fetched and pinned block
      }
    }
    await storage.pin(root); // seal the fetched blocks and commit the pin
  }

  function process(record: PinRecord): void {
    setTimeout(() => {
      record.status = 'pinning';
      fetchAndPin(CID.parse(record.pin.cid), record.pin.origins ?? [])
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
    if (req.headers.authorization !== `Bearer ${options.token}`)
      return failure(res, 401, 'UNAUTHORIZED', 'Access token is missing or invalid');
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] !== 'pins' || parts.length > 2)
      return failure(res, 404, 'NOT_FOUND', 'The specified resource was not found');
    const requestid = parts[1];
    if (!requestid && req.method === 'POST') {
      const body = JSON.parse(new TextDecoder().decode(await readBody(req))) as {
        cid?: unknown;
        name?: string;
        origins?: string[];
        meta?: Record<string, string>;
      };
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
        pin: {
          cid: body.cid,
          ...(body.name ? { name: body.name } : {}),
          ...(body.origins ? { origins: body.origins } : {}),
          ...(body.meta ? { meta: body.meta } : {}),
        },
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

  const double = await startHttpDouble(handle, (status, message) => ({
    contentType: 'application/json',
    body: JSON.stringify({ error: { reason: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'ERROR', details: message } }),
  }));
  return Object.assign(double, { storage, pins });
}
