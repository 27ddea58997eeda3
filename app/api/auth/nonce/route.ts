import { issueNonce } from '../../../../lib/auth/nonces';
import { getAuthContext } from '../../../../lib/auth/server-context';
import { clientKey, NONCE_RATE, takeRate, tooManyRequests } from '../../../../lib/http/rate-limit';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** GET /api/auth/nonce -> { nonce, expiresAt } : a single-use sign-in nonce, good for ten minutes; 429 past the rate limit. */
export async function GET(request: Request): Promise<Response> {
  const { prisma } = await getAuthContext();
  const decision = await takeRate(prisma, NONCE_RATE, clientKey(request));
  if (!decision.allowed) return tooManyRequests(decision);
  const { nonce, expiresAt } = await issueNonce(prisma);
  return Response.json({ nonce, expiresAt: expiresAt.toISOString() }, { headers: { 'cache-control': 'no-store' } });
}
