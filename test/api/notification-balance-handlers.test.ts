import { getAddress, toHex } from 'viem';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBalanceSplitsHandler } from '../../app/api/balance/splits/handler';
import { createNotificationHandlers } from '../../app/api/notifications/handler';
import { SESSION_COOKIE } from '../../lib/auth/session-cookie';
import { signSessionToken } from '../../lib/auth/session-token';
import { createPrismaClient } from '../../lib/db/client';
import type { JsonValue } from '../../lib/indexer/decode-logs';
import { storedEventArgs } from '../support/event-args';

// The notification and balance routes' handlers against the real PostgreSQL: sessions, input checks and answers.
const prisma = createPrismaClient(inject('databaseUrl'));
const CHAIN = 990_603; // a chain id of its own: other test files share the database
const ORIGIN = 'http://localhost:3000';
const secret = new Uint8Array(32).fill(7);
const ME = getAddress('0x00000000000000000000000000000000000000a1');
const OTHER = getAddress('0x00000000000000000000000000000000000000b2');
const SPLIT = getAddress('0x00000000000000000000000000000000000000c3');
const notifications = createNotificationHandlers(async () => ({
  prisma,
  secret,
  chainId: CHAIN,
  currency: { symbol: 'DEGEN', decimals: 18 },
}));
const splits = createBalanceSplitsHandler(async () => ({ prisma, chainId: CHAIN }));
const now = Date.now();
const cookie = `${SESSION_COOKIE}=${signSessionToken({ address: ME, chainId: CHAIN, issuedAt: now, expiresAt: now + 60_000 }, secret)}`;
const req = (path: string, init: { method?: string; body?: string; cookie?: string; origin?: string } = {}) =>
  new Request(`${ORIGIN}${path}`, {
    method: init.method ?? 'GET',
    body: init.body,
    headers: {
      'content-type': 'application/json',
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.origin ? { origin: init.origin } : {}),
    },
  });

beforeAll(async () => {
  await prisma.chainEvent.deleteMany({ where: { chainId: CHAIN } });
  await prisma.notificationRead.deleteMany({ where: { chainId: CHAIN } });
  await prisma.chainEvent.createMany({
    data: [
      ['SplitCreated', { split: SPLIT, accounts: [ME, OTHER], shares: [500000, 500000] }],
      ['Distributed', { split: SPLIT, accounts: [ME, OTHER], credits: ['2000000000000000000', '1'] }],
    ].map(([name, args], i) => ({
      chainId: CHAIN,
      txHash: toHex(BigInt(i + 1), { size: 32 }),
      logIndex: 0,
      blockNumber: BigInt(i + 1),
      blockHash: toHex(BigInt(i + 1), { size: 32 }),
      contract: 'SplitMain',
      name: String(name),
      args: storedEventArgs('SplitMain', String(name), args as Record<string, JsonValue>),
    })),
  });
});
afterAll(async () => {
  await prisma.chainEvent.deleteMany({ where: { chainId: CHAIN } });
  await prisma.notificationRead.deleteMany({ where: { chainId: CHAIN } });
  await prisma.$disconnect();
});

describe('notification routes', () => {
  it('answer 401 signed out, 403 cross-origin, 400 for a bad mark', async () => {
    expect((await notifications.get(req('/api/notifications'))).status).toBe(401);
    const mark = (body: string, origin?: string, withCookie = true) =>
      notifications.markRead(
        req('/api/notifications/read', { method: 'POST', body, origin, ...(withCookie ? { cookie } : {}) }),
      );
    expect((await mark('{"blockNumber":"1","logIndex":0}', undefined, false)).status).toBe(401);
    expect((await mark('{"blockNumber":"1","logIndex":0}', 'https://evil.example')).status).toBe(403);
    const bad = await mark('{"blockNumber":"-1","logIndex":"x"}');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'Invalid read mark' });
  });

  it('list the account’s notifications in the chain’s currency, and mark them read', async () => {
    const listed = await notifications.get(req('/api/notifications', { cookie }));
    expect(await listed.json()).toMatchObject({
      unread: 1,
      items: [{ kind: 'distribution', text: '2 DEGEN distributed to you by split 0x0000…00C3', unread: true }],
    });
    const marked = await notifications.markRead(
      req('/api/notifications/read', { method: 'POST', body: '{"blockNumber":"2","logIndex":0}', cookie }),
    );
    expect(await marked.json()).toEqual({ unread: 0 });
  });
});

describe('balance splits route', () => {
  it('lists the splits an account receives from; 400 for a malformed account', async () => {
    expect(await (await splits(req(`/api/balance/splits?account=${ME.toLowerCase()}`))).json()).toEqual({
      splits: [{ split: SPLIT, accounts: [ME, OTHER], shares: [500000, 500000] }],
      tokens: [],
    });
    expect((await splits(req('/api/balance/splits?account=nope'))).status).toBe(400);
  });
});
