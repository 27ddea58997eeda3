/**
 * Indexer catch-up and gallery latency (issue 8): 10,000 tracks minted on a real anvil, indexed from scratch into a
 * real PostgreSQL by the indexer, then the production app's gallery API loaded by 50 concurrent clients beside a
 * trivial route in the same app and run; and the gallery page's first-load JavaScript in Chromium.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  http,
  keccak256,
  toHex,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startAnvil } from '../lib/chain/anvil';
import { MOTIF_ABIS, toMotifAddresses } from '../lib/chain/contracts';
import { localDevAccounts } from '../lib/chain/dev-accounts';
import { localChain } from '../lib/config/chains';
import { deployContracts } from '../lib/contracts/deploy';
import { createPrismaClient } from '../lib/db/client';
import { startEmbeddedPostgres } from '../lib/db/embedded-postgres';
import { applyMigrations } from '../lib/db/migrate';
import { syncToHead } from '../lib/indexer/indexer';
import { ensureAppBuild, nextBinary } from '../lib/platform/app-build';
import { startProcess } from '../lib/process/child-process';
import { freePort } from '../lib/config/ports';
import { launchChromium } from '../test/support/chromium';
import type { BenchFigure, BenchModule } from './figure';

const TRACKS = 10_000;
const CLIENTS = 50;
const LOAD_SECONDS = 8;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** `clients` loops, each sending its next request when the previous answered, for `seconds`. Latencies in ms. */
async function load(urls: () => string, clients: number, seconds: number): Promise<number[]> {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const res = await fetch(urls());
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${res.status} from ${res.url}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

export const galleryBench: BenchModule = {
  async run(): Promise<BenchFigure[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'motif-bench-gallery-'));
    await chmod(dir, 0o755);
    const anvil = await startAnvil({ chainId: 31337 });
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() });
    const prisma = createPrismaClient(pg.databaseUrl);
    const stops: (() => Promise<unknown>)[] = [() => anvil.stop(), () => pg.stop(), () => prisma.$disconnect()];
    try {
      await applyMigrations(pg.databaseUrl);
      const chain = localChain(anvil.rpcUrl);
      const publicClient = createPublicClient({ chain, transport: http(anvil.rpcUrl) }) as PublicClient;
      const [deployer, creator] = localDevAccounts(2);
      const { deployment } = await deployContracts({
        publicClient,
        walletClient: createWalletClient({
          chain,
          transport: http(anvil.rpcUrl),
          account: privateKeyToAccount(deployer!.privateKey),
        }),
        deploymentPath: path.join(dir, 'deployment.json'),
      });
      const addresses = toMotifAddresses(
        Object.fromEntries(Object.entries(deployment.contracts).map(([k, v]) => [k, v.address])),
      )!;

      // 10,000 mints, signed locally and mined many to a block.
      const account = privateKeyToAccount(creator!.privateKey);
      const wallet = createWalletClient({ chain, transport: http(anvil.rpcUrl), account });
      const test = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl) });
      await test.setAutomine(false);
      let nonce = await publicClient.getTransactionCount({ address: account.address });
      for (let i = 0; i < TRACKS; i += 250) {
        await Promise.all(
          Array.from({ length: Math.min(250, TRACKS - i) }, (_, j) =>
            wallet.sendTransaction({
              to: addresses.TrackCollection,
              data: encodeFunctionData({
                abi: MOTIF_ABIS.TrackCollection,
                functionName: 'mint',
                args: [
                  account.address,
                  keccak256(toHex(`bench track ${i + j}`)),
                  keccak256(toHex(`manifest ${i + j}`)),
                  account.address,
                  500,
                  6,
                ],
              }),
              gas: 200_000n,
              nonce: nonce++,
              maxFeePerGas: 10n ** 10n,
              maxPriorityFeePerGas: 1n,
            }),
          ),
        );
        await test.mine({ blocks: 1 });
      }
      await test.setAutomine(true);

      // Catch-up from an empty index.
      const startBlock = BigInt(Math.min(...Object.values(deployment.contracts).map((c) => c.blockNumber)));
      const t0 = performance.now();
      const { events } = await syncToHead({
        prisma,
        client: publicClient,
        chainId: 31337,
        addresses,
        startBlock,
        batchSize: 2_000,
      });
      const catchUpS = (performance.now() - t0) / 1000;
      const tracks = await prisma.track.count();
      if (tracks !== TRACKS) throw new Error(`indexed ${tracks} tracks, expected ${TRACKS}`);

      // Metadata as the resolver would fill it, so filters and search have something to match.
      await prisma.$executeRaw`
        UPDATE "Track" SET "title" = 'Bench tune ' || substr("contentDigest", 3, 8),
          "genre" = (ARRAY['folk','jazz','chorale','ambient'])[1 + ("mintedBlock" % 4)::int],
          "musicalKey" = (ARRAY['C major','A minor','G major','E minor'])[1 + (length("contentDigest") + ("mintedBlock" % 3)::int) % 4],
          "bpm" = 60 + ("mintedBlock" % 100)::int, "modelId" = 'bench-model', "metadataAt" = now(), "authorship" = 'verified'`;

      // The production app on this database and chain.
      await ensureAppBuild({ cwd: process.cwd() });
      const port = await freePort();
      const app = await startProcess({
        command: process.execPath,
        args: [nextBinary(process.cwd()), 'start', '--port', String(port), '--hostname', '127.0.0.1'],
        env: {
          ...process.env,
          NODE_ENV: 'production',
          NEXT_TELEMETRY_DISABLED: '1',
          MOTIF_DATA_DIR: path.join(dir, 'data'),
          DATABASE_URL: pg.databaseUrl,
          MOTIF_RPC_URL: anvil.rpcUrl,
          MOTIF_CHAIN_ID: '31337',
        },
        isReady: (line) => /Ready in/i.test(line),
        timeoutMs: 60_000,
      });
      stops.unshift(() => app.stop());
      const base = `http://127.0.0.1:${port}`;
      const queries = [
        '',
        'page=2',
        'page=17',
        'genre=folk',
        'genre=jazz&sort=title',
        'key=A%20minor&bpmMin=80&bpmMax=120',
        'q=tune%20a',
        'sort=oldest&page=5',
        'model=bench-model&page=3',
        'bpmMin=100&sort=title&page=2',
      ];
      let n = 0;
      const galleryUrl = () => `${base}/api/gallery?${queries[n++ % queries.length]}`;
      await load(galleryUrl, 5, 1); // warm both routes
      await load(() => `${base}/api/ping`, 5, 1);
      // Alternating rounds, so neither route is favoured by warm-up or by what else the machine is doing.
      const ping: number[] = [];
      const gallery: number[] = [];
      for (let round = 0; round < 4; round++) {
        ping.push(...(await load(() => `${base}/api/ping`, CLIENTS, LOAD_SECONDS / 4)));
        gallery.push(...(await load(galleryUrl, CLIENTS, LOAD_SECONDS / 4)));
      }
      ping.sort((a, b) => a - b);
      gallery.sort((a, b) => a - b);
      const pingP95 = percentile(ping, 95);
      const galleryP95 = percentile(gallery, 95);

      // First-load JavaScript of the gallery page, compressed bytes as transferred.
      const browser = await launchChromium();
      let firstLoadKb = NaN;
      try {
        const page = await browser.newPage();
        await page.goto(`${base}/gallery`, { waitUntil: 'load' });
        const bytes = await page.evaluate(() =>
          (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
            .filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'))
            .reduce((sum, r) => sum + r.encodedBodySize, 0),
        );
        firstLoadKb = Math.round((bytes / 1024) * 10) / 10;
      } finally {
        await browser.close();
      }

      return [
        {
          name: 'indexer.events_per_s',
          value: Math.round(events / catchUpS),
          unit: 'events/s',
          goal: '>= 2000',
          note: `${events} events (${TRACKS} mints) from anvil into PostgreSQL in ${catchUpS.toFixed(1)} s, batches of 2,000 blocks`,
        },
        {
          name: 'api.gallery.p95_ratio',
          value: Math.round((galleryP95 / pingP95) * 100) / 100,
          unit: 'x',
          goal: '<= 1.5',
          note: `p95 /api/gallery ${galleryP95.toFixed(1)} ms (${gallery.length} requests, ${queries.length} distinct queries) vs /api/ping ${pingP95.toFixed(1)} ms (${ping.length}), ${CLIENTS} clients, 4 alternating rounds of ${LOAD_SECONDS / 4} s per route, ${TRACKS} tracks`,
        },
        {
          name: 'gallery.firstload.kb',
          value: firstLoadKb,
          unit: 'KB',
          goal: '<= 200',
          note: 'JavaScript bytes transferred (compressed) by Chromium loading /gallery',
        },
      ];
    } finally {
      for (const stop of stops) await stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    }
  },
};
