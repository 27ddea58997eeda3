/**
 * Scale-out on shared back ends: two `npm start` web replicas (MOTIF_ROLE=web) and two indexers (MOTIF_ROLE=indexer)
 * against one PostgreSQL, one chain RPC and one IPFS node behind the Kubo RPC API, each process with its own data
 * folder, as on separate machines behind a load balancer. A sign-in begun on one replica and finished on the other
 * gives a session valid on both; a track pinned through one replica is served byte for byte by the other; the
 * second indexer stands by while the first leads, and takes over within a bounded time when the leader is killed
 * (SIGKILL), so a track minted after the kill shows up in the gallery of both replicas.
 * The IPFS node is the project's Kubo RPC protocol double over a real embedded Helia node (no Kubo binary can be had
 * on the build machines), the chain a real anvil and the database a real PostgreSQL.
 */
import { chmod, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPublicClient, createWalletClient, http, isHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startAnvil, type Anvil } from '../../lib/chain/anvil';
import { localDevAccounts } from '../../lib/chain/dev-accounts';
import { createSignInMessage } from '../../lib/auth/siwe';
import { localChain } from '../../lib/config/chains';
import { trackCollectionAbi } from '../../lib/contracts/abi';
import { deployContracts } from '../../lib/contracts/deploy';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../../lib/db/embedded-postgres';
import { HeliaStorage } from '../../lib/ipfs/helia-storage';
import { startKuboRpcDouble, type KuboRpcDouble } from '../../lib/ipfs/testing/kubo-rpc-double';
import { freePort } from '../../lib/config/ports';
import { makeTrack } from '../provenance/fixtures';
import { audioEssence } from '../../lib/provenance/c2pa/essence';
import { pollUntil } from '../support/limits';
import { pressCtrlC, runStartScript, type StartedPlatform } from '../support/start-process';

const PUBLIC_HOST = 'motif.test'; // the load balancer's name: what sign-in messages are bound to on every replica
const TAKEOVER_BOUND_MS = 15_000;
const [deployer, creator] = localDevAccounts(2);
if (!deployer || !creator) throw new Error('two local dev accounts expected');
const account = privateKeyToAccount(creator.privateKey);

let dir: string;
let anvil: Anvil;
let pg: EmbeddedPostgresServer;
let ipfsNode: HeliaStorage;
let kubo: KuboRpcDouble;
let collection: Address;
const processes: StartedPlatform[] = [];
let leader: StartedPlatform;
let standby: StartedPlatform;
const web: { process: StartedPlatform; base: string }[] = [];

/** One Motif process in `role`, with its own data folder holding the recorded deployment (shipped with the config). */
async function startRole(
  name: string,
  role: 'web' | 'indexer',
  shared: Record<string, string>,
  deploymentPath: string,
): Promise<{ process: StartedPlatform; port: number }> {
  const dataDir = path.join(dir, name);
  await mkdir(path.join(dataDir, 'deployments'), { recursive: true });
  await copyFile(deploymentPath, path.join(dataDir, 'deployments', '31337.json'));
  const port = await freePort();
  const started = runStartScript({
    ...shared,
    MOTIF_ROLE: role,
    MOTIF_DATA_DIR: dataDir,
    MOTIF_APP_PORT: String(port),
    MOTIF_VERBOSE: '1',
  });
  processes.push(started);
  return { process: started, port };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motif-e2e-scale-'));
  await chmod(dir, 0o755);
  [anvil, pg] = await Promise.all([
    startAnvil(),
    startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() }),
  ]);
  ipfsNode = await HeliaStorage.open(path.join(dir, 'ipfs-node'));
  kubo = await startKuboRpcDouble(ipfsNode);
  const chain = localChain(anvil.rpcUrl);
  const deploymentPath = path.join(dir, 'deployment.json');
  const { deployment } = await deployContracts({
    publicClient: createPublicClient({ chain, transport: http(anvil.rpcUrl) }),
    walletClient: createWalletClient({
      chain,
      transport: http(anvil.rpcUrl),
      account: privateKeyToAccount(deployer.privateKey),
    }),
    deploymentPath,
  });
  collection = deployment.contracts.TrackCollection.address;
  const shared = {
    DATABASE_URL: pg.databaseUrl,
    MOTIF_RPC_URL: anvil.rpcUrl,
    MOTIF_CHAIN_ID: '31337',
    KUBO_RPC_URL: kubo.url,
    MOTIF_SESSION_SECRET: 'scale-out e2e session key, shared by every replica',
    MOTIF_PUBLIC_URL: `http://${PUBLIC_HOST}`,
  };
  // The first indexer migrates the empty database and leads; the second finds the lock taken and stands by.
  leader = (await startRole('indexer-a', 'indexer', shared, deploymentPath)).process;
  await leader.waitFor('Motif indexer is running');
  standby = (await startRole('indexer-b', 'indexer', shared, deploymentPath)).process;
  await standby.waitFor('Motif indexer is running');
  // One replica at a time: the first may build the app, the second finds it built.
  for (const name of ['web-1', 'web-2']) {
    const { process: started, port } = await startRole(name, 'web', shared, deploymentPath);
    await started.ready;
    web.push({ process: started, base: `http://127.0.0.1:${port}` });
  }
});

