import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from '../db/client';
import { isRevoked, revokeSession, tokenDigest, withoutRevokedSession } from './revocation';
import { SESSION_TTL_MS, signSessionToken } from './session-token';

const prisma = createPrismaClient(inject('databaseUrl'));
afterAll(() => prisma.$disconnect());
const secret = randomBytes(32);
const address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const token = () =>
  signSessionToken(
    {
      address,
      chainId: 31337,
      issuedAt: Date.now(),
      expiresAt: Date.now() + SESSION_TTL_MS + Math.floor(Math.random() * 1000),
    },
    secret,
  );
const withCookie = (cookie: string) => new Request('http://localhost/api/auth/session', { headers: { cookie } });

describe('server-side session revocation', () => {
  it('a revoked token is refused from then on; other sessions are untouched', async () => {
    const [a, b] = [token(), token()];
    expect(await isRevoked(prisma, a)).toBe(false);
    expect(await revokeSession(prisma, a, secret)).toBe(true);
    expect(await isRevoked(prisma, a)).toBe(true);
    expect(await isRevoked(prisma, b)).toBe(false);
    const row = await prisma.revokedSession.findUnique({ where: { tokenHash: tokenDigest(a) } });
    expect(row?.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_TTL_MS - 60_000); // kept until it would expire
  });

  it('strips only a revoked session cookie from a request, keeping other cookies', async () => {
    const a = token();
    await revokeSession(prisma, a, secret);
    const stripped = await withoutRevokedSession(prisma, withCookie(`theme=dark; motif_session=${a}; x=1`));
    expect(stripped.headers.get('cookie')).toBe('theme=dark; x=1');
    const live = token();
    expect((await withoutRevokedSession(prisma, withCookie(`motif_session=${live}`))).headers.get('cookie')).toBe(
      `motif_session=${live}`,
    );
  });

  it('records nothing for junk or forged tokens, and sweeps rows past their expiry', async () => {
    const before = await prisma.revokedSession.count();
    expect(await revokeSession(prisma, 'junk.token', secret)).toBe(false);
    expect(
      await revokeSession(
        prisma,
        signSessionToken({ address, chainId: 1, issuedAt: 0, expiresAt: Date.now() + 1000 }, randomBytes(32)),
        secret,
      ),
    ).toBe(false);
    expect(await revokeSession(prisma, null, secret)).toBe(false);
    expect(await prisma.revokedSession.count()).toBe(before);
    await prisma.revokedSession.create({ data: { tokenHash: 'f'.repeat(64), expiresAt: new Date(Date.now() - 1000) } });
    await revokeSession(prisma, token(), secret);
    expect(await prisma.revokedSession.count({ where: { tokenHash: 'f'.repeat(64) } })).toBe(0);
  });
});
