import { createHash } from 'node:crypto';
import type { PrismaClient } from '../db/client';
import { readCookie, SESSION_COOKIE } from './session-cookie';
import { verifySessionToken } from './session-token';

type RevocationDb = Pick<PrismaClient, 'revokedSession'>;

/** Rows are keyed by the token's digest, never the token itself (a database read must not yield a usable cookie). */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Signs a session out on the server: its token is refused from now on, on every replica, even if a copy of the
 * cookie survives. Only a valid token is recorded (junk cookies cannot fill the table); the row lives until the
 * token would have expired anyway, and expired rows are swept here.
 */
export async function revokeSession(
  prisma: RevocationDb,
  token: string | null,
  secret: Uint8Array,
  now = new Date(),
): Promise<boolean> {
  const session = verifySessionToken(token, secret, now.getTime());
  if (!token || !session) return false;
  const tokenHash = tokenDigest(token);
  await prisma.revokedSession.upsert({
    where: { tokenHash },
    create: { tokenHash, expiresAt: new Date(session.expiresAt) },
    update: {},
  });
  await prisma.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
  return true;
}

export async function isRevoked(prisma: RevocationDb, token: string): Promise<boolean> {
  return (await prisma.revokedSession.count({ where: { tokenHash: tokenDigest(token) } })) > 0;
}

/**
 * The request as the routes should see it: unchanged, or without its session cookie when that session was signed
 * out. The routes' own (synchronous) session checks then treat it as signed out.
 */
export async function withoutRevokedSession(prisma: RevocationDb, request: Request): Promise<Request> {
  const header = request.headers.get('cookie');
  const token = readCookie(header);
  if (!token || !(await isRevoked(prisma, token))) return request;
  const kept = (header ?? '')
    .split(';')
    .filter((part) => part.split('=')[0]!.trim() !== SESSION_COOKIE)
    .join(';');
  const headers = new Headers(request.headers);
  if (kept.trim()) headers.set('cookie', kept);
  else headers.delete('cookie');
  return new Request(request, { headers });
}
