import type { Env } from '../config/env';
import { HeliaStorage } from './helia-storage';
import { KuboStorage } from './kubo-storage';
import { PinningServiceStorage } from './pinning-service-storage';
import type { IpfsStorage } from './storage';

export type CreateIpfsStorageParameters = {
  env: Pick<Env, 'KUBO_RPC_URL' | 'PINNING_SERVICE_URL' | 'PINNING_SERVICE_TOKEN'>;
  /** Repository folder of the embedded Helia node (Layout.ipfsDir). */
  ipfsDir: string;
  /** Pinning-service polling, for tests. */
  pinning?: { pollIntervalMs?: number; timeoutMs?: number };
};

/** Which backend `createIpfsStorage` picks for this configuration, and what holds the content locally. */
export function storageBackendFor(env: CreateIpfsStorageParameters['env']): { backend: IpfsStorage['backend']; local: 'helia' | 'kubo' } {
  const local = env.KUBO_RPC_URL ? 'kubo' : 'helia';
  return { backend: env.PINNING_SERVICE_URL && env.PINNING_SERVICE_TOKEN ? 'pinning-service' : local, local };
}

/**
 * The storage backend from configuration (lib/config/env.ts has validated the variables):
 * - `PINNING_SERVICE_URL` + `PINNING_SERVICE_TOKEN`: a Pinning Service API provider, composed with the node that
 *   holds and provides the content (Kubo when `KUBO_RPC_URL` is set, else the embedded Helia node);
 * - `KUBO_RPC_URL`: a Kubo node;
 * - neither: the embedded Helia node in `ipfsDir` (default).
 * Caveat: the embedded Helia node runs without libp2p, so a real remote pinning service cannot fetch from it; pair a
 * pinning service with Kubo (or a networked Helia) in production.
 */
export async function createIpfsStorage(params: CreateIpfsStorageParameters): Promise<IpfsStorage> {
  const { env } = params;
  const { backend, local } = storageBackendFor(env);
  const localStorage: IpfsStorage = local === 'kubo' && env.KUBO_RPC_URL ? KuboStorage.connect(env.KUBO_RPC_URL) : await HeliaStorage.open(params.ipfsDir);
  if (backend === 'pinning-service' && env.PINNING_SERVICE_URL && env.PINNING_SERVICE_TOKEN) {
    return new PinningServiceStorage(localStorage, { endpointUrl: env.PINNING_SERVICE_URL, accessToken: env.PINNING_SERVICE_TOKEN, ...params.pinning });
  }
  return localStorage;
}
