/**
 * "Has anything in PostgreSQL changed?" for the page cache (lib/http/page-cache.ts): the server's current WAL
 * position, which moves on every committed write by any process (the indexer, another web replica, an API route).
 *
 * `fresh()` answers with a position read after the call began, so a copy is never served across a write that
 * committed before the request arrived: what a visitor just did (and waited for) always shows. Requests that
 * arrive together share one read (one query per round trip, however many clients). A failed read answers null,
 * and nothing is served from the cache until one succeeds.
 */
import pg from 'pg';

export type DataVersionSource = { fresh(): Promise<string | null>; close(): Promise<void> };

export function walDataVersion(databaseUrl: string): DataVersionSource {
  let client: pg.Client | null = null;
  let inFlight: Promise<string | null> | null = null;
  let next: Promise<string | null> | null = null;

  const connect = async (): Promise<pg.Client> => {
    if (client) return client;
    const c = new pg.Client({
      connectionString: databaseUrl,
      application_name: 'motif page cache',
      connectionTimeoutMillis: 2000,
      query_timeout: 2000,
    });
    c.on('error', () => {
      // A lost connection (PostgreSQL restarted): the next read reconnects.
      if (client === c) client = null;
    });
    await c.connect();
    client = c;
    return c;
  };

  const read = async (): Promise<string | null> => {
    try {
      const result = await (await connect()).query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      return result.rows[0]?.lsn ?? null;
    } catch {
      const c = client;
      client = null;
      await c?.end().catch(() => {});
      return null;
    }
  };

  const fresh = (): Promise<string | null> => {
    if (!inFlight) {
      inFlight = read().finally(() => (inFlight = null));
      return inFlight;
    }
    // The read under way may have begun before this call: wait for the one after it, shared by every such caller.
    next ??= inFlight.then(() => {
      next = null;
      return fresh();
    });
    return next;
  };

  return {
    fresh,
    async close(): Promise<void> {
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
