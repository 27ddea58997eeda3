import { issueNonce } from '../../../../lib/auth/nonces';
import { getAuthContext } from '../../../../lib/auth/server-context';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** GET /api/auth/nonce -> { nonce, expiresAt } : a single-use sign-in nonce, good for ten minutes. */
export async function GET(): Promise<Response> {
  const { prisma } = await getAuthContext();
  const { nonce, expiresAt } = await issueNonce(prisma);
  return Response.json({ nonce, expiresAt: expiresAt.toISOString() }, { headers: { 'cache-control': 'no-store' } });
}
