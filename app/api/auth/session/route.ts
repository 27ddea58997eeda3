import { getAuthContext, sessionOf } from '../../../../lib/auth/server-context';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** GET /api/auth/session -> { address, chainId, expiresAt } when signed in, else { address: null }. Always 200. */
export async function GET(request: Request): Promise<Response> {
  const { secret } = await getAuthContext();
  const session = sessionOf(request, secret);
  const body = session ? { address: session.address, chainId: session.chainId, expiresAt: new Date(session.expiresAt).toISOString() } : { address: null };
  return Response.json(body, { headers: { 'cache-control': 'no-store' } });
}
