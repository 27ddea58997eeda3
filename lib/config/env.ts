import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CHAIN_PRESETS, CHAIN_STACKS, type ChainPreset } from './chains';
import { BaseError } from '../errors/base';

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(1, 'must be 1-65535')
    .max(65535, 'must be 1-65535')
    .default(fallback);

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .superRefine((u, ctx) => {
      if (!URL.canParse(u)) ctx.addIssue({ code: 'custom', message: 'must be a URL' });
      else if (!protocols.includes(new URL(u).protocol.replace(':', '')))
        ctx.addIssue({ code: 'custom', message: `must use ${protocols.join(' or ')}` });
    })
    .optional();

const empty = (v: unknown) => (v === '' ? undefined : v);

/** Kernel and device file systems: nothing Motif writes may go there (MOTIF_DATA_DIR=/proc/motif made start spin). */
const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];

/**
 * Why `dir` cannot hold Motif's data, or null: under a kernel file system, or neither an existing writable folder
 * nor creatable (its nearest existing ancestor is not a writable folder). Only reads the file system.
 */
export function dataDirProblem(dir: string, cwd = process.cwd()): string | null {
  const resolved = path.resolve(cwd, dir);
  const root = SYSTEM_ROOTS.find((r) => resolved === r || resolved.startsWith(r + '/'));
  if (root) return `must not be under ${root} (${resolved} is on a kernel file system)`;
  let existing = resolved;
  for (;;) {
    try {
      const stat = statSync(/* turbopackIgnore: true */ existing);
      if (!stat.isDirectory())
        return existing === resolved ? `${resolved} is not a folder` : `cannot be created: ${existing} is not a folder`;
      break;
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return `cannot be created: no part of ${resolved} exists`;
      existing = parent;
    }
  }
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch {
    return existing === resolved ? `${resolved} is not writable` : `cannot be created: ${existing} is not writable`;
  }
  return null;
}

/** A comma-separated list of multiaddrs, e.g. "/ip4/0.0.0.0/tcp/4001,/ip6/::/tcp/4001". */
const multiaddrList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
  )
  .superRefine((addresses, ctx) => {
    for (const a of addresses)
      if (!/^\/(ip4|ip6|dns|dns4|dns6)\/[^/]+\/tcp\/\d{1,5}(\/|$)/.test(a))
        ctx.addIssue({ code: 'custom', message: `"${a}" is not a TCP multiaddr like /ip4/0.0.0.0/tcp/4001` });
  })
  .optional();

/** Every setting Motif reads from the environment. Absent values mean the embedded local defaults. */

/** A currency's ticker (the native gas token's, a stablecoin's), as a setting. */
const tickerSetting = z.preprocess(
  empty,
  z
    .string()
    .regex(/^[A-Za-z0-9$.-]{1,11}$/, 'must be a ticker of 1-11 letters, digits, $, . or -')
    .optional(),
);

/** A currency's decimals, as a setting. */
const decimalsSetting = z.preprocess(
  empty,
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0-36')
    .max(36, 'must be 0-36')
    .optional(),
);

