import { revokeSession } from '../../../../lib/auth/revocation';
import { getAuthContext, isSameOrigin, isSecureRequest } from '../../../../lib/auth/server-context';
import { clearSessionCookie, readCookie } from '../../../../lib/auth/session-cookie';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * POST /api/auth/logout -> 200 { ok: true }, the session revoked on the server (a kept copy of the cookie no longer
 * signs anyone in, on any replica) and the cookie cleared.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return Response.json({ error: 'Cross-origin sign-out refused' }, { status: 403 });
  const { prisma, secret } = await getAuthContext();
  await revokeSession(prisma, readCookie(request.headers.get('cookie')), secret);
  return Response.json({ ok: true }, { headers: { 'set-cookie': clearSessionCookie(isSecureRequest(request)), 'cache-control': 'no-store' } });
}
