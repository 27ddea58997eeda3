import { getAddress } from 'viem';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from '../db/client';
import { markNotificationsRead } from './mark-notifications-read';

const prisma = createPrismaClient(inject('databaseUrl'));
const CHAIN = 990_604; // a chain id of its own: other test files share the database
const ME = getAddress('0x00000000000000000000000000000000000000a1');

beforeAll(() => prisma.notificationRead.deleteMany({ where: { chainId: CHAIN } }));
afterAll(async () => {
  await prisma.notificationRead.deleteMany({ where: { chainId: CHAIN } });
  await prisma.$disconnect();
});

describe('markNotificationsRead', () => {
  it('stores one mark per account (given in any case), moves it forward, and never back', async () => {
    expect(await markNotificationsRead(prisma, CHAIN, ME, { blockNumber: 10n, logIndex: 2 })).toEqual({
      blockNumber: 10n,
      logIndex: 2,
    });
    const lower = getAddress(ME.toLowerCase());
    expect(await markNotificationsRead(prisma, CHAIN, lower, { blockNumber: 10n, logIndex: 5 })).toEqual({
      blockNumber: 10n,
      logIndex: 5,
    });
    expect(await markNotificationsRead(prisma, CHAIN, ME, { blockNumber: 9n, logIndex: 99 })).toEqual({
      blockNumber: 10n,
      logIndex: 5,
    });
    expect(await prisma.notificationRead.findMany({ where: { chainId: CHAIN } })).toMatchObject([
      { account: ME, blockNumber: 10n, logIndex: 5 },
    ]);
  });
});
