import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import pg from 'pg';
import { createPublicClient, createWalletClient, http, keccak256, toHex, type PublicClient } from 'viem';
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
import { freePort } from '../config/ports';
import { INDEXER_STREAM, runIndexer, type IndexerStateChange, type SyncResult } from './indexer';
import { readIndexerStatus } from './indexer-status';

// Its own anvil and PostgreSQL on fixed ports: both are stopped and started again under a running indexer.
let dir: string;
let anvil: Anvil;
let anvilPort: number;
let pgServer: EmbeddedPostgresServer;
let pgPort: number;
let prisma: PrismaClient;
let publicClient: PublicClient;
let addresses: MotifContractAddresses;
let startBlock: bigint;
const [deployer, creator] = localDevAccounts(2);
const CHAIN_ID = 31337;
const statePath = () => path.join(dir, 'chain-state.json');
const startChain = () => startAnvil({ port: anvilPort, statePath: statePath() });
const startDatabase = () => startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: pgPort });

function wallet(key: `0x${string}`) {
  return createWalletClient({
    chain: localChain(anvil.rpcUrl),
    transport: http(anvil.rpcUrl),
    account: privateKeyToAccount(key),
  });
}
let minted = 0;
async function mint(): Promise<string> {
  const content = keccak256(toHex(`outage content ${++minted} ${Math.random()}`));
  const hash = await wallet(creator!.privateKey).writeContract({
    address: addresses.TrackCollection,
    abi: MOTIF_ABIS.TrackCollection,
    functionName: 'mint',
    args: [creator!.address, content, keccak256(toHex(`manifest ${minted}`)), creator!.address, 500, 1],
  });
  expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
  return trackIdOf(creator!.address, content).toString();
}
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await Promise.resolve(check()).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(100);
  }
}
const indexed = (tokenId: string) => async () =>
  (await prisma.track.count({ where: { chainId: CHAIN_ID, tokenId } })) === 1;
async function status() {
  const sql = new pg.Client({ connectionString: pgServer.databaseUrl });
  await sql.connect();
  try {
    return await readIndexerStatus(sql, CHAIN_ID, INDEXER_STREAM);
  } finally {
    await sql.end();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(inject('servicesDir'), 'indexer-outage-'));
  await chmod(dir, 0o755); // as root, PostgreSQL runs as a 'postgres' user that must reach its folder
  [anvilPort, pgPort] = [await freePort(), await freePort()];
  [anvil, pgServer] = await Promise.all([startChain(), startDatabase()]);
  await applyMigrations(pgServer.databaseUrl);
  prisma = createPrismaClient(pgServer.databaseUrl);
  publicClient = createPublicClient({ chain: localChain(anvil.rpcUrl), transport: http(anvil.rpcUrl) }) as PublicClient;
  const { deployment } = await deployContracts({
    publicClient,
    walletClient: wallet(deployer!.privateKey),
    deploymentPath: path.join(dir, 'deployment.json'),
  });
  addresses = toMotifAddresses(
    Object.fromEntries(Object.entries(deployment.contracts).map(([k, v]) => [k, v.address])),
  )!;
  startBlock = BigInt(Math.min(...Object.values(deployment.contracts).map((c) => c.blockNumber)));
});

afterAll(async () => {
  await prisma?.$disconnect();
  await Promise.allSettled([anvil?.stop(), pgServer?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

describe('runIndexer under outages', () => {
  it('rides out the RPC going away and PostgreSQL restarting: no reorg, retries, resumes from its cursor', async () => {
    const results: SyncResult[] = [];
    const states: IndexerStateChange[] = [];
    const abort = new AbortController();
    const running = runIndexer({
      prisma,
      client: publicClient,
      chainId: CHAIN_ID,
      addresses,
      startBlock,
      databaseUrl: pgServer.databaseUrl,
      pollMs: 100,
      maxRetryMs: 400,
      signal: abort.signal,
      onSync: (r) => results.push(r),
      onState: (s) => states.push(s),
    });
    let ended = false;
    void running.then(
      () => (ended = true),
      () => (ended = true),
    );
    try {
      const before = await mint();
      await until('the first mint indexed', indexed(before));
      expect((await status()).state).toBe('running');

      // 1. The RPC refuses connections for a few seconds (anvil stopped; it keeps its state file).
      await anvil.stop();
      await until('the indexer to retry', () => states.at(-1)?.state === 'retrying');
      expect((await status()).state).toBe('retrying'); // published on the lock's session, for health
      await wait(2_500); // several retries with back-off meet a refused connection
      expect(states.filter((s) => s.state === 'retrying').length).toBe(1); // one change, however many attempts
      expect(states.at(-1)?.attempt).toBeGreaterThanOrEqual(1);
      anvil = await startChain();
      const afterRpc = await mint();
      await until('the mint after the RPC outage indexed', indexed(afterRpc));
      expect(states.at(-1)?.state).toBe('running');

      // 2. PostgreSQL restarts: the lock's session dies with it; the indexer takes the lock again and goes on.
      await pgServer.stop();
      await until('the indexer to retry without its database', () => states.at(-1)?.state === 'retrying');
      const offline = await mint(); // mined while the index cannot be written
      await wait(1_500);
      pgServer = await startDatabase();
      await until('the mint made while PostgreSQL was down indexed', indexed(offline));
      const afterDb = await mint();
      await until('the mint after the restart indexed', indexed(afterDb));
      await until('the lock held again and published as running', async () => (await status()).state === 'running');

      expect(ended).toBe(false);
      expect(results.filter((r) => r.rolledBackTo !== null || r.lost.length > 0)).toEqual([]); // an outage is never a reorg
      const cursor = await prisma.chainCursor.findUniqueOrThrow({
        where: { chainId_stream: { chainId: CHAIN_ID, stream: INDEXER_STREAM } },
      });
      expect(cursor.blockNumber).toBe(await publicClient.getBlockNumber({ cacheTime: 0 }));
    } finally {
      abort.abort();
      await running.catch(() => undefined);
    }
    expect((await status()).state).toBe('stopped');
  });
});
