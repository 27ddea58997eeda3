import { getAddress } from 'viem';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from '../db/client';
import { displayNamesOf } from './display-names';

const prisma = createPrismaClient(inject('databaseUrl'));
// addresses of this file's own: other test files share the database
const NAMED = getAddress('0x00000000000000000000000000000000000d1501');
const UNNAMED = getAddress('0x00000000000000000000000000000000000d1502');
const ABSENT = getAddress('0x00000000000000000000000000000000000d1503');

beforeAll(async () => {
  await prisma.profile.deleteMany({ where: { address: { in: [NAMED, UNNAMED] } } });
  await prisma.profile.create({ data: { address: NAMED, displayName: 'Ada Lovelace' } });
  await prisma.profile.create({ data: { address: UNNAMED, bio: 'no name set' } });
});
afterAll(async () => {
  await prisma.profile.deleteMany({ where: { address: { in: [NAMED, UNNAMED] } } });
  await prisma.$disconnect();
});

describe('display names', () => {
  it('names the accounts that set a name, keyed by checksummed address, whatever the case asked', async () => {
    const names = await displayNamesOf(prisma, [NAMED.toLowerCase(), UNNAMED, ABSENT, NAMED]);
    expect([...names]).toEqual([[NAMED, 'Ada Lovelace']]);
  });

  it('ignores what is not an address and asks nothing for an empty list', async () => {
    expect((await displayNamesOf(prisma, ['not an address', ''])).size).toBe(0);
    expect((await displayNamesOf(prisma, [])).size).toBe(0);
  });
});
