import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { createPublicClient, createWalletClient, http, keccak256, toHex, type Address, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startAnvil, type Anvil } from '../chain/anvil';
import { MOTIF_ABIS, toMotifAddresses, type MotifContractAddresses } from '../chain/contracts';
import { localDevAccounts } from '../chain/dev-accounts';
import { localChain } from '../config/chains';
import { deployContracts } from '../contracts/deploy';
import { trackIdOf } from '../contracts/track-id';
import { createPrismaClient, type PrismaClient } from '../db/client';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../db/embedded-postgres';
import { applyMigrations } from '../db/migrate';
import { acquireIndexerLock, runIndexer } from '../indexer/indexer';
import { HeliaStorage } from '../ipfs/helia-storage';
import { checkHealth } from '../health/health';
import { freePort } from '../config/ports';
import { anvilChild, loopChild, postgresChild } from './supervised-children';
import { supervise, type Supervision, type SupervisorEvent } from './supervisor';

// The children npm start runs, each under a supervisor, killed with SIGKILL one after another.
let dir: string;
let anvil: Anvil;
let pgServer: EmbeddedPostgresServer;
let prisma: PrismaClient;
let storage: HeliaStorage;
let publicClient: PublicClient;
let addresses: MotifContractAddresses;
let contracts: Record<string, Address>;
let startBlock: bigint;
let ports: { anvil: number; pg: number };
const supervisions: Supervision[] = [];
const events: SupervisorEvent[] = [];
const [deployer, creator] = localDevAccounts(2);
const CHAIN_ID = 31337;

const startChain = async () =>
  (anvil = await startAnvil({ port: ports.anvil, statePath: path.join(dir, 'chain-state.json') }));
const startDatabase = async () =>
  (pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: ports.pg }));
const databaseUrl = () => `postgresql://postgres:postgres@127.0.0.1:${ports.pg}/motif`;
const health = () =>
  checkHealth({
    rpcUrl: `http://127.0.0.1:${ports.anvil}`,
    contracts,
    databaseUrl: databaseUrl(),
    storage,
    chainId: CHAIN_ID,
    maxLagBlocks: 0,
  });

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await Promise.resolve(check()).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(100);
  }
}
async function mint(): Promise<string> {
  const content = keccak256(toHex(`supervised ${Math.random()}`));
  const wallet = createWalletClient({
    chain: localChain(anvil.rpcUrl),
    transport: http(anvil.rpcUrl),
    account: privateKeyToAccount(creator!.privateKey),
  });
  const hash = await wallet.writeContract({
    address: addresses.TrackCollection,
    abi: MOTIF_ABIS.TrackCollection,
    functionName: 'mint',
    args: [creator!.address, content, keccak256(toHex('m')), creator!.address, 500, 1],
  });
  expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
  return trackIdOf(creator!.address, content).toString();
}
const restarted = (name: string, restarts: number) => () =>
  events.some((e) => e.kind === 'restarted' && e.name === name && e.restarts === restarts);

beforeAll(async () => {
  dir = await mkdtemp(path.join(inject('servicesDir'), 'supervisor-'));
  await chmod(dir, 0o755); // as root, PostgreSQL runs as a 'postgres' user that must reach its folder
  ports = { anvil: await freePort(), pg: await freePort() };
  await Promise.all([startChain(), startDatabase()]);
  await applyMigrations(pgServer.databaseUrl);
  storage = await HeliaStorage.open(path.join(dir, 'ipfs'));
  prisma = createPrismaClient(databaseUrl());
  publicClient = createPublicClient({ chain: localChain(anvil.rpcUrl), transport: http(anvil.rpcUrl) }) as PublicClient;
  const wallet = createWalletClient({
    chain: localChain(anvil.rpcUrl),
    transport: http(anvil.rpcUrl),
    account: privateKeyToAccount(deployer!.privateKey),
  });
  const { deployment } = await deployContracts({
    publicClient,
    walletClient: wallet,
    deploymentPath: path.join(dir, 'deployment.json'),
  });
  contracts = Object.fromEntries(Object.entries(deployment.contracts).map(([k, v]) => [k, v.address]));
  addresses = toMotifAddresses(contracts)!;
  startBlock = BigInt(Math.min(...Object.values(deployment.contracts).map((c) => c.blockNumber)));
});

