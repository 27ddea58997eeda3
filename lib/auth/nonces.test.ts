import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from '../db/client';
import { consumeNonce, issueNonce, NONCE_TTL_MS } from './nonces';

const prisma = createPrismaClient(inject('databaseUrl'));
afterAll(() => prisma.$disconnect());

describe('sign-in nonces', () => {
  it('are random, alphanumeric and stored with their expiry', async () => {
    const now = new Date();
    const a = await issueNonce(prisma, now);
    const b = await issueNonce(prisma, now);
    expect(a.nonce).toMatch(/^[a-zA-Z0-9]{8,}$/);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.expiresAt.getTime() - now.getTime()).toBe(NONCE_TTL_MS);
    expect(await prisma.authNonce.findUnique({ where: { nonce: a.nonce } })).toMatchObject({ usedAt: null });
  });

  it('are single use, even under concurrent use', async () => {
    const { nonce } = await issueNonce(prisma);
    const results = await Promise.all(Array.from({ length: 5 }, () => consumeNonce(prisma, nonce)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await consumeNonce(prisma, nonce)).toBe(false);
  });

  it('expire, and unknown ones are refused', async () => {
    const issued = new Date(Date.now() - NONCE_TTL_MS - 1);
    const { nonce } = await issueNonce(prisma, issued);
    expect(await consumeNonce(prisma, nonce)).toBe(false);
    const fresh = await issueNonce(prisma, new Date(), 1_000);
    expect(await consumeNonce(prisma, fresh.nonce, new Date(Date.now() + 1_001))).toBe(false);
    expect(await consumeNonce(prisma, fresh.nonce)).toBe(true);
    expect(await consumeNonce(prisma, 'neverIssued123')).toBe(false);
  });

  it('expired more than a day ago are forgotten when new ones are issued', async () => {
    const { nonce } = await issueNonce(prisma, new Date(Date.now() - 2 * 24 * 60 * 60 * 1000));
    await issueNonce(prisma);
    expect(await prisma.authNonce.findUnique({ where: { nonce } })).toBeNull();
  });
});
