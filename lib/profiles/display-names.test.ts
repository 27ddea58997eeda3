import { getAddress } from 'viem';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from '../db/client';
import { displayNamesOf, peopleJson, peopleOf } from './display-names';

const prisma = createPrismaClient(inject('databaseUrl'));
// addresses of this file's own: other test files share the database
const NAMED = getAddress('0x00000000000000000000000000000000000d1501');
const UNNAMED = getAddress('0x00000000000000000000000000000000000d1502');
const ABSENT = getAddress('0x00000000000000000000000000000000000d1503');

const AVATAR_ONLY = getAddress('0x00000000000000000000000000000000000d1504');
const FOLDER = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';

beforeAll(async () => {
  await prisma.profile.deleteMany({ where: { address: { in: [NAMED, UNNAMED] } } });
  await prisma.profileAvatar.deleteMany({ where: { address: { in: [NAMED, AVATAR_ONLY] } } });
  await prisma.profile.create({ data: { address: NAMED, displayName: 'Ada Lovelace' } });
  await prisma.profile.create({ data: { address: UNNAMED, bio: 'no name set' } });
  await prisma.profileAvatar.create({ data: { address: NAMED, folderCid: FOLDER } });
  await prisma.profileAvatar.create({ data: { address: AVATAR_ONLY, folderCid: FOLDER } });
});
afterAll(async () => {
  await prisma.profile.deleteMany({ where: { address: { in: [NAMED, UNNAMED] } } });
  await prisma.profileAvatar.deleteMany({ where: { address: { in: [NAMED, AVATAR_ONLY] } } });
  await prisma.$disconnect();
});

describe('display names', () => {
  it('names the accounts that set a name, keyed by checksummed address, whatever the case asked', async () => {
    const names = await displayNamesOf(prisma, [NAMED.toLowerCase(), UNNAMED, ABSENT, NAMED]);
    expect([...names]).toEqual([[NAMED, 'Ada Lovelace']]);
  });

  it('people: names and uploaded avatars by checksummed address; the rest keep the short address and generated avatar', async () => {
    const people = await peopleOf(prisma, [NAMED.toLowerCase(), UNNAMED, AVATAR_ONLY, ABSENT, 'nope']);
    expect([...people.names]).toEqual([[NAMED, 'Ada Lovelace']]);
    expect(new Map(people.avatars)).toEqual(
      new Map([
        [NAMED, `/media/${FOLDER}/avatar`],
        [AVATAR_ONLY, `/media/${FOLDER}/avatar`],
      ]),
    );
    expect(peopleJson(people)).toEqual({
      names: { [NAMED]: 'Ada Lovelace' },
      avatars: { [NAMED]: `/media/${FOLDER}/avatar`, [AVATAR_ONLY]: `/media/${FOLDER}/avatar` },
    });
    expect(await peopleOf(prisma, [])).toEqual({ names: new Map(), avatars: new Map() });
  });

  it('ignores what is not an address and asks nothing for an empty list', async () => {
    expect((await displayNamesOf(prisma, ['not an address', ''])).size).toBe(0);
    expect((await displayNamesOf(prisma, [])).size).toBe(0);
  });
});
