import { isSameOrigin, isSecureRequest } from '../../../../lib/auth/server-context';
import { clearSessionCookie } from '../../../../lib/auth/session-cookie';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** POST /api/auth/logout -> 200 { ok: true } and the session cookie cleared. */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return Response.json({ error: 'Cross-origin sign-out refused' }, { status: 403 });
  return Response.json({ ok: true }, { headers: { 'set-cookie': clearSessionCookie(isSecureRequest(request)), 'cache-control': 'no-store' } });
}
