import 'server-only';
import { createPublicClient, http, type Address, type Hex } from 'viem';
import type { PrismaClient } from '../db/client';
import { publicOrigins } from '../config/env';
import { loadSessionSecret } from '../auth/session-secret';
import { getServices } from './services';

/** What the signed-in routes share in one server process: the database, the cookie key, the chain. */
export type AuthContext = {
  prisma: PrismaClient;
  secret: Uint8Array;
  chainId: number;
  /** Where the app is served from (MOTIF_PUBLIC_URL or the local URL): what a sign-in message must name. */
  publicOrigins: string[];
  verifySignature: (args: { address: Address; message: string; signature: Hex }) => Promise<boolean>;
};

const globalKey = Symbol.for('motif.authContext');
type WithAuth = typeof globalThis & { [globalKey]?: Promise<AuthContext> };

async function create(): Promise<AuthContext> {
  const services = await getServices();
  const secret = await loadSessionSecret({
    envSecret: process.env.MOTIF_SESSION_SECRET,
    dataDir: services.layout.dataDir,
  });
  const client = createPublicClient({ transport: http(services.rpcUrl) });
  return {
    prisma: services.prisma,
    secret,
    chainId: services.chainId,
    publicOrigins: publicOrigins(services.env),
    // ECDSA for wallets, ERC-1271 / ERC-6492 for contract accounts (viem's verifyMessage through the chain).
    verifySignature: (args) => client.verifyMessage(args),
  };
}

/** The auth context of this server process, made once (a failed start is retried by the next request). */
export function getAuthContext(): Promise<AuthContext> {
  const g = globalThis as WithAuth;
  g[globalKey] ??= create().catch((error: unknown) => {
    delete g[globalKey];
    throw error;
  });
  return g[globalKey];
}
