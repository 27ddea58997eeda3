import 'server-only';
import '../config/polyfills';
import path from 'node:path';
import type { Address } from 'viem';
import { resolveChain } from '../config/chains';
import { parseEnv, resolveLayout, type Env, type Layout } from '../config/env';
import { createIpfsStorage } from '../ipfs/create-storage';
import type { IpfsStorage } from '../ipfs/storage';
import { readDeployment } from '../contracts/deployment';
import { sharedPrismaClient, type PrismaClient } from '../db/client';
import { checkHealth, type HealthReport } from '../health/health';

/**
 * The composition root of the app's server process: the handles pages and routes need, created once per process.
 * Only app/ and scripts/ import lib/platform; the modules below it take what they need as parameters. `npm start`
 * passes the embedded components' addresses through the environment (DATABASE_URL, MOTIF_RPC_URL, MOTIF_CHAIN_ID).
 */
export type Services = {
  env: Env;
  layout: Layout;
  rpcUrl: string;
  chainId: number;
  databaseUrl: string;
  /** The process's one database client (lib/db/client.ts): every page, route and cache borrows it. */
  prisma: PrismaClient;
  storage: IpfsStorage;
  deploymentPath: string;
  /** Contract name -> address from the deployment file; empty when none is recorded for this chain. */
  contractAddresses(): Promise<Record<string, Address>>;
};

const globalKey = Symbol.for('motif.services');
type GlobalWithServices = typeof globalThis & { [globalKey]?: Promise<Services> };

export function getServices(): Promise<Services> {
  const g = globalThis as GlobalWithServices;
  g[globalKey] ??= createServices().catch((error: unknown) => {
    delete g[globalKey]; // let the next request retry instead of caching the failure
    throw error;
  });
  return g[globalKey];
}

async function createServices(): Promise<Services> {
  const env = parseEnv();
  const layout = resolveLayout(env);
  const { chain, rpcUrl } = resolveChain(env);
  const databaseUrl = env.DATABASE_URL ?? `postgresql://postgres:postgres@127.0.0.1:${env.MOTIF_PG_PORT}/motif`;
  // The web app pins, so it is the process a pinning service fetches from.
  const storage = await createIpfsStorage({ env, ipfsDir: layout.ipfsDir, serve: true });
  const deploymentPath = path.join(layout.deploymentsDir, `${chain.id}.json`);
  return {
    env,
    layout,
    rpcUrl,
    chainId: chain.id,
    databaseUrl,
    prisma: sharedPrismaClient(databaseUrl),
    storage,
    deploymentPath,
    async contractAddresses() {
      let deployment;
      try {
        deployment = readDeployment(deploymentPath);
      } catch {
        return {}; // no deployment recorded for this chain yet: health reports it
      }
      return Object.fromEntries(Object.entries(deployment.contracts).map(([name, c]) => [name, c.address]));
    },
  };
}

/** The live health of this app's components (for /api/health and the status page). */
export async function servicesHealth(): Promise<HealthReport> {
  const services = await getServices();
  return checkHealth({
    rpcUrl: services.rpcUrl,
    contracts: await services.contractAddresses(),
    databaseUrl: services.databaseUrl,
    storage: services.storage,
    chainId: services.chainId,
  });
}
