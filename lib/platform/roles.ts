/**
 * What `npm start` runs in this process (`--role` or MOTIF_ROLE):
 * - `all` (default): the whole platform on this machine, as before (anvil, PostgreSQL, IPFS, indexer, web app);
 * - `web`: one stateless web replica; any number run behind a load balancer;
 * - `indexer`: the chain indexer; several may run, one leads (PostgreSQL advisory lock), the others stand by.
 * `web` and `indexer` start nothing local: they share a PostgreSQL (DATABASE_URL), an RPC (MOTIF_RPC_URL or a
 * MOTIF_CHAIN preset) and an IPFS backend (KUBO_RPC_URL) with their peers, and web replicas share the session key.
 */
import { z } from 'zod';
import { usesLocalChain, type Env } from '../config/env';
import { BaseError } from '../errors/base';

export const ROLES = ['all', 'web', 'indexer'] as const;
export type Role = (typeof ROLES)[number];

export class RoleError extends BaseError {
  override name = 'RoleError';
}

const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

/** The role from `--role <r>` / `--role=<r>` in argv, else MOTIF_ROLE, else `all`. */
export function parseRole(argv: readonly string[], envRole: string | undefined): Role {
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--role') {
      raw = argv[i + 1];
      if (raw === undefined || raw.startsWith('-')) throw new RoleError(`--role needs a value (${ROLES.join(', ')})`);
      i++;
    } else if (arg.startsWith('--role=')) {
      raw = arg.slice('--role='.length);
    } else {
      throw new RoleError(`Unknown argument ${JSON.stringify(arg)}: npm start takes --role ${ROLES.join('|')}`);
    }
  }
  raw ??= envRole === undefined || envRole === '' ? 'all' : envRole;
  const parsed = roleSchema.safeParse(raw);
  if (!parsed.success)
    throw new RoleError(`Role ${JSON.stringify(raw)} ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
  return parsed.data;
}

/** Which parts of the platform a role runs. */
export type RolePlan = {
  /** Local anvil and embedded PostgreSQL when not configured, and the demo seed (`all` only). */
  localServices: boolean;
  /** Applies pending migrations (web replicas only check that none is pending). */
  migrate: boolean;
  /** `inline`: must take the indexer lock (as `npm start` always did); `standby`: waits for it while another leads. */
  indexer: 'inline' | 'standby' | null;
  app: boolean;
};

export function planFor(role: Role): RolePlan {
  switch (role) {
    case 'all':
      return { localServices: true, migrate: true, indexer: 'inline', app: true };
    case 'web':
      return { localServices: false, migrate: false, indexer: null, app: true };
    case 'indexer':
      return { localServices: false, migrate: true, indexer: 'standby', app: false };
  }
}

/** What a scale-out role lacks in `env` to share its state with its peers (empty when nothing; always for `all`). */
export function roleProblems(role: Role, env: Env): string[] {
  if (role === 'all') return [];
  const problems: string[] = [];
  if (!env.DATABASE_URL) problems.push('DATABASE_URL (the PostgreSQL every replica and indexer shares)');
  if (usesLocalChain(env))
    problems.push('MOTIF_RPC_URL with MOTIF_CHAIN_ID, or a MOTIF_CHAIN preset (the RPC every process reads)');
  if (!env.KUBO_RPC_URL) problems.push('KUBO_RPC_URL (the IPFS node every replica pins to and serves from)');
  if (role === 'web' && !env.MOTIF_SESSION_SECRET)
    problems.push('MOTIF_SESSION_SECRET (the same on every web replica, so a session made on one is valid on all)');
  return problems;
}

/** roleProblems as one error, or nothing. */
export function assertRoleConfigured(role: Role, env: Env): void {
  const problems = roleProblems(role, env);
  if (problems.length > 0)
    throw new RoleError(
      `The ${role} role runs beside other Motif processes and needs:\n  - ${problems.join('\n  - ')}`,
    );
}
