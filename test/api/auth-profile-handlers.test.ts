import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { verifyMessage } from 'viem';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createAuthHandlers, type AuthHandlerDependencies } from '../../app/api/auth/handler';
import { createProfileHandlers } from '../../app/api/profiles/[address]/handler';
import { createSignInMessage } from '../../lib/auth/siwe';
import { readCookie } from '../../lib/auth/session-cookie';
import { isRevoked } from '../../lib/auth/revocation';
import { createPrismaClient } from '../../lib/db/client';

// The sign-in and profile handlers against the real PostgreSQL: the routes' answers and the one error body.
const prisma = createPrismaClient(inject('databaseUrl'));
afterAll(() => prisma.$disconnect());
const ORIGIN = 'http://localhost:3000';
const CHAIN = 31337;
const deps: AuthHandlerDependencies = {
  prisma,
  secret: new Uint8Array(32).fill(9),
  chainId: CHAIN,
  publicOrigins: [ORIGIN],
  verifySignature: (args) => verifyMessage(args),
};
const auth = createAuthHandlers(async () => deps);
const profiles = createProfileHandlers(async () => deps);
const account = privateKeyToAccount(generatePrivateKey());
const other = privateKeyToAccount(generatePrivateKey());

const req = (path: string, init: RequestInit & { cookie?: string } = {}) =>
  new Request(`${ORIGIN}${path}`, {
    ...init,
    headers: {
      host: 'localhost:3000',
      'content-type': 'application/json',
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });

/** Signs in `who` through the handlers: nonce, then verify; the session cookie. */
async function signIn(who = account): Promise<string> {
  const { nonce } = (await (
    await auth.nonce(
      req('/api/auth/nonce', { headers: { 'x-forwarded-for': `10.0.0.${Math.floor(Math.random() * 250)}` } }),
    )
  ).json()) as { nonce: string };
  const message = createSignInMessage({
    address: who.address,
    chainId: CHAIN,
    domain: 'localhost:3000',
    uri: `${ORIGIN}/`,
    nonce,
  });
  const res = await auth.verify(
    req('/api/auth/verify', {
      method: 'POST',
      body: JSON.stringify({ message, signature: await who.signMessage({ message }) }),
    }),
  );
  expect(res.status).toBe(200);
  await expect(res.json()).resolves.toMatchObject({ address: who.address, chainId: CHAIN });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  expect(readCookie(cookie)).toBeTruthy();
  return cookie;
}

describe('sign-in handlers', () => {
  it('signs in once per nonce, reports the session, and signs out for good', async () => {
    const cookie = await signIn();
    await expect((await auth.session(req('/api/auth/session', { cookie }))).json()).resolves.toMatchObject({
      address: account.address,
    });
    await expect((await auth.session(req('/api/auth/session'))).json()).resolves.toEqual({ address: null });
    const out = await auth.logout(req('/api/auth/logout', { method: 'POST', cookie }));
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/i);
    expect(await isRevoked(prisma, readCookie(cookie)!)).toBe(true);
  });

  it('refuses a replayed nonce with 401 and its reason, a malformed body with 400, another origin with 403', async () => {
    const { nonce } = (await (await auth.nonce(req('/api/auth/nonce'))).json()) as { nonce: string };
    const message = createSignInMessage({
      address: account.address,
      chainId: CHAIN,
      domain: 'localhost:3000',
      uri: `${ORIGIN}/`,
      nonce,
    });
    const body = JSON.stringify({ message, signature: await account.signMessage({ message }) });
    expect((await auth.verify(req('/api/auth/verify', { method: 'POST', body }))).status).toBe(200);
    const replay = await auth.verify(req('/api/auth/verify', { method: 'POST', body }));
    expect(replay.status).toBe(401);
    await expect(replay.json()).resolves.toMatchObject({ error: expect.any(String), reason: 'nonce-invalid' });
    const bad = await auth.verify(req('/api/auth/verify', { method: 'POST', body: '{"message":1}' }));
    expect(bad.status).toBe(400);
    await expect(bad.json()).resolves.toEqual({ error: 'Expected { message, signature }' });
    expect(
      (
        await auth.verify(
          req('/api/auth/verify', { method: 'POST', body, headers: { origin: 'https://evil.example' } }),
        )
      ).status,
    ).toBe(403);
    expect(
      (await auth.logout(req('/api/auth/logout', { method: 'POST', headers: { origin: 'https://evil.example' } })))
        .status,
    ).toBe(403);
  });
});

describe('profile handlers', () => {
  it('lets a signed-in wallet edit only its own profile, and lists invalid fields as issues', async () => {
    const cookie = await signIn();
    const put = (address: string, body: unknown, c: string | null = cookie) =>
      profiles.put(
        req(`/api/profiles/${address}`, { method: 'PUT', body: JSON.stringify(body), ...(c ? { cookie: c } : {}) }),
        address,
      );

    const saved = await put(account.address, { displayName: 'Ada', bio: 'Chorales' });
    expect(saved.status).toBe(200);
    await expect(
      (await profiles.get(req(`/api/profiles/${account.address}`), account.address.toLowerCase())).json(),
    ).resolves.toEqual({ address: account.address, displayName: 'Ada', bio: 'Chorales' });

    const tooLong = await put(account.address, { displayName: 'x'.repeat(81) });
    expect(tooLong.status).toBe(400);
    await expect(tooLong.json()).resolves.toEqual({
      error: 'Invalid profile',
      issues: ['displayName: at most 80 characters'],
    });
    const unknown = await put(account.address, { admin: true });
    expect(unknown.status).toBe(400);

    expect((await put(other.address, { displayName: 'Mallory' })).status).toBe(403);
    expect((await put(account.address, { displayName: 'Nobody' }, null)).status).toBe(401);
    expect((await profiles.get(req('/api/profiles/0x12'), '0x12')).status).toBe(404);
    await expect((await profiles.get(req(`/api/profiles/${other.address}`), other.address)).json()).resolves.toEqual({
      address: other.address,
      displayName: null,
      bio: null,
    });
  });
});
