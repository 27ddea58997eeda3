import { withLiveSession } from '../../../../lib/auth/live-session';
import { getAuthContext, sessionOf } from '../../../../lib/auth/server-context';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** GET /api/auth/session -> { address, chainId, expiresAt } when signed in (and not signed out), else { address: null }. Always 200. */
export const GET = withLiveSession(async (request: Request): Promise<Response> => {
  const { secret } = await getAuthContext();
  const session = sessionOf(request, secret);
  const body = session ? { address: session.address, chainId: session.chainId, expiresAt: new Date(session.expiresAt).toISOString() } : { address: null };
  return Response.json(body, { headers: { 'cache-control': 'no-store' } });
});
