import { z } from 'zod';
import { consumeNonce } from '../../../../lib/auth/nonces';
import { getAuthContext, isSameOrigin, isSecureRequest } from '../../../../lib/auth/server-context';
import { serializeSessionCookie } from '../../../../lib/auth/session-cookie';
import { SESSION_TTL_MS, signSessionToken } from '../../../../lib/auth/session-token';
import { SignInError, verifySignIn } from '../../../../lib/auth/siwe';
import { withBodyLimit } from '../../../../lib/http/guard';
import { JSON_BODY } from '../../../../lib/http/policies';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const bodySchema = z.object({ message: z.string().min(1).max(4000), signature: z.string().regex(/^0x[0-9a-fA-F]+$/).max(20_000) }).strict();

/**
 * POST /api/auth/verify { message, signature } -> 200 { address, chainId, expiresAt } + Set-Cookie motif_session;
 * 400 { error } for a malformed body; 401 { error, reason } when the sign-in is refused; 403 from another origin.
 */
export const POST = withBodyLimit(JSON_BODY, async (request: Request): Promise<Response> => {
  if (!isSameOrigin(request)) return Response.json({ error: 'Cross-origin sign-in refused' }, { status: 403 });
  const parsed = bodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: 'Expected { message, signature }' }, { status: 400 });
  const ctx = await getAuthContext();
  try {
    const result = await verifySignIn({
      message: parsed.data.message,
      signature: parsed.data.signature as `0x${string}`,
      publicOrigins: ctx.publicOrigins,
      chainId: ctx.chainId,
      consumeNonce: (nonce) => consumeNonce(ctx.prisma, nonce),
      verifySignature: ctx.verifySignature,
    });
    const now = Date.now();
    const expiresAt = now + SESSION_TTL_MS;
    const token = signSessionToken({ address: result.address, chainId: result.chainId, issuedAt: now, expiresAt }, ctx.secret);
    return Response.json(
      { address: result.address, chainId: result.chainId, expiresAt: new Date(expiresAt).toISOString() },
      { headers: { 'set-cookie': serializeSessionCookie(token, { maxAgeSeconds: SESSION_TTL_MS / 1000, secure: isSecureRequest(request) }), 'cache-control': 'no-store' } },
    );
  } catch (error) {
    if (error instanceof SignInError) return Response.json({ error: error.message, reason: error.reason }, { status: 401 });
    throw error;
  }
});
