import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from '../db/client';
import { profileUpdateSchema, readProfile, updateProfile } from './profile';

const prisma = createPrismaClient(inject('databaseUrl'));
const address = privateKeyToAccount(generatePrivateKey()).address;
afterAll(async () => {
  await prisma.profile.deleteMany({ where: { address } });
  await prisma.$disconnect();
});

describe('profiles', () => {
  it('are empty until written, then keep untouched fields, and empty strings clear', async () => {
    expect(await readProfile(prisma, address)).toEqual({ address, displayName: null, bio: null });
    await updateProfile(prisma, address, profileUpdateSchema.parse({ displayName: '  Ada  ', bio: 'Writes fugues' }));
    await updateProfile(prisma, address, profileUpdateSchema.parse({ bio: 'Writes canons' }));
    expect(await readProfile(prisma, address)).toEqual({ address, displayName: 'Ada', bio: 'Writes canons' });
    await updateProfile(prisma, address, profileUpdateSchema.parse({ displayName: '' }));
    expect((await readProfile(prisma, address)).displayName).toBeNull();
  });

  it('refuses overlong fields and unknown keys', () => {
    expect(profileUpdateSchema.safeParse({ displayName: 'x'.repeat(81) }).success).toBe(false);
    expect(profileUpdateSchema.safeParse({ bio: 'x'.repeat(1001) }).success).toBe(false);
    expect(profileUpdateSchema.safeParse({ address: '0x0' }).success).toBe(false);
  });
});
