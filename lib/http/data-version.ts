/**
 * "Has anything in PostgreSQL changed?" for the page cache (lib/http/page-cache.ts): the server's current WAL
 * position, which moves on every committed write by any process (the indexer, another web replica, an API route).
 * Read at most once per `intervalMs`, never while a read is under way, and never on the request's path: a request
 * uses the last value read. Until a read succeeds, or once one fails, the version is null and nothing is served
 * from the cache.
 */
import pg from 'pg';

export type DataVersionSource = { current(now: number): string | null; close(): Promise<void> };

export function walDataVersion(databaseUrl: string, intervalMs: number): DataVersionSource {
  let version: string | null = null;
  let readAt = -Infinity;
  let reading = false;
  let client: pg.Client | null = null;

  const connect = async (): Promise<pg.Client> => {
    if (client) return client;
    const c = new pg.Client({ connectionString: databaseUrl, application_name: 'motif page cache', connectionTimeoutMillis: 2000 });
    c.on('error', () => {
      // A lost connection (PostgreSQL restarted): the next read reconnects; until then nothing is cached.
      version = null;
      if (client === c) client = null;
    });
    await c.connect();
    client = c;
    return c;
  };

  const read = async (): Promise<void> => {
    reading = true;
    try {
      const c = await connect();
      const result = await c.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      version = result.rows[0]?.lsn ?? null;
    } catch {
      version = null;
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    } finally {
      reading = false;
    }
  };

  return {
    current(now: number): string | null {
      if (!reading && now - readAt >= intervalMs) {
        readAt = now;
        void read();
      }
      return version;
    },
    async close(): Promise<void> {
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
