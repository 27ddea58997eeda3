import type pg from 'pg';
import { z } from 'zod';

/**
 * The indexer's state, published where every web replica can read it without a table of its own: the
 * application_name of the PostgreSQL session that holds the indexer's advisory lock. It vanishes with that session,
 * so a dead indexer can never leave a stale "running" behind.
 */
export const INDEXER_STATES = ['running', 'retrying'] as const;
export type IndexerState = (typeof INDEXER_STATES)[number];

/** `since` is when the holder entered its state (null when stopped); `cursorBlock` the last indexed block. */
export type IndexerStatus = { state: IndexerState | 'stopped'; since: Date | null; cursorBlock: bigint | null };

const PREFIX = 'motif-indexer';

/** The advisory lock key of a chain's single indexer ("moti" + chain id). */
export function indexerLockKey(chainId: number): number {
  return 0x6d6f7469 + chainId;
}

/** The session name that says `state` since `since` (seconds; application_name keeps 63 bytes). */
export function statusName(state: IndexerState, since: Date): string {
  return `${PREFIX}:${state}:${Math.floor(since.getTime() / 1000)}`;
}

const nameSchema = z.tuple([z.literal(PREFIX), z.enum(INDEXER_STATES), z.string().regex(/^\d+$/)]);

/** Parses a session name written by statusName; null for any other name. */
export function parseStatusName(name: string): { state: IndexerState; since: Date } | null {
  const parsed = nameSchema.safeParse(name.split(':'));
  return parsed.success ? { state: parsed.data[1], since: new Date(Number(parsed.data[2]) * 1000) } : null;
}

/** Reads the lock holder's state and the indexed cursor; `stopped` when no session holds the lock. */
export async function readIndexerStatus(sql: pg.Client, chainId: number, stream: string): Promise<IndexerStatus> {
  const holder = await sql.query<{ application_name: string }>(
    `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.classid::text::bigint * 4294967296 + l.objid::text::bigint = $1`,
    [indexerLockKey(chainId)],
  );
  const name = holder.rows[0]?.application_name;
  // A holder that never named itself is an indexer from before states were published: it runs.
  const parsed =
    name === undefined
      ? { state: 'stopped' as const, since: null }
      : (parseStatusName(name) ?? { state: 'running' as const, since: null });
  const cursor = await sql.query<{ blockNumber: string }>(
    `SELECT "blockNumber"::text AS "blockNumber" FROM "ChainCursor" WHERE "chainId" = $1 AND "stream" = $2`,
    [chainId, stream],
  );
  const block = cursor.rows[0]?.blockNumber;
  return { ...parsed, cursorBlock: block === undefined ? null : BigInt(block) };
}
