import { describe, expect, inject, it } from 'vitest';
import { sharedPrismaClient } from './client';

describe('sharedPrismaClient', () => {
  it('lends one client per database to the whole process, and it queries that database', async () => {
    const url = inject('databaseUrl');
    const first = sharedPrismaClient(url);
    expect(sharedPrismaClient(url)).toBe(first);
    const rows = await first.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`;
    expect(rows[0]?.db).toBe(new URL(url).pathname.slice(1));
  });

  it('keeps a separate client for another database (a test against its own server is not handed the app’s)', () => {
    const url = inject('databaseUrl');
    const other = new URL(url);
    other.pathname = '/another_database';
    expect(sharedPrismaClient(other.toString())).not.toBe(sharedPrismaClient(url));
  });
});
