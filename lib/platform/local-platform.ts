import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createPublicClient, createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startAnvil, type Anvil } from '../chain/anvil';
import { localDevAccounts } from '../chain/dev-accounts';
import { resolveChain } from '../config/chains';
import { publicOrigins, resolveLayout, usesLocalChain, type Env } from '../config/env';
import { deployContracts } from '../contracts/deploy';
import { readDeployment } from '../contracts/deployment';
import { toMotifAddresses } from '../chain/contracts';
import { runIndexer } from '../indexer/indexer';
import { resolvePendingMetadata } from '../indexer/resolve-metadata';
import { createPrismaClient } from '../db/client';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../db/embedded-postgres';
import { applyMigrations, migrationStatus } from '../db/migrate';
import { createIpfsStorage } from '../ipfs/create-storage';
import { pinShippedWeights, type PinnedWeights } from '../generation/models/pin-shipped-weights';
import { HeliaStorage } from '../ipfs/helia-storage';
import { readAll } from '../ipfs/storage';
import { ensureAppBuild, nextBinary } from './app-build';
import { startProcess, type ManagedProcess } from '../process/child-process';
import { runIndexerLeaderOrStandby } from './indexer-leader';
import { assertPortFree } from '../config/ports';
import { planFor, type Role } from './roles';
import { seedLocalDemo } from './seed';
import { c2paCredentials } from './c2pa-credentials';
import { demoDevAccounts, seedDemoCatalogue, seedDemoChain, type DemoChainResult } from '../demo/seed-demo';
import { demoSummary } from '../demo/summary';
import { indexerStateNotice, lostTransactionsNotice, quarantineNotice, supervisorNotice } from './notices';
import { anvilChild, loopChild, postgresChild, processChild } from './supervised-children';
import { supervise, type Supervised } from './supervisor';
import { BaseError } from '../errors/base';

export type Component = 'config' | 'chain' | 'contracts' | 'database' | 'ipfs' | 'seed' | 'indexer' | 'demo' | 'app';

export type PlatformOptions = {
  env: Env;
  cwd?: string;
  /** One call per component as it becomes ready. */
  onReady?: (component: Component, detail: string) => void;
  /** Progress and child-process output, for a log. */
  onLog?: (component: Component, line: string) => void;
  /** What the person running it must see (a child restarted, an outage, lost transactions, a damaged pack); also logged. Printed to stderr when not given. */
  onNotice?: (component: Component, line: string) => void;
  /** Skip the web app (tests and benches that only need the back end). */
  withApp?: boolean;
  /** Which parts run in this process (lib/platform/roles.ts); `all`, the default, is the whole platform. */
  role?: Role;
  /** Aborting it (Ctrl-C during start-up) stops what has started so far; the app build and start and the indexer's catch-up end at once, other steps at their ready line. */
  signal?: AbortSignal;
};

export type RunningPlatform = {
  url: string | null;
  rpcUrl: string;
  chainId: number;
  databaseUrl: string;
  deploymentPath: string;
  stop(): Promise<void>;
};

/** The chain state file exists but cannot be loaded. Never deleted automatically. */
export class DamagedChainStateError extends BaseError {
  override name = 'DamagedChainStateError';
  constructor(
    readonly statePath: string,
    reason: string,
  ) {
    super(
      `The chain state file ${statePath} looks damaged (${reason}). Nothing was deleted. Move it aside to start a fresh chain (the deployment will be redone).`,
    );
  }
}

