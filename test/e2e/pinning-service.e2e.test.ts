/**
 * `npm start` configured with a pinning service and the embedded node: the readiness probe is pinned by the provider,
 * which fetches it from the platform's own node over libp2p (the addresses sent as origins), and the app's health
 * check goes through the same backend. The provider is the Pinning Service API double with its own networked Helia
 * node (no real provider is reachable from here).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { CID } from 'multiformats/cid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import { readAll } from '../../lib/ipfs/storage';
import { startPinningServiceDouble, type PinningServiceDouble } from '../../lib/ipfs/testing/pinning-service-double';
import { pressCtrlC, runStartScript, tempPlatform, type PlatformEnv } from '../support/start-process';

const TOKEN = 'e2e-pinning-token-0123';
let dir: string;
let env: PlatformEnv;
let providerNode: HeliaStorage;
let provider: PinningServiceDouble;

beforeAll(async () => {
  ({ dir, env } = await tempPlatform('pinning'));
  providerNode = await HeliaStorage.open(path.join(dir, 'provider'), { network: { listen: ['/ip4/127.0.0.1/tcp/0'] } });
  provider = await startPinningServiceDouble({ token: TOKEN, storage: providerNode, queueMs: 50 });
});

afterAll(async () => {
  await provider?.close();
  await providerNode?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm start with a pinning service', () => {
  it('the provider fetches what the platform pins from the platform node, over libp2p', async () => {
    const started = runStartScript({
      ...env,
      PINNING_SERVICE_URL: provider.url,
      PINNING_SERVICE_TOKEN: TOKEN,
      IPFS_LISTEN: '/ip4/127.0.0.1/tcp/0',
    });
    try {
      await started.ready;
      expect(started.output()).toMatch(/✔ ipfs\s+pinning-service backend \(add \+ read back OK\)/);

      // The readiness probe: requested with the platform node's addresses, then fetched and pinned by the provider.
      const records = [...provider.pins.values()];
      expect(records.length).toBeGreaterThan(0);
      const probe = records[0]!;
      expect(probe.status).toBe('pinned');
      expect(probe.pin.origins?.length).toBeGreaterThan(0);
      expect(probe.pin.origins!.every((o) => /^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/12D3KooW/.test(o))).toBe(true);
      const cid = CID.parse(probe.pin.cid);
      expect(await providerNode.isPinned(cid)).toBe(true);
      expect(new TextDecoder().decode(await readAll(providerNode.cat(cid)))).toContain('motif');

      // The web app pins its own health probe the same way: the provider fetches it from the app's node.
      const health = (await (await fetch(`http://localhost:${env.MOTIF_APP_PORT}/api/health`)).json()) as {
        ok: boolean;
        components: { ipfs: { ok: boolean; data: { backend: string; cid: string } } };
      };
      expect(health.components.ipfs).toMatchObject({ ok: true, data: { backend: 'pinning-service' } });
      const appPin = [...provider.pins.values()].find((r) => r.pin.cid === health.components.ipfs.data.cid);
      expect(appPin?.status).toBe('pinned');
      expect(appPin!.pin.origins).not.toEqual(probe.pin.origins); // another process, another node address
      expect(await providerNode.isPinned(CID.parse(appPin!.pin.cid))).toBe(true);
    } finally {
      pressCtrlC(started);
      await started.exited;
    }
  });
});
