import {
  Configuration,
  RemotePinningServiceClient,
  Status,
  type PinStatus,
} from '@ipfs-shipyard/pinning-service-client';
import type { CID } from 'multiformats/cid';
import type { IntegrityFailure } from './block-integrity';
import { PermanentError } from './retry';
import type { Entry, FolderFile, IpfsStorage, PinnedFolder, ReadOptions } from './storage';
import { BaseError } from '../errors/base';

/** The pinning service answered with an HTTP error. `status` drives the retry decision (5xx/429 retried). */
export class PinningServiceHttpError extends BaseError {
  override name = 'PinningServiceHttpError';
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`pinning service answered ${status}: ${reason}`);
  }
}

/** The service reported the pin as failed: not retried. */
export class RemotePinFailedError extends PermanentError {
  override name = 'RemotePinFailedError';
}

/**
 * The local node gives no address to fetch from (an offline Helia node), so a provider could not get new content:
 * refused before anything is sent. Not retried.
 */
export class NoOriginsError extends PermanentError {
  override name = 'NoOriginsError';
  readonly status = 502;
}

/** The service did not report `pinned` in time (transient: the caller may retry). */
export class RemotePinTimeoutError extends BaseError {
  override name = 'RemotePinTimeoutError';
  readonly status = 504;
}

/** The generated client throws the raw `Response` on non-2xx answers: turn it into an Error with the status. */
async function asError(error: unknown): Promise<unknown> {
  if (error instanceof Response) {
    let reason = error.statusText;
    try {
      const body = (await error.json()) as { error?: { reason?: string; details?: string } };
      reason = [body.error?.reason, body.error?.details].filter(Boolean).join(': ') || reason;
    } catch {
      // not a JSON Failure body
    }
    return new PinningServiceHttpError(error.status, reason);
  }
  return error;
}

export type PinningServiceOptions = {
  endpointUrl: string;
  accessToken: string;
  /** Addresses sent as `Pin.origins` besides the local node's own (e.g. its public address behind a proxy). */
  origins?: string[];
  pollIntervalMs?: number;
  /** How long to wait for `pinned` (default 10 minutes). */
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/**
 * Any IPFS Pinning Service API provider (https://ipfs.github.io/pinning-services-api-spec/) through
 * `@ipfs-shipyard/pinning-service-client`, composed with a local node that holds and provides the content: adds go
 * to the local node, then the root CID is pinned remotely (`POST /pins`, with the local node's addresses as
 * `origins`) and polled until `pinned`; the provider fetches the blocks from the local node over libp2p (bitswap).
 * Reads are served by the local node. Tested against a protocol-level double (lib/ipfs/testing/
 * pinning-service-double.ts) whose own Helia node fetches over a real libp2p connection; not against a real provider.
 */
export class PinningServiceStorage implements IpfsStorage {
  readonly backend = 'pinning-service' as const;
  readonly client: RemotePinningServiceClient;
  private readonly pollIntervalMs: number;
  private readonly timeoutMs: number;

  constructor(
    readonly local: IpfsStorage,
    private readonly options: PinningServiceOptions,
  ) {
    this.client = new RemotePinningServiceClient(
      new Configuration({
        endpointUrl: options.endpointUrl,
        accessToken: options.accessToken,
        ...(options.fetch ? { fetchApi: options.fetch } : {}),
      }),
    );
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 600_000;
  }

  async addFolder(files: readonly FolderFile[], options: { signal?: AbortSignal } = {}): Promise<PinnedFolder> {
    const pinned = await this.local.addFolder(files, options);
    await this.pinRemote(pinned.cid, options.signal);
    return pinned;
  }

  async addBytes(content: Uint8Array, options: { signal?: AbortSignal } = {}): Promise<CID> {
    const cid = await this.local.addBytes(content, options);
    await this.pinRemote(cid, options.signal);
    return cid;
  }

  /** Resolves once the service reports `pinned` for `cid`; reuses an existing pinned request. */
  async pinRemote(cid: CID, signal?: AbortSignal): Promise<PinStatus> {
    try {
      const existing = await this.client.pinsGet({ cid: [cid.toString()], status: [Status.Pinned] }, { signal });
      const done = existing.results.values().next();
      if (!done.done) return done.value;
      const origins = [...new Set([...(this.options.origins ?? []), ...(await this.local.origins())])];
      if (origins.length === 0) {
        throw new NoOriginsError(
          `the local IPFS node is offline, so the pinning service could not fetch ${cid} from it: set IPFS_LISTEN (and IPFS_ANNOUNCE for a public address) or KUBO_RPC_URL`,
        );
      }
      let status = await this.client.pinsPost(
        { pin: { cid: cid.toString(), name: `motif:${cid.toString()}`, origins, meta: { app: 'motif' } } },
        { signal },
      );
      const deadline = Date.now() + this.timeoutMs;
      while (status.status === Status.Queued || status.status === Status.Pinning) {
        if (Date.now() > deadline)
          throw new RemotePinTimeoutError(
            `the pinning service did not pin ${cid} within ${this.timeoutMs} ms (request ${status.requestid})`,
          );
        await new Promise((r) => setTimeout(r, this.pollIntervalMs));
        signal?.throwIfAborted();
        status = await this.client.pinsRequestidGet({ requestid: status.requestid }, { signal });
      }
      if (status.status !== Status.Pinned) {
        throw new RemotePinFailedError(
          `the pinning service failed to pin ${cid}: ${status.info?.status_details ?? status.status}`,
        );
      }
      return status;
    } catch (error) {
      throw await asError(error);
    }
  }

  stat(cid: CID, options?: { path?: string; signal?: AbortSignal }): Promise<Entry> {
    return this.local.stat(cid, options);
  }

  cat(cid: CID, options?: ReadOptions): AsyncIterable<Uint8Array> {
    return this.local.cat(cid, options);
  }

  /** Pinned locally and reported `pinned` by the service. */
  getBlock(cid: CID, options?: { signal?: AbortSignal }): Promise<Uint8Array> {
    return this.local.getBlock(cid, options);
  }

  integrityFailures(): Promise<IntegrityFailure[]> {
    return this.local.integrityFailures();
  }

  async isPinned(cid: CID): Promise<boolean> {
    if (!(await this.local.isPinned(cid))) return false;
    try {
      const res = await this.client.pinsGet({ cid: [cid.toString()], status: [Status.Pinned] });
      return res.count > 0;
    } catch (error) {
      throw await asError(error);
    }
  }

  origins(): Promise<string[]> {
    return this.local.origins();
  }

  async close(): Promise<void> {
    await this.local.close();
  }
}