export const envSchema = z.object({
  MOTIF_DATA_DIR: z
    .string()
    .min(1)
    .default('.motif')
    .superRefine((dir, ctx) => {
      const problem = dataDirProblem(dir);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  MOTIF_APP_PORT: port(3000),
  MOTIF_ANVIL_PORT: port(8545),
  MOTIF_PG_PORT: port(54329),
  DATABASE_URL: z.preprocess(empty, optionalUrl(['postgres', 'postgresql'])),
  MOTIF_CHAIN: z.preprocess(
    empty,
    z
      .enum(Object.keys(CHAIN_PRESETS) as [ChainPreset, ...ChainPreset[]], {
        error: `must be one of ${Object.keys(CHAIN_PRESETS).join(', ')}`,
      })
      .optional(),
  ),
  MOTIF_RPC_URL: z.preprocess(empty, optionalUrl(['http', 'https'])),
  MOTIF_CHAIN_ID: z.preprocess(
    empty,
    z.coerce.number({ error: 'must be a number' }).int().positive('must be a positive chain id').optional(),
  ),
  // The local or custom chain's gas token (a preset brings its own): how every amount is shown.
  MOTIF_NATIVE_SYMBOL: tickerSetting,
  MOTIF_NATIVE_DECIMALS: decimalsSetting,
  // The custom chain's (or a preset's) ERC-20 stablecoin prices may be set in (issue #20); the local chain deploys its
  // own test token. Address, symbol and decimals go together (lib/config/chains.ts: resolveChain).
  MOTIF_STABLECOIN_ADDRESS: z.preprocess(
    empty,
    z
      .string()
      .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a token address: 0x followed by 40 hex digits')
      .refine((a) => !/^0x0{40}$/.test(a), 'must not be the zero address (the native currency needs no setting)')
      .transform((a) => a as `0x${string}`)
      .optional(),
  ),
  MOTIF_STABLECOIN_SYMBOL: tickerSetting,
  MOTIF_STABLECOIN_DECIMALS: decimalsSetting,
  // How the chain charges its parent chain's data fee (presets: from the preset): orbit, op-stack or none.
  MOTIF_CHAIN_STACK: z.preprocess(
    empty,
    z.enum(CHAIN_STACKS, { error: `must be one of ${CHAIN_STACKS.join(', ')}` }).optional(),
  ),
  DEPLOYER_PRIVATE_KEY: z.preprocess(
    empty,
    z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x followed by 64 hex digits')
      .transform((k) => k as `0x${string}`)
      .optional(),
  ),
  KUBO_RPC_URL: z.preprocess(empty, optionalUrl(['http', 'https'])),
  PINNING_SERVICE_URL: z.preprocess(empty, optionalUrl(['http', 'https'])),
  PINNING_SERVICE_TOKEN: z.preprocess(empty, z.string().min(8, 'looks too short for an access token').optional()),
  IPFS_LISTEN: z.preprocess(empty, multiaddrList),
  IPFS_ANNOUNCE: z.preprocess(empty, multiaddrList),
  // The origin people use to reach the app (behind a proxy: its https URL). Sign-in messages must name it.
  MOTIF_PUBLIC_URL: z.preprocess(
    empty,
    optionalUrl(['http', 'https']).refine(
      (u) => u === undefined || !URL.canParse(u) || new URL(u).pathname === '/',
      'must be an origin like https://motif.example, without a path',
    ),
  ),
  MOTIF_SESSION_SECRET: z.preprocess(empty, z.string().min(32, 'must be at least 32 characters').optional()),
  // C2PA signing (lib/platform/c2pa-credentials.ts): PEM text or a file path; unset: a local root CA in the data folder.
  MOTIF_C2PA_SIGNING_KEY: z.preprocess(empty, z.string().optional()),
  MOTIF_C2PA_CERT_CHAIN: z.preprocess(empty, z.string().optional()),
  MOTIF_C2PA_TRUST_ANCHORS: z.preprocess(empty, z.string().optional()),
  // Public pages answered from a copy of the last render until the database changes (lib/http/server-hooks.ts).
  MOTIF_PAGE_CACHE: z.preprocess(empty, z.enum(['on', 'off'], { error: 'must be on or off' }).optional()),
  // The demo catalogue `npm start` seeds on a fresh local install (lib/demo); off skips it. Default on.
  MOTIF_DEMO: z.preprocess(empty, z.enum(['on', 'off'], { error: 'must be on or off' }).optional()),
  NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID: z.preprocess(
    empty,
    z
      .string()
      .regex(/^[0-9a-f]{32}$/, 'must be the 32-hex-digit project id from WalletConnect Cloud')
      .optional(),
  ),
});

/** Rules between variables, checked on the raw values so they are reported beside per-variable problems. */
function crossFieldProblems(source: Record<string, string | undefined>): string[] {
  const has = (k: string) => (source[k] ?? '') !== '';
  const problems: string[] = [];
  if (has('PINNING_SERVICE_URL') && !has('PINNING_SERVICE_TOKEN'))
    problems.push('PINNING_SERVICE_TOKEN is required when PINNING_SERVICE_URL is set');
  if (has('PINNING_SERVICE_TOKEN') && !has('PINNING_SERVICE_URL'))
    problems.push('PINNING_SERVICE_URL is required when PINNING_SERVICE_TOKEN is set');
  const preset = source.MOTIF_CHAIN ?? '';
  if (has('MOTIF_RPC_URL') && !has('MOTIF_CHAIN_ID') && (preset === '' || preset === 'local'))
    problems.push('MOTIF_CHAIN_ID is required with MOTIF_RPC_URL unless MOTIF_CHAIN names a preset');
  if (has('MOTIF_CHAIN_ID') && !has('MOTIF_RPC_URL'))
    problems.push('MOTIF_RPC_URL is required when MOTIF_CHAIN_ID is set');
  if ((has('MOTIF_NATIVE_SYMBOL') || has('MOTIF_NATIVE_DECIMALS')) && preset !== '' && preset !== 'local')
    problems.push(
      `MOTIF_NATIVE_SYMBOL and MOTIF_NATIVE_DECIMALS are for the local or a custom chain: the ${preset} preset defines its currency`,
    );
  const coinParts = ['MOTIF_STABLECOIN_ADDRESS', 'MOTIF_STABLECOIN_SYMBOL', 'MOTIF_STABLECOIN_DECIMALS'];
  const coinSet = coinParts.filter(has);
  if (coinSet.length > 0 && coinSet.length < coinParts.length)
    problems.push(
      `${coinParts.filter((k) => !has(k)).join(' and ')} ${coinParts.length - coinSet.length > 1 ? 'are' : 'is'} required when ${coinSet.join(' or ')} ${coinSet.length > 1 ? 'are' : 'is'} set`,
    );
  if (coinSet.length > 0 && !has('MOTIF_RPC_URL') && (preset === '' || preset === 'local'))
    problems.push(
      'MOTIF_STABLECOIN_ADDRESS is for a custom chain or a preset: the local chain deploys its own test token (tUSD)',
    );
  if (has('MOTIF_C2PA_SIGNING_KEY') !== has('MOTIF_C2PA_CERT_CHAIN'))
    problems.push('MOTIF_C2PA_SIGNING_KEY and MOTIF_C2PA_CERT_CHAIN must be set together');
  return problems;
}

export type Env = z.infer<typeof envSchema>;

/** Invalid configuration: one line per wrong variable. */
export class ConfigError extends BaseError {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for each variable.`);
  }
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.') || '(environment)'} ${i.message}`)),
    ...crossFieldProblems(source),
  ];
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}

