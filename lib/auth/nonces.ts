import { generateSiweNonce } from 'viem/siwe';
import type { PrismaClient } from '../db/client';

/** A sign-in nonce is good for ten minutes. */
export const NONCE_TTL_MS = 10 * 60 * 1000;

type NonceDb = Pick<PrismaClient, 'authNonce'>;

/** Stores and returns a fresh random nonce (EIP-4361: at least 8 alphanumerics; viem gives 96). */
export async function issueNonce(
  prisma: NonceDb,
  now = new Date(),
  ttlMs = NONCE_TTL_MS,
): Promise<{ nonce: string; expiresAt: Date }> {
  const nonce = generateSiweNonce();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await prisma.authNonce.create({ data: { nonce, createdAt: now, expiresAt } });
  // Housekeeping: forget nonces that expired more than a day ago.
  await prisma.authNonce.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } });
  return { nonce, expiresAt };
}

/**
 * Marks `nonce` used, atomically: true only for the first caller, and only while the nonce exists and has not
 * expired. A second use, an unknown nonce and an expired one are all refused.
 */
export async function consumeNonce(prisma: NonceDb, nonce: string, now = new Date()): Promise<boolean> {
  const { count } = await prisma.authNonce.updateMany({
    where: { nonce, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1;
}