function checkChainState(statePath: string): void {
  if (!existsSync(statePath)) return;
  try {
    const parsed: unknown = JSON.parse(readFileSync(statePath, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not a JSON object');
  } catch (error) {
    throw new DamagedChainStateError(statePath, error instanceof Error ? error.message : String(error));
  }
}

/**
 * Brings up the whole platform on this machine: anvil with its state on disk, the contracts (compiled when sources
 * changed, deployed once), PostgreSQL with migrations, the Helia repository, the demo seed, and the production app.
 * Everything it starts is stopped by `stop()`, in reverse order; data stays on disk.
 */
export async function startLocalPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const { env } = options;
  const cwd = options.cwd ?? process.cwd();
  const layout = resolveLayout(env, cwd);
  const announce = options.onReady ?? (() => {});
  // A component's ready line is where an interrupted start stops: nothing after it begins.
  const ready = (component: Component, detail: string) => {
    announce(component, detail);
    options.signal?.throwIfAborted();
  };
  const log = options.onLog ?? (() => {});
  const notify =
    options.onNotice ?? ((component: Component, line: string) => console.warn(`⚠ ${component.padEnd(9)} ${line}`));
  const notice = (component: Component, line: string) => {
    log(component, line);
    notify(component, line);
  };
  // Each child npm start runs is restarted when it dies, and the restart is said (lib/platform/supervisor.ts).
  const keepAlive = (component: Component, first: Supervised, restart: () => Promise<Supervised>) => {
    const supervision = supervise(first, {
      name: component,
      restart,
      onEvent: (e) => notice(component, supervisorNotice(e)),
    });
    stops.push(() => supervision.stop());
  };
  const plan = planFor(options.role ?? 'all');
  const withApp = plan.app && options.withApp !== false;
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    stops.length = 0;
  };

  try {
    // Every port first, so a busy one stops the start before anything runs.
    if (plan.localServices && usesLocalChain(env)) await assertPortFree(env.MOTIF_ANVIL_PORT, 'MOTIF_ANVIL_PORT');
    if (plan.localServices && !env.DATABASE_URL) await assertPortFree(env.MOTIF_PG_PORT, 'MOTIF_PG_PORT');
    if (withApp) await assertPortFree(env.MOTIF_APP_PORT, 'MOTIF_APP_PORT');
    await mkdir(layout.dataDir, { recursive: true });

    // 1. Chain
    let anvil: Anvil | null = null;
    const { chain, rpcUrl: configuredRpc } = resolveChain(env);
    let rpcUrl = configuredRpc;
    if (plan.localServices && usesLocalChain(env)) {
      checkChainState(layout.chainStatePath);
      await mkdir(path.dirname(layout.chainStatePath), { recursive: true });
      const startChain = () =>
        startAnvil({ port: env.MOTIF_ANVIL_PORT, statePath: layout.chainStatePath, onLine: (l) => log('chain', l) });
      anvil = await startChain();
      keepAlive('chain', anvilChild(anvil), async () => {
        checkChainState(layout.chainStatePath);
        return anvilChild(await startChain());
      });
      rpcUrl = anvil.rpcUrl;
    }
    const publicClient = createPublicClient({ chain, transport: http(rpcUrl) });
    const block = await publicClient.getBlockNumber();
    ready('chain', `${anvil ? 'anvil' : chain.name} at ${rpcUrl} (chain ${chain.id}, block ${block})`);

    // 2. Contracts
    const deploymentPath = path.join(layout.deploymentsDir, `${chain.id}.json`);
    const deployerKey = anvil ? localDevAccounts(1)[0]!.privateKey : env.DEPLOYER_PRIVATE_KEY;
    if (deployerKey) {
      const walletClient = createWalletClient({
        chain,
        transport: http(rpcUrl),
        account: privateKeyToAccount(deployerKey),
      });
      const { deployment, reused } = await deployContracts({ publicClient, walletClient, deploymentPath });
      ready(
        'contracts',
        `${reused ? 'found' : 'deployed'} ${Object.keys(deployment.contracts).join(', ')} (${path.relative(cwd, deploymentPath)})`,
      );
    } else if (existsSync(deploymentPath)) {
      ready(
        'contracts',
        `using the recorded deployment ${path.relative(cwd, deploymentPath)} (no DEPLOYER_PRIVATE_KEY)`,
      );
    } else {
      throw new Error(
        `No deployment for chain ${chain.id} at ${deploymentPath}, and no DEPLOYER_PRIVATE_KEY to make one.`,
      );
    }

    // 3. Database
    let databaseUrl = env.DATABASE_URL;
    let pg: EmbeddedPostgresServer | null = null;
    if (!databaseUrl) {
      if (!plan.localServices)
        throw new Error('DATABASE_URL is required: this role shares its PostgreSQL with the other Motif processes');
      const startDatabase = () =>
        startEmbeddedPostgres({
          dataDir: layout.postgresDir,
          port: env.MOTIF_PG_PORT,
          onLog: (l) => log('database', l),
        });
      pg = await startDatabase();
      keepAlive('database', postgresChild(pg), async () => postgresChild(await startDatabase()));
      databaseUrl = pg.databaseUrl;
    }
    const before = await migrationStatus(databaseUrl);
    // Web replicas never migrate (several starting at once would race): the indexer role or `npm start` does.
    if (!plan.migrate && before.pending.length > 0)
      throw new Error(
        `The database lacks migrations ${before.pending.join(', ')}: start the indexer role first, it applies them`,
      );
    const applied = before.pending.length > 0 ? (await applyMigrations(databaseUrl)).applied : [];
    ready(
      'database',
      `${pg ? `embedded PostgreSQL on 127.0.0.1:${pg.port}${pg.created ? ' (new)' : ''}` : 'PostgreSQL at DATABASE_URL'}, ${before.applied.length + applied.length} migrations${applied.length ? ` (${applied.length} applied now)` : ''}`,
    );

    // 4. IPFS: the app owns the node while it runs; here the backend is opened, round-tripped and closed.
    // The readiness probe pins through the configured backend; with a pinning service the provider fetches it from here.
    const storage = await createIpfsStorage({ env, ipfsDir: layout.ipfsDir, serve: true });
    // Damaged packs were moved aside on open (and stay listed until the user moves them away): say what was lost.
    const quarantined = storage instanceof HeliaStorage ? storage.quarantined() : [];
    for (const pack of quarantined) notice('ipfs', quarantineNotice(pack));
    let weights: PinnedWeights[];
    try {
      const probe = new TextEncoder().encode('motif start probe');
      const cid = await storage.addBytes(probe);
      const back = await readAll(storage.cat(cid));
      if (back.length !== probe.length) throw new Error('IPFS read-back differs from what was added');
      // The shipped checkpoints, under the CIDs generation manifests record: /ipfs/<weightsCid>/config.json etc.
      weights = await pinShippedWeights(storage, { publicDir: path.join(cwd, 'public'), signal: options.signal });
    } finally {
      await storage.close();
    }
    const newlyPinned = weights.filter((w) => !w.alreadyPinned).length;
    const weightsNote = `; ${weights.length} shipped model weights pinned by CID${newlyPinned > 0 ? ` (${newlyPinned} now)` : ''}`;
    const lostPacks =
      quarantined.length > 0
        ? `; ${quarantined.length} damaged pack${quarantined.length === 1 ? '' : 's'} quarantined (see /api/health)`
        : '';
    ready(
      'ipfs',
      `${storage.backend === 'helia' ? `embedded Helia repository ${path.relative(cwd, layout.ipfsDir)} (no networking)` : `${storage.backend} backend (add + read back OK)`}${weightsNote}${lostPacks}`,
    );

    // This process's one database client (the seed and the indexer share it; the web app is another process).
    const prisma = createPrismaClient(databaseUrl, (e) => log('indexer', `database connection closed: ${e.message}`));
    stops.push(() => prisma.$disconnect());

    // 5. Demo seed (local chain only): funded dev accounts, then the demo catalogue's chain part (lib/demo), unless
    // MOTIF_DEMO=off; its label and profiles follow once the indexer has the tracks (the `demo` line, after step 6).
    let demoChain: DemoChainResult | null = null;
    const demoAccounts = demoDevAccounts();
    if (anvil) {
      const seed = await seedLocalDemo({
        rpcUrl,
        prisma,
        dataDir: layout.dataDir,
        nativeCurrency: chain.nativeCurrency,
      });
      const demoOn = env.MOTIF_DEMO !== 'off' && plan.indexer === 'inline';
      if (demoOn) {
        const deployment = readDeployment(deploymentPath);
        const demoStorage = await createIpfsStorage({ env, ipfsDir: layout.ipfsDir });
        try {
          demoChain = await seedDemoChain({
            chain,
            rpcUrl,
            publicClient,
            contracts: {
              collection: deployment.contracts.TrackCollection.address,
              market: deployment.contracts.Market.address,
              splitMain: deployment.contracts.SplitMain.address,
            },
            fromBlock: BigInt(Math.min(...Object.values(deployment.contracts).map((c) => c.blockNumber))),
            accounts: demoAccounts,
            storage: demoStorage,
            c2pa: await c2paCredentials({ env, dataDir: layout.dataDir }),
            publicDir: path.join(cwd, 'public'),
            siteOrigin: publicOrigins(env)[0] ?? 'http://localhost:3000',
            signal: options.signal,
            onLog: (line) => log('demo', line),
          });
        } finally {
          await demoStorage.close();
        }
      }
      ready(
        'seed',
        `${seed.accounts} local-only dev accounts funded${seed.toppedUp ? ` (${seed.toppedUp} topped up)` : ''}; keys in ${path.relative(cwd, seed.accountsFile)}${demoOn ? '' : '; demo catalogue off (MOTIF_DEMO=off)'}`,
      );
    }

    // 6. Indexer: backfill, then follow the chain in this process until stop (as the leader, or standing by).
    if (plan.indexer) {
      const deployment = readDeployment(deploymentPath);
      const addresses = toMotifAddresses(
        Object.fromEntries(Object.entries(deployment.contracts).map(([k, v]) => [k, v.address])),
      );
      if (!addresses) throw new Error(`The deployment ${deploymentPath} lacks a Motif contract`);
      // Reads metadata.json of new tracks; blocks are immutable files, so sharing the repository with the app is safe.
      const metadataStorage = await createIpfsStorage({ env, ipfsDir: layout.ipfsDir });
      const abort = new AbortController();
      let retried = false;
      let resolveCaughtUp: (block: bigint | 'standby') => void = () => {};
      let rejectCaughtUp: (error: unknown) => void = () => {};
      const caughtUp = new Promise<bigint | 'standby'>((resolve, reject) => {
        resolveCaughtUp = resolve;
        rejectCaughtUp = reject;
      });
      const indexerParams: Parameters<typeof runIndexer>[0] = {
        prisma,
        client: publicClient,
        chainId: chain.id,
        addresses,
        startBlock: BigInt(Math.min(...Object.values(deployment.contracts).map((c) => c.blockNumber))),
        databaseUrl,
        pollMs: anvil ? 500 : 2_000,
        confirmations: anvil ? 64 : 128,
        signal: abort.signal,
        onSync: (r) => {
          if (r.events > 0 || r.rolledBackTo !== null)
            log(
              'indexer',
              `blocks ${r.fromBlock}-${r.toBlock}: ${r.events} events${r.rolledBackTo !== null ? `, reorg rolled back to ${r.rolledBackTo}` : ''}`,
            );
          for (const line of lostTransactionsNotice(r.lost)) notice('indexer', line);
          if (r.caughtUp) resolveCaughtUp(r.toBlock);
        },
        onError: (error, retryInMs) =>
          log(
            'indexer',
            `error (retrying in ${retryInMs} ms): ${error instanceof Error ? error.message : String(error)}`,
          ),
        onState: (change) => {
          if (change.state === 'retrying' || retried) notice('indexer', indexerStateNotice(change)); // not the first "running"
          retried = change.state === 'retrying';
        },
        whenCaughtUp: async () => {
          const r = await resolvePendingMetadata({
            prisma,
            chainId: chain.id,
            collection: addresses.TrackCollection,
            storage: metadataStorage,
            signal: abort.signal,
          });
          if (r.resolved || r.failed) log('indexer', `metadata: ${r.resolved} resolved, ${r.failed} not yet`);
        },
      };
      // Each run gets its own signal: the supervisor stops one run and starts the next; `abort` ends them all.
      const run = (signal: AbortSignal) =>
        (plan.indexer === 'standby'
          ? runIndexerLeaderOrStandby({
              ...indexerParams,
              signal,
              onStandby: () => {
                log('indexer', 'standing by: another indexer holds the lock; taking over when it is released');
                resolveCaughtUp('standby');
              },
              onLead: () => log('indexer', 'leading: took the indexer lock'),
            })
          : runIndexer({ ...indexerParams, signal })
        ).catch((error: unknown) => {
          rejectCaughtUp(error); // a start whose first run fails stops with that error
          log('indexer', `stopped: ${error instanceof Error ? error.message : String(error)}`);
          throw error;
        });
      stops.push(async () => {
        abort.abort();
        await metadataStorage.close();
      });
      keepAlive('indexer', loopChild('the indexer loop', run), async () => loopChild('the indexer loop', run));
      // Ctrl-C while catching up: the chain may already be gone, so stop waiting for a catch-up that cannot come.
      const onInterrupt = () => rejectCaughtUp(options.signal?.reason);
      options.signal?.addEventListener('abort', onInterrupt, { once: true });
      const head = await caughtUp.finally(() => options.signal?.removeEventListener('abort', onInterrupt));
      ready(
        'indexer',
        head === 'standby'
          ? 'standing by: another indexer leads (PostgreSQL advisory lock); this one takes over if it stops'
          : `caught up to block ${head}; following new blocks`,
      );
    }

    // 6b. The demo catalogue's database part: its label and profiles, now that the indexer has its tracks.
    if (demoChain) {
      const catalogue =
        demoChain.kind === 'seeded'
          ? await seedDemoCatalogue(prisma, { chainId: chain.id, accounts: demoAccounts, tokenIds: demoChain.tokenIds })
          : null;
      ready('demo', demoSummary(demoChain, catalogue));
    }

    // 7. Web app
    let url: string | null = null;
    if (withApp) {
      await assertPortFree(env.MOTIF_APP_PORT, 'MOTIF_APP_PORT');
      const build = await ensureAppBuild({ cwd, onLine: (l) => log('app', l), signal: options.signal });
      if (build.built) log('app', `built in ${(build.ms / 1000).toFixed(1)} s`);
      const startApp = (signal?: AbortSignal): Promise<ManagedProcess> =>
        startProcess({
          command: process.execPath,
          args: [nextBinary(cwd), 'start', '--port', String(env.MOTIF_APP_PORT), '--hostname', '127.0.0.1'],
          cwd,
          env: {
            ...process.env,
            NODE_ENV: 'production',
            NEXT_TELEMETRY_DISABLED: '1',
            MOTIF_DATA_DIR: layout.dataDir,
            DATABASE_URL: databaseUrl,
            MOTIF_RPC_URL: rpcUrl,
            MOTIF_CHAIN_ID: String(chain.id),
          },
          isReady: (line) => /Ready in|started server on/i.test(line),
          onLine: (l) => log('app', l),
          timeoutMs: 60_000,
          signal,
        });
      const app = await startApp(options.signal);
      keepAlive('app', processChild('the web app', app), async () => processChild('the web app', await startApp()));
      url = `http://localhost:${env.MOTIF_APP_PORT}`;
      const health = await fetch(`http://127.0.0.1:${env.MOTIF_APP_PORT}/api/health`);
      const body = (await health.json()) as {
        ok: boolean;
        components: Record<string, { ok: boolean; detail: string }>;
      };
      const failing = Object.entries(body.components)
        .filter(([, c]) => !c.ok)
        .map(([n, c]) => `${n}: ${c.detail}`);
      ready(
        'app',
        failing.length === 0
          ? `Next.js production server, health all green`
          : `Next.js production server, health FAILING (${failing.join('; ')})`,
      );
    }

    return { url, rpcUrl, chainId: chain.id, databaseUrl, deploymentPath, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