afterAll(async () => {
  for (const p of processes) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      pressCtrlC(p);
      await p.exited;
    }
  }
  await kubo?.close();
  await ipfsNode?.close();
  await Promise.allSettled([anvil?.stop(), pg?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

const nonceBody = z.object({ nonce: z.string() });
const sessionBody = z.object({ address: z.string().nullable() });
const bytes32 = z.custom<Hex>((v) => typeof v === 'string' && isHex(v) && v.length === 66, 'a bytes32 hex string');
const pinBody = z.object({ cid: z.string(), contentDigest: bytes32, manifestDigest: bytes32, tokenId: z.string() });
const galleryBody = z.object({
  total: z.number(),
  items: z.array(z.object({ tokenId: z.string(), title: z.string().nullable() })),
});

describe('web replicas and indexers on one PostgreSQL, one RPC and one IPFS node', () => {
  it('starts each role with only its own part: indexers lead or stand by, web replicas run no indexer', () => {
    expect(leader.output()).toMatch(/✔ indexer\s+caught up to block \d+/);
    expect(standby.output()).toMatch(/✔ indexer\s+standing by: another indexer leads/);
    for (const { process: p } of web) {
      expect(p.output()).toMatch(/✔ app\s+Next\.js production server, health all green/);
      expect(p.output()).not.toMatch(/✔ (indexer|seed|chain\s+anvil)/);
    }
    for (const p of [leader, standby]) expect(p.output()).not.toMatch(/✔ app/);
  });

  it('keeps a session made through one replica valid on the other (nonce from one, sign-in on the other)', async () => {
    const [one, two] = web;
    const { nonce } = nonceBody.parse(await (await fetch(`${one!.base}/api/auth/nonce`)).json());
    const message = createSignInMessage({
      address: account.address,
      chainId: 31337,
      domain: PUBLIC_HOST,
      uri: `http://${PUBLIC_HOST}/`,
      nonce,
    });
    const verify = await fetch(`${two!.base}/api/auth/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message, signature: await account.signMessage({ message }) }),
    });
    expect(verify.status).toBe(200);
    const cookie = verify.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^motif_session=/);
    for (const { base } of web) {
      expect(
        sessionBody.parse(await (await fetch(`${base}/api/auth/session`, { headers: { cookie } })).json()).address,
      ).toBe(account.address);
    }
    // A nonce is spent for every replica, not just the one that took it.
    const replay = await fetch(`${one!.base}/api/auth/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message, signature: await account.signMessage({ message }) }),
    });
    expect(replay.status).toBe(401);
  });

  let pinned: z.infer<typeof pinBody> | undefined;

  it('serves a track pinned through one replica from the other, byte for byte (the upload plus its C2PA manifest)', async () => {
    const track = await makeTrack(account, 31337, collection);
    const form = new FormData();
    form.set('wav', new Blob([new Uint8Array(track.wav)], { type: 'audio/wav' }), 'audio.wav');
    form.set('midi', new Blob([new Uint8Array(track.midi)], { type: 'audio/midi' }), 'track.mid');
    form.set('manifest', JSON.stringify(track.signed));
    form.set('name', 'Scale-out Serenade');
    form.set('genre', 'Ambient');
    const res = await fetch(`${web[0]!.base}/api/tracks/pin`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    pinned = pinBody.parse(await res.json());
    const [fromPinner, fromOther] = await Promise.all(
      web.slice(0, 2).map((w) => fetch(`${w.base}/ipfs/${pinned!.cid}/audio.wav`)),
    );
    expect([fromPinner!.status, fromOther!.status]).toEqual([200, 200]);
    const published = new Uint8Array(await fromPinner!.arrayBuffer());
    expect(new Uint8Array(await fromOther!.arrayBuffer())).toEqual(published);
    // The published file is the upload with the C2PA manifest the pinning replica embedded (docs/provenance/c2pa.md).
    expect(audioEssence(published)).toEqual(new Uint8Array(track.wav));
    expect(published.byteLength).toBeGreaterThan(track.wav.byteLength);
  });

  it(`lets the standby indexer take over within ${TAKEOVER_BOUND_MS / 1000} s of the leader being killed; a later mint reaches both replicas`, async () => {
    const track = pinned;
    if (!track) throw new Error('the pin test did not run');
    const leaderPid = leader.child.pid;
    if (leaderPid === undefined) throw new Error('the leading indexer has no process id');
    const killedAt = performance.now();
    process.kill(-leaderPid, 'SIGKILL');
    await leader.exited;
    await Promise.race([
      standby.waitFor('leading: took the indexer lock'),
      new Promise((_, reject) =>
        setTimeout(
          () => reject(new Error(`no takeover in ${TAKEOVER_BOUND_MS} ms:\n${standby.output().slice(-2000)}`)),
          TAKEOVER_BOUND_MS,
        ),
      ),
    ]);
    const takeoverMs = performance.now() - killedAt;
    expect(takeoverMs).toBeLessThan(TAKEOVER_BOUND_MS);

    const chain = localChain(anvil.rpcUrl);
    const wallet = createWalletClient({ chain, transport: http(anvil.rpcUrl), account });
    const hash = await wallet.writeContract({
      address: collection,
      abi: trackCollectionAbi,
      functionName: 'mint',
      args: [account.address, track.contentDigest, track.manifestDigest, account.address, 500, 6],
    });
    expect(
      (await createPublicClient({ chain, transport: http(anvil.rpcUrl) }).waitForTransactionReceipt({ hash })).status,
    ).toBe('success');
    for (const { base } of web) {
      await pollUntil(
        `the new leader's index of the mint, read from ${base}`,
        async () =>
          galleryBody
            .parse(await (await fetch(`${base}/api/gallery?q=Serenade`)).json())
            .items.some((t) => t.tokenId === track.tokenId && t.title === 'Scale-out Serenade'),
        () => standby.output().slice(-2000),
      );
    }
  });
});
