/**
 * The Kubo and Pinning Service backends against PROTOCOL-LEVEL DOUBLES (lib/ipfs/testing/*) backed by real Helia
 * nodes: no Kubo daemon or pinning provider exists on the build machines. What is real: the official clients
 * (kubo-rpc-client, @ipfs-shipyard/pinning-service-client), their HTTP traffic, and the Helia nodes behind the doubles.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cidOfBytes, cidOfFolder } from './cid-of-files';
import { createIpfsStorage, storageBackendFor } from './create-storage';
import { HeliaStorage } from './helia-storage';
import { KUBO_ADD_OPTIONS, KuboStorage } from './kubo-storage';
import {
  NoOriginsError,
  PinningServiceHttpError,
  PinningServiceStorage,
  RemotePinFailedError,
} from './pinning-service-storage';
import { RetriesExhaustedError } from './retry';
import { ContentNotFoundError, readAll } from './storage';
import { startKuboRpcDouble, type KuboRpcDouble } from './testing/kubo-rpc-double';
import { startPinningServiceDouble, type PinningServiceDouble } from './testing/pinning-service-double';
import { expectedCids, pinFolderVerified, CidMismatchError } from '../tracks/track-folder';
import { CID } from 'multiformats/cid';

const enc = new TextEncoder();
const LOOPBACK = { listen: ['/ip4/127.0.0.1/tcp/0'] };
const big = new Uint8Array(600_000).map((_, i) => (i * 7 + (i >> 9)) % 251); // 3 chunks of 256 KiB
const files = [
  { path: 'audio.wav', content: big },
  { path: 'metadata.json', content: enc.encode('{"name":"t"}') },
];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-backends-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('KuboStorage (kubo-rpc-client) against the Kubo RPC double', () => {
  let node: HeliaStorage;
  let kubo: KuboRpcDouble;
  let storage: KuboStorage;
  beforeAll(async () => {
    node = await HeliaStorage.open(path.join(dir, 'kubo-node'), { network: LOOPBACK });
    kubo = await startKuboRpcDouble(node);
    storage = KuboStorage.connect(kubo.url);
  });

  it("gives the node's own swarm addresses (`ipfs id`) as origins for a pinning service", async () => {
    const origins = await storage.origins();
    expect(origins.length).toBeGreaterThan(0);
    expect(origins).toEqual(await node.origins());
  });
  afterAll(async () => {
    await kubo.close();
    await node.close();
  });

  it('adds a folder with the explicit settings, pinned, and its CIDs equal the independent derivation', async () => {
    const expected = await expectedCids(files);
    const pinned = await pinFolderVerified(storage, files, expected, { retry: { baseDelayMs: 1, randomize: false } });
    expect(pinned.cid).toBe((await cidOfFolder(files)).toString());
    expect(pinned.files['audio.wav']?.cid).toBe((await cidOfBytes(big)).toString());
    expect(pinned.backend).toBe('kubo');
    const add = kubo.requests.find((r) => r.path === '/api/v0/add');
    expect(add?.query.get('cid-version')).toBe('1');
    expect(add?.query.get('raw-leaves')).toBe('true');
    expect(add?.query.get('chunker')).toBe('size-262144');
    expect(add?.query.get('trickle')).toBe('false');
    expect(add?.query.get('pin')).toBe('true');
    expect(add?.query.get('wrap-with-directory')).toBe('true');
    expect(await storage.isPinned(CID.parse(pinned.cid))).toBe(true);
  });

  it('reads back files, ranges and directory listings; unknown content is ContentNotFoundError; unpinned is false', async () => {
    const { cid } = await storage.addFolder(files);
    expect(await readAll(storage.cat(cid, { path: 'audio.wav' }))).toEqual(big);
    expect(await readAll(storage.cat(cid, { path: 'audio.wav', offset: 262_100, length: 500 }))).toEqual(
      big.slice(262_100, 262_600),
    );
    const dirEntry = await storage.stat(cid);
    expect(dirEntry.type === 'directory' && dirEntry.entries.map((e) => e.name).sort()).toEqual([
      'audio.wav',
      'metadata.json',
    ]);
    expect(await storage.stat(cid, { path: 'metadata.json' })).toMatchObject({ type: 'file', size: 12 });
    const unknown = await cidOfBytes(enc.encode('never added'));
    await expect(storage.stat(unknown)).rejects.toBeInstanceOf(ContentNotFoundError);
    expect(await storage.isPinned(unknown)).toBe(false);
  });

  it('a client that forgets the settings gets other CIDs, which the independent check refuses', async () => {
    const sloppy = new KuboStorage(storage.client);
    const pinned = [] as string[];
    for await (const e of sloppy.client.addAll(files, { wrapWithDirectory: true })) pinned.push(e.cid.toString());
    expect(pinned.at(-1)).not.toBe((await cidOfFolder(files)).toString());
    expect(pinned.at(-1)?.startsWith('Qm')).toBe(true); // Kubo-default CIDv0
    expect(KUBO_ADD_OPTIONS).toMatchObject({ cidVersion: 1, rawLeaves: true, chunker: 'size-262144', trickle: false });
  });

  it('retries a failing backend with back-off, then succeeds', async () => {
    kubo.failNext(2, { status: 503, pathPrefix: '/api/v0/add' });
    const retried: number[] = [];
    const pinned = await pinFolderVerified(storage, files, await expectedCids(files), {
      retry: { baseDelayMs: 5, randomize: false, onRetry: (i) => retried.push(i.attempt) },
    });
    expect(retried).toEqual([1, 2]);
    expect(pinned.cid).toBe((await cidOfFolder(files)).toString());
  });

  it('gives up after the attempts, reporting nothing as pinned', async () => {
    const other = [{ path: 'x.txt', content: enc.encode('retry exhaustion') }];
    kubo.failNext(3, { status: 500, pathPrefix: '/api/v0/add' });
    await expect(
      pinFolderVerified(storage, other, await expectedCids(other), {
        retry: { attempts: 3, baseDelayMs: 1, randomize: false },
      }),
    ).rejects.toBeInstanceOf(RetriesExhaustedError);
    expect(await storage.isPinned(await cidOfFolder(other))).toBe(false);
  });

  it('an interrupted add (aborted) rejects and leaves the folder unpinned', async () => {
    const other = [{ path: 'y.bin', content: new Uint8Array(2_000_000).fill(3) }];
    const controller = new AbortController();
    controller.abort(new Error('interrupted'));
    await expect(
      pinFolderVerified(storage, other, await expectedCids(other), { signal: controller.signal }),
    ).rejects.toThrow();
    expect(await storage.isPinned(await cidOfFolder(other))).toBe(false);
  });

  it('refuses a backend answer that differs from the independent derivation', async () => {
    const expected = await expectedCids(files);
    const wrong = { ...expected, cid: await cidOfFolder([{ path: 'other', content: enc.encode('x') }]) };
    await expect(pinFolderVerified(storage, files, wrong)).rejects.toBeInstanceOf(CidMismatchError);
  });
});

describe('PinningServiceStorage (@ipfs-shipyard/pinning-service-client) against the Pinning Service double', () => {
  let local: HeliaStorage;
  let serviceNode: HeliaStorage;
  let service: PinningServiceDouble;
  let storage: PinningServiceStorage;
  const token = 'test-token-0123456789';
  beforeAll(async () => {
    local = await HeliaStorage.open(path.join(dir, 'ps-local'), { network: LOOPBACK });
    serviceNode = await HeliaStorage.open(path.join(dir, 'ps-service'), { network: LOOPBACK });
    service = await startPinningServiceDouble({ token, storage: serviceNode });
    storage = new PinningServiceStorage(local, {
      endpointUrl: service.url,
      accessToken: token,
      pollIntervalMs: 10,
      timeoutMs: 10_000,
    });
  });
  afterAll(async () => {
    await service.close();
    await Promise.all([local.close(), serviceNode.close()]);
  });

  it('adds locally, pins remotely (polling queued -> pinned); the service fetched the folder from our node over libp2p', async () => {
    const pinned = await pinFolderVerified(storage, files, await expectedCids(files), {
      retry: { baseDelayMs: 1, randomize: false },
    });
    expect(pinned.backend).toBe('pinning-service');
    const cid = CID.parse(pinned.cid);
    const origins = await local.origins();
    expect(origins.length).toBeGreaterThan(0);
    expect(origins.every((o) => o.startsWith('/ip4/127.0.0.1/tcp/') && o.includes('/p2p/'))).toBe(true);
    const record = [...service.pins.values()].find((p) => p.pin.cid === cid.toString());
    expect(record?.pin.origins).toEqual(origins);
    // The two nodes share nothing but the connection: the service's blocks came over bitswap.
    expect(serviceNode.libp2p!.getConnections().some((c) => c.remotePeer.equals(local.libp2p!.peerId))).toBe(true);
    expect(await serviceNode.isPinned(cid)).toBe(true);
    expect(await readAll(serviceNode.cat(cid, { path: 'audio.wav' }))).toEqual(big);
    expect(service.requests.some((r) => r.method === 'GET' && /^\/pins\/[0-9a-f-]+$/.test(r.path))).toBe(true);
    expect(service.requests.every((r) => r.headers.authorization === `Bearer ${token}`)).toBe(true);
    expect(await storage.isPinned(cid)).toBe(true);
    // a second add reuses the pinned request
    const posts = service.requests.filter((r) => r.method === 'POST').length;
    await storage.addFolder(files);
    expect(service.requests.filter((r) => r.method === 'POST').length).toBe(posts);
  });

  it('retries 503s from the service', async () => {
    const other = [{ path: 'z.txt', content: enc.encode('pinning retry') }];
    service.failNext(2, { status: 503, pathPrefix: '/pins' });
    const pinned = await pinFolderVerified(storage, other, await expectedCids(other), {
      retry: { baseDelayMs: 2, randomize: false },
    });
    expect(pinned.cid).toBe((await cidOfFolder(other)).toString());
  });

  it('an offline local node is refused before anything is sent: the service could not fetch from it', async () => {
    const offline = await HeliaStorage.open(path.join(dir, 'ps-offline'));
    try {
      const remote = new PinningServiceStorage(offline, {
        endpointUrl: service.url,
        accessToken: token,
        pollIntervalMs: 10,
      });
      const posts = service.requests.filter((r) => r.method === 'POST').length;
      const error = await remote.addBytes(enc.encode('nobody can fetch me')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NoOriginsError);
      expect((error as Error).message).toMatch(/IPFS_LISTEN/);
      expect(service.requests.filter((r) => r.method === 'POST').length).toBe(posts);
    } finally {
      await offline.close();
    }
  });

  it('origins that do not answer make the pin fail, reported as failed and not as pinned', async () => {
    const offline = await HeliaStorage.open(path.join(dir, 'ps-unreachable'));
    try {
      const unreachable = '/ip4/127.0.0.1/tcp/9/p2p/12D3KooWEdroyiE2YcHyZJ5RHrkyqzte1QPtxrr5WjcNUzi33aUn';
      const remote = new PinningServiceStorage(offline, {
        endpointUrl: service.url,
        accessToken: token,
        pollIntervalMs: 10,
        origins: [unreachable],
      });
      const error = await remote.addBytes(enc.encode('behind a closed port')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemotePinFailedError);
      expect((error as Error).message).toMatch(/could not reach any origin/);
    } finally {
      await offline.close();
    }
  });

  it('a wrong token is a 401 PinningServiceHttpError, not retried', async () => {
    const bad = new PinningServiceStorage(local, {
      endpointUrl: service.url,
      accessToken: 'wrong-token-xyz',
      pollIntervalMs: 10,
    });
    let attempts = 0;
    const other = [{ path: 'w.txt', content: enc.encode('bad token') }];
    const error = await pinFolderVerified(bad, other, await expectedCids(other), {
      retry: { baseDelayMs: 1, onRetry: () => attempts++ },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PinningServiceHttpError);
    expect((error as PinningServiceHttpError).status).toBe(401);
    expect(attempts).toBe(0);
  });
});

describe('createIpfsStorage', () => {
  it('picks the backend from configuration', () => {
    expect(storageBackendFor({})).toEqual({ backend: 'helia', local: 'helia' });
    expect(storageBackendFor({ KUBO_RPC_URL: 'http://127.0.0.1:5001' })).toEqual({ backend: 'kubo', local: 'kubo' });
    expect(
      storageBackendFor({ PINNING_SERVICE_URL: 'https://pin.example', PINNING_SERVICE_TOKEN: 'secret-token' }),
    ).toEqual({ backend: 'pinning-service', local: 'helia' });
    expect(
      storageBackendFor({
        KUBO_RPC_URL: 'http://k',
        PINNING_SERVICE_URL: 'https://p',
        PINNING_SERVICE_TOKEN: 'secret-token',
      }),
    ).toEqual({ backend: 'pinning-service', local: 'kubo' });
  });

  it('creates working Helia, Kubo and pinning-service storages', async () => {
    const helia = await createIpfsStorage({ env: {}, ipfsDir: path.join(dir, 'factory-helia') });
    expect(helia.backend).toBe('helia');
    expect((await helia.addFolder(files)).cid.toString()).toBe((await cidOfFolder(files)).toString());
    await helia.close();

    const node = await HeliaStorage.open(path.join(dir, 'factory-kubo-node'));
    const kubo = await startKuboRpcDouble(node);
    try {
      const storage = await createIpfsStorage({ env: { KUBO_RPC_URL: kubo.url }, ipfsDir: path.join(dir, 'unused') });
      expect(storage.backend).toBe('kubo');
      expect((await storage.addFolder(files)).cid.toString()).toBe((await cidOfFolder(files)).toString());
    } finally {
      await kubo.close();
      await node.close();
    }

    const serviceNode = await HeliaStorage.open(path.join(dir, 'factory-service'), { network: LOOPBACK });
    const service = await startPinningServiceDouble({ token: 'token-12345678', storage: serviceNode });
    const env = {
      PINNING_SERVICE_URL: service.url,
      PINNING_SERVICE_TOKEN: 'token-12345678',
      IPFS_LISTEN: LOOPBACK.listen,
    };
    // A process that does not pin keeps the node offline; the one that does (`serve`) listens where IPFS_LISTEN says.
    const reader = await createIpfsStorage({ env, ipfsDir: path.join(dir, 'factory-ps-reader') });
    expect(await reader.origins()).toEqual([]);
    await reader.close();
    const storage = await createIpfsStorage({ env, ipfsDir: path.join(dir, 'factory-ps-local'), serve: true });
    expect(storage).toBeInstanceOf(PinningServiceStorage);
    expect((await storage.origins())[0]).toMatch(/^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\//);
    try {
      const wired = new PinningServiceStorage((storage as PinningServiceStorage).local, {
        endpointUrl: service.url,
        accessToken: 'token-12345678',
        pollIntervalMs: 10,
      });
      const pinned = await wired.addFolder(files);
      expect(await serviceNode.isPinned(pinned.cid)).toBe(true);
    } finally {
      await service.close();
      await storage.close();
      await serviceNode.close();
    }
  });
});
