import { z } from 'zod';
import type { Address } from 'viem';
import type { PrismaClient } from '../db/client';

/** What a signed-in wallet may change on its own profile. Empty strings clear a field. */
export const profileUpdateSchema = z
  .object({
    displayName: z.string().trim().max(80, 'at most 80 characters').optional(),
    bio: z.string().trim().max(1000, 'at most 1000 characters').optional(),
  })
  .strict();
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

export type PublicProfile = { address: Address; displayName: string | null; bio: string | null };

export async function readProfile(prisma: Pick<PrismaClient, 'profile'>, address: Address): Promise<PublicProfile> {
  const row = await prisma.profile.findUnique({ where: { address } });
  return { address, displayName: row?.displayName ?? null, bio: row?.bio ?? null };
}

/** Writes `update` to `address`'s profile (the caller has checked the session is that address). */
export async function updateProfile(
  prisma: Pick<PrismaClient, 'profile'>,
  address: Address,
  update: ProfileUpdate,
): Promise<PublicProfile> {
  const data = {
    ...(update.displayName !== undefined ? { displayName: update.displayName || null } : {}),
    ...(update.bio !== undefined ? { bio: update.bio || null } : {}),
  };
  const row = await prisma.profile.upsert({ where: { address }, create: { address, ...data }, update: data });
  return { address, displayName: row.displayName, bio: row.bio };
}
