import type { Env } from '../config/env';
import { HeliaStorage, type HeliaNetworkOptions } from './helia-storage';
import { KuboStorage } from './kubo-storage';
import { PinningServiceStorage } from './pinning-service-storage';
import type { IpfsStorage } from './storage';

export type CreateIpfsStorageParameters = {
  env: Pick<Env, 'KUBO_RPC_URL' | 'PINNING_SERVICE_URL' | 'PINNING_SERVICE_TOKEN'> &
    Partial<Pick<Env, 'IPFS_LISTEN' | 'IPFS_ANNOUNCE'>>;
  /** Repository folder of the embedded Helia node (Layout.ipfsDir). */
  ipfsDir: string;
  /**
   * Whether this process's embedded node serves its blocks to other IPFS nodes when a pinning service is configured
   * (the provider fetches from it). Only the process that pins needs to: the web app. Others stay offline.
   */
  serve?: boolean;
  /** Pinning-service polling, for tests. */
  pinning?: { pollIntervalMs?: number; timeoutMs?: number };
};

/** Every interface, a port the system picks: set IPFS_LISTEN to a fixed port to put it behind a firewall rule. */
export const DEFAULT_IPFS_LISTEN = ['/ip4/0.0.0.0/tcp/0'];

/** Which backend `createIpfsStorage` picks for this configuration, and what holds the content locally. */
export function storageBackendFor(env: CreateIpfsStorageParameters['env']): {
  backend: IpfsStorage['backend'];
  local: 'helia' | 'kubo';
} {
  const local = env.KUBO_RPC_URL ? 'kubo' : 'helia';
  return { backend: env.PINNING_SERVICE_URL && env.PINNING_SERVICE_TOKEN ? 'pinning-service' : local, local };
}

/**
 * The storage backend from configuration (lib/config/env.ts has validated the variables):
 * - `PINNING_SERVICE_URL` + `PINNING_SERVICE_TOKEN`: a Pinning Service API provider, composed with the node that
 *   holds and provides the content (Kubo when `KUBO_RPC_URL` is set, else the embedded Helia node);
 * - `KUBO_RPC_URL`: a Kubo node;
 * - neither: the embedded Helia node in `ipfsDir` (default).
 * With a pinning service and the embedded node, a process that pins (`serve`) runs the node on libp2p at
 * `IPFS_LISTEN` and gives its addresses (or `IPFS_ANNOUNCE`) to the provider as origins to fetch from.
 */
export async function createIpfsStorage(params: CreateIpfsStorageParameters): Promise<IpfsStorage> {
  const { env } = params;
  const { backend, local } = storageBackendFor(env);
  const network: HeliaNetworkOptions | undefined =
    backend === 'pinning-service' && params.serve
      ? { listen: env.IPFS_LISTEN ?? DEFAULT_IPFS_LISTEN, announce: env.IPFS_ANNOUNCE ?? [] }
      : undefined;
  const localStorage: IpfsStorage =
    local === 'kubo' && env.KUBO_RPC_URL
      ? KuboStorage.connect(env.KUBO_RPC_URL)
      : await HeliaStorage.open(params.ipfsDir, { network });
  if (backend === 'pinning-service' && env.PINNING_SERVICE_URL && env.PINNING_SERVICE_TOKEN) {
    return new PinningServiceStorage(localStorage, {
      endpointUrl: env.PINNING_SERVICE_URL,
      accessToken: env.PINNING_SERVICE_TOKEN,
      ...params.pinning,
    });
  }
  return localStorage;
}
