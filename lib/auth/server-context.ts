import { createPublicClient, http, type Address, type Hex } from 'viem';
import { createPrismaClient, type PrismaClient } from '../db/client';
import { publicOrigins } from '../config/env';
import { getServices } from '../platform/services';
import { loadSessionSecret } from './session-secret';
import { readCookie } from './session-cookie';
import { verifySessionToken, type Session } from './session-token';

/** What the auth routes share in one server process: the database, the cookie key, the chain. */
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
  const secret = await loadSessionSecret({ envSecret: process.env.MOTIF_SESSION_SECRET, dataDir: services.layout.dataDir });
  const client = createPublicClient({ transport: http(services.rpcUrl) });
  return {
    prisma: createPrismaClient(services.databaseUrl),
    secret,
    chainId: services.chainId,
    publicOrigins: publicOrigins(services.env),
    // ECDSA for wallets, ERC-1271 / ERC-6492 for contract accounts (viem's verifyMessage through the chain).
    verifySignature: (args) => client.verifyMessage(args),
  };
}

export function getAuthContext(): Promise<AuthContext> {
  const g = globalThis as WithAuth;
  g[globalKey] ??= create().catch((error: unknown) => {
    delete g[globalKey];
    throw error;
  });
  return g[globalKey];
}

/** The signed-in session of a request (from its cookie), or null. */
export function sessionOf(request: Request, secret: Uint8Array, now = Date.now()): Session | null {
  return verifySessionToken(readCookie(request.headers.get('cookie')), secret, now);
}

/** The Host header of a request (for the same-origin check only: sign-in names the configured public origin). */
export function requestHost(request: Request): string {
  return request.headers.get('host') ?? new URL(request.url).host;
}

/** Cookies are Secure on https. */
export function isSecureRequest(request: Request): boolean {
  return (request.headers.get('x-forwarded-proto') ?? new URL(request.url).protocol.replace(':', '')) === 'https';
}

/** Refuses state changes from another origin (defence in depth beside SameSite=Lax): Origin, when sent, must match Host. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return true;
  try {
    return new URL(origin).host === requestHost(request);
  } catch {
    return false;
  }
}