/** Where each component lives, resolved from the environment. */
export type Layout = {
  dataDir: string;
  postgresDir: string;
  ipfsDir: string;
  chainStatePath: string;
  deploymentsDir: string;
  logsDir: string;
};

export function resolveLayout(env: Pick<Env, 'MOTIF_DATA_DIR'>, cwd = process.cwd()): Layout {
  const dataDir = path.resolve(cwd, env.MOTIF_DATA_DIR);
  return {
    dataDir,
    postgresDir: path.join(dataDir, 'postgres'),
    ipfsDir: path.join(dataDir, 'ipfs'),
    chainStatePath: path.join(dataDir, 'chain', 'anvil-state.json'),
    deploymentsDir: path.join(dataDir, 'deployments'),
    logsDir: path.join(dataDir, 'logs'),
  };
}

/**
 * The origins the app is served from, for checks that must not trust request headers (SIWE domain and URI):
 * MOTIF_PUBLIC_URL when set, else the local server under both names a browser on this machine may use.
 */
export function publicOrigins(env: Pick<Env, 'MOTIF_PUBLIC_URL' | 'MOTIF_APP_PORT'>): string[] {
  if (env.MOTIF_PUBLIC_URL) return [new URL(env.MOTIF_PUBLIC_URL).origin];
  return [`http://localhost:${env.MOTIF_APP_PORT}`, `http://127.0.0.1:${env.MOTIF_APP_PORT}`];
}

/** True when the chain is the embedded anvil (no preset other than local, no custom RPC). */
export function usesLocalChain(env: Env): boolean {
  return (env.MOTIF_CHAIN ?? 'local') === 'local' && !env.MOTIF_RPC_URL;
}
