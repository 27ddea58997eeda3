import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
  toHex,
  TransactionReceiptNotFoundError,
  type Hex,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startAnvil, type Anvil } from '../chain/anvil';
import { MOTIF_ABIS, toMotifAddresses, type MotifContractAddresses } from '../chain/contracts';
import { localDevAccounts } from '../chain/dev-accounts';
import { localChain } from '../config/chains';
import { deployContracts } from '../contracts/deploy';
import { createPrismaClient, type PrismaClient } from '../db/client';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../db/embedded-postgres';
import { applyMigrations } from '../db/migrate';
import { freePort } from '../config/ports';
import { syncOnce, syncToHead, type IndexerParameters, type LostTransaction } from './indexer';
import { accountsIn, recentLostTransactions } from './lost-transactions';

// A local chain with `--state` keeps only what it last saved: `kill -9` loses everything mined since, receipts and
// all. The indexer saw those transactions; on the next start it must name every one the chain no longer has. This
// chain saves only when stopped gracefully (a one-hour interval), so what a kill loses is exactly the burst, not
// whatever a busy machine's save timer happened to leave out.
let dir: string;
let anvil: Anvil;
let anvilPort: number;
let pgServer: EmbeddedPostgresServer;
let prisma: PrismaClient;
let publicClient: PublicClient;
let addresses: MotifContractAddresses;
let startBlock: bigint;
const [deployer, creator] = localDevAccounts(2);
const startChain = async () =>
  (anvil = await startAnvil({
    port: anvilPort,
    statePath: path.join(dir, 'chain-state.json'),
    stateIntervalSeconds: 3600,
  }));
const params = (): IndexerParameters => ({
  prisma,
  client: publicClient,
  chainId: 31337,
  addresses,
  startBlock,
  confirmations: 64,
});

async function burst(count: number): Promise<Hex[]> {
  const wallet = createWalletClient({
    chain: localChain(anvil.rpcUrl),
    transport: http(anvil.rpcUrl),
    account: privateKeyToAccount(creator!.privateKey),
  });
  const hashes: Hex[] = [];
  for (let i = 0; i < count; i++) {
    const content = keccak256(toHex(`burst ${Math.random()}`));
    hashes.push(
      await wallet.writeContract({
        address: addresses.TrackCollection,
        abi: MOTIF_ABIS.TrackCollection,
        functionName: 'mint',
        args: [creator!.address, content, keccak256(toHex('m')), creator!.address, 500, 1],
      }),
    );
  }
  for (const hash of hashes) expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
  return hashes;
}
const onChain = (hash: Hex) =>
  publicClient.getTransactionReceipt({ hash }).then(
    () => true,
    (error: unknown) => {
      if (error instanceof TransactionReceiptNotFoundError) return false;
      throw error;
    },
  );

beforeAll(async () => {
  dir = await mkdtemp(path.join(inject('servicesDir'), 'lost-tx-'));
  await chmod(dir, 0o755); // as root, PostgreSQL runs as a 'postgres' user that must reach its folder
  anvilPort = await freePort();
  [, pgServer] = await Promise.all([
    startChain(),
    startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() }),
  ]);
  await applyMigrations(pgServer.databaseUrl);
  prisma = createPrismaClient(pgServer.databaseUrl);
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
  addresses = toMotifAddresses(
    Object.fromEntries(Object.entries(deployment.contracts).map(([k, v]) => [k, v.address])),
  )!;
  startBlock = BigInt(Math.min(...Object.values(deployment.contracts).map((c) => c.blockNumber)));
  // A graceful stop saves the deployment: only what comes after it can be lost.
  await anvil.stop();
  await startChain();
  expect(await publicClient.getCode({ address: addresses.TrackCollection })).toMatch(/^0x[0-9a-f]{2,}/);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await Promise.allSettled([anvil?.stop(), pgServer?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

describe('accountsIn', () => {
  it('collects the addresses among decoded event arguments, lower-case and once each', () => {
    const a = '0x00000000000000000000000000000000000000Aa';
    expect(
      accountsIn([
        { creator: a, tokenId: '5' },
        { to: a.toLowerCase(), from: '0x' + '1'.repeat(40), amount: '0x' + '1'.repeat(40) + '1' },
        null,
        'x',
        [a],
      ]),
    ).toEqual([a.toLowerCase(), '0x' + '1'.repeat(40)]);
  });
});

describe('transactions lost by a kill -9 of the local chain', () => {
  it('after a burst and kill -9, every transaction of the burst is listed as lost and its rows are gone', async () => {
    const hashes = await burst(6);
    await syncToHead(params()); // the index has seen every one
    anvil.process.child.kill('SIGKILL');
    await anvil.process.exited;
    await startChain();

    const result = await syncOnce(params());
    const lost = new Map<Hex, LostTransaction>(result.lost.map((t) => [t.txHash, t]));
    for (const hash of hashes) {
      expect({ hash, onChain: await onChain(hash), listedAsLost: lost.has(hash) }).toEqual({
        hash,
        onChain: false,
        listedAsLost: true,
      });
    }
    expect(lost.size).toBe(hashes.length);
    expect(result.rolledBackTo).not.toBeNull();
    // What the user is told: the mint and its token, for each lost transaction.
    for (const tx of lost.values())
      expect(tx.events.map((e) => `${e.contract}.${e.name}`)).toEqual(
        expect.arrayContaining(['TrackCollection.TrackMinted']),
      );
    // ... recorded for the app (/activity), naming the creator whose mints they were.
    const recorded = await recentLostTransactions(prisma, 31337, 100);
    for (const tx of lost.values()) {
      const row = recorded.find((r) => r.txHash === tx.txHash);
      expect(row?.events).toEqual(tx.events);
      expect(row?.accounts).toContain(creator!.address.toLowerCase());
    }
    await syncToHead(params());
    const ids = [...lost.values()].flatMap((t) => t.events.flatMap((e) => (e.tokenId === null ? [] : [e.tokenId])));
    expect(ids.length).toBeGreaterThan(0);
    expect(await prisma.track.count({ where: { chainId: 31337, tokenId: { in: ids } } })).toBe(0);
  });
});