afterAll(async () => {
  for (const s of supervisions.reverse()) await s.stop().catch(() => undefined);
  await prisma?.$disconnect();
  await storage?.close();
  await Promise.allSettled([anvil?.stop(), pgServer?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

describe('supervise', () => {
  it('restarts anvil, PostgreSQL and the indexer loop when they die, says so, and health follows', async () => {
    const onEvent = (e: SupervisorEvent) => events.push(e);
    supervisions.push(
      supervise(anvilChild(anvil), { name: 'chain', restart: async () => anvilChild(await startChain()), onEvent }),
    );
    supervisions.push(
      supervise(postgresChild(pgServer), {
        name: 'database',
        restart: async () => postgresChild(await startDatabase()),
        onEvent,
      }),
    );
    const indexer = (signal: AbortSignal) =>
      runIndexer({
        prisma,
        client: publicClient,
        chainId: CHAIN_ID,
        addresses,
        startBlock,
        databaseUrl: databaseUrl(),
        pollMs: 100,
        maxRetryMs: 500,
        signal,
      });
    supervisions.push(
      supervise(loopChild('the indexer', indexer), {
        name: 'indexer',
        restart: async () => loopChild('the indexer', indexer),
        onEvent,
      }),
    );
    await until('health all green', async () => (await health()).ok);

    // PostgreSQL killed: restarted; the indexer loop rides it out and takes its lock again.
    process.kill(pgServer.pid, 'SIGKILL');
    await until('PostgreSQL restarted', restarted('database', 1));
    expect(events[0]).toMatchObject({
      kind: 'died',
      name: 'database',
      reason: expect.stringMatching(/^PostgreSQL \(pid \d+\) exited$/),
    });
    await until('health green after the database restart', async () => (await health()).ok);

    // anvil killed (its state was saved: nothing was sent in the last second): restarted from its state file.
    await wait(1_500);
    const before = await publicClient.getBlockNumber({ cacheTime: 0 });
    process.kill(anvil.process.child.pid!, 'SIGKILL');
    await until('anvil restarted', restarted('chain', 1));
    expect(events.find((e) => e.kind === 'died' && e.name === 'chain')).toMatchObject({
      reason: 'anvil exited (signal SIGKILL)',
    });
    expect(await publicClient.getBlockNumber({ cacheTime: 0 })).toBe(before);
    const tokenId = await mint();
    await until(
      'the mint after the restarts indexed',
      async () => (await prisma.track.count({ where: { chainId: CHAIN_ID, tokenId } })) === 1,
    );
    await until('health green with the index at the head', async () => (await health()).ok);

    // The indexer loop itself dies (here: another writer holds its lock); the supervisor restarts it until it runs.
    await supervisions[2]!.stop();
    const held = await acquireIndexerLock(databaseUrl(), CHAIN_ID);
    const lone = supervise(loopChild('the indexer', indexer), {
      name: 'indexer',
      restart: async () => loopChild('the indexer', indexer),
      onEvent,
      maxDelayMs: 300,
    });
    supervisions.push(lone);
    await until('the indexer seen dying', () => events.some((e) => e.kind === 'died' && e.name === 'indexer'));
    expect(events.find((e) => e.kind === 'died' && e.name === 'indexer')).toMatchObject({
      reason: expect.stringContaining('Another indexer is already writing'),
    });
    await held.release();
    await until('the indexer restarted and health green', async () => lone.restarts >= 1 && (await health()).ok);
  });
});
