import { getAddress, toHex } from 'viem';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { storedEventArgs } from '../../test/support/event-args';
import { createPrismaClient } from '../db/client';
import { readAccountSplits } from './account-splits';

const prisma = createPrismaClient(inject('databaseUrl'));
const CHAIN = 990_601; // a chain id of its own: other test files share the database
const ME = getAddress('0x00000000000000000000000000000000000000a1');
const OTHER = getAddress('0x00000000000000000000000000000000000000b2');
const S1 = getAddress('0x00000000000000000000000000000000000000c1');
const S2 = getAddress('0x00000000000000000000000000000000000000c2');
const S3 = getAddress('0x00000000000000000000000000000000000000c3');
const TOKEN = getAddress('0x00000000000000000000000000000000000000d4');

const events = [
  ['SplitCreated', { split: S1, accounts: [ME, OTHER], shares: [600000, 400000] }],
  ['SplitCreated', { split: S2, accounts: [ME, OTHER], shares: [500000, 500000] }],
  ['SplitCreated', { split: S3, accounts: [OTHER], shares: [1000000] }],
  // S2 drops ME; S1 distributes a token.
  ['SplitUpdated', { split: S2, accounts: [OTHER], shares: [1000000] }],
  ['Distributed', { split: S1, token: TOKEN, accounts: [ME, OTHER], credits: ['6', '4'] }],
  ['Distributed', { split: S3, token: getAddress('0x00000000000000000000000000000000000000e5') }],
] as const;

beforeAll(async () => {
  await prisma.chainEvent.deleteMany({ where: { chainId: CHAIN } });
  await prisma.chainEvent.createMany({
    data: events.map(([name, args], i) => ({
      chainId: CHAIN,
      txHash: toHex(BigInt(i + 1), { size: 32 }),
      logIndex: 0,
      blockNumber: BigInt(i + 1),
      blockHash: toHex(BigInt(i + 1), { size: 32 }),
      contract: 'SplitMain',
      name,
      args: storedEventArgs('SplitMain', name, JSON.parse(JSON.stringify(args)) as Record<string, string>),
    })),
  });
});
afterAll(async () => {
  await prisma.chainEvent.deleteMany({ where: { chainId: CHAIN } });
  await prisma.$disconnect();
});

describe('readAccountSplits', () => {
  it('finds the splits the account receives from now (after updates), with their lists, and their distributed tokens', async () => {
    expect(await readAccountSplits(prisma, CHAIN, ME)).toEqual({
      splits: [{ split: S1, accounts: [ME, OTHER], shares: [600000, 400000] }],
      tokens: [TOKEN],
    });
    expect((await readAccountSplits(prisma, CHAIN, OTHER)).splits.map((s) => s.split)).toEqual([S1, S2, S3]);
  });
});
