import type { Address, Hex } from 'viem';
import { z } from 'zod';
import { consumeNonce, issueNonce } from '../../../lib/auth/nonces';
import type { PrismaClient } from '../../../lib/db/client';
import { revokeSession } from '../../../lib/auth/revocation';
import { isSameOrigin, isSecureRequest, sessionOf } from '../../../lib/auth/server-context';
import { clearSessionCookie, readCookie, serializeSessionCookie } from '../../../lib/auth/session-cookie';
import { SESSION_TTL_MS, signSessionToken } from '../../../lib/auth/session-token';
import { SignInError, verifySignIn } from '../../../lib/auth/siwe';
import { clientKey, NONCE_RATE, takeRate, tooManyRequests } from '../../../lib/http/rate-limit';
import { errorResponse } from '../_http/errors';

const noStore = { 'cache-control': 'no-store' };
const verifyBodySchema = z
  .object({
    message: z.string().min(1).max(4000),
    signature: z
      .string()
      .regex(/^0x[0-9a-fA-F]+$/)
      .max(20_000),
  })
  .strict();

/** What the sign-in routes need: the database, the cookie key, the chain and where the app is served from. */
export type AuthHandlerDependencies = {
  prisma: PrismaClient;
  secret: Uint8Array;
  chainId: number;
  /** The origins a sign-in message may name (MOTIF_PUBLIC_URL or the local URL). */
  publicOrigins: string[];
  verifySignature: (args: { address: Address; message: string; signature: Hex }) => Promise<boolean>;
};

/** The Sign-In with Ethereum routes over one context (./wiring.ts passes this process's). */
export function createAuthHandlers(context: () => Promise<AuthHandlerDependencies>) {
  return {
    /** GET /api/auth/nonce -> { nonce, expiresAt }: a single-use sign-in nonce, good for ten minutes; 429 past the rate limit. */
    async nonce(request: Request): Promise<Response> {
      const { prisma } = await context();
      const decision = await takeRate(prisma, NONCE_RATE, clientKey(request));
      if (!decision.allowed) return tooManyRequests(decision);
      const { nonce, expiresAt } = await issueNonce(prisma);
      return Response.json({ nonce, expiresAt: expiresAt.toISOString() }, { headers: noStore });
    },

    /**
     * POST /api/auth/verify { message, signature } -> 200 { address, chainId, expiresAt } + Set-Cookie motif_session;
     * 400 for a malformed body; 401 { error, reason } when the sign-in is refused; 403 from another origin.
     */
    async verify(request: Request): Promise<Response> {
      if (!isSameOrigin(request)) return errorResponse(403, { error: 'Cross-origin sign-in refused' });
      const parsed = verifyBodySchema.safeParse(await request.json().catch(() => null));
      if (!parsed.success) return errorResponse(400, { error: 'Expected { message, signature }' });
      const ctx = await context();
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
        const token = signSessionToken(
          { address: result.address, chainId: result.chainId, issuedAt: now, expiresAt },
          ctx.secret,
        );
        return Response.json(
          { address: result.address, chainId: result.chainId, expiresAt: new Date(expiresAt).toISOString() },
          {
            headers: {
              'set-cookie': serializeSessionCookie(token, {
                maxAgeSeconds: SESSION_TTL_MS / 1000,
                secure: isSecureRequest(request),
              }),
              ...noStore,
            },
          },
        );
      } catch (error) {
        if (error instanceof SignInError) return errorResponse(401, { error: error.message, reason: error.reason });
        throw error;
      }
    },

    /** GET /api/auth/session -> { address, chainId, expiresAt } when signed in (and not signed out), else { address: null }. Always 200. */
    async session(request: Request): Promise<Response> {
      const { secret } = await context();
      const session = sessionOf(request, secret);
      const body = session
        ? { address: session.address, chainId: session.chainId, expiresAt: new Date(session.expiresAt).toISOString() }
        : { address: null };
      return Response.json(body, { headers: noStore });
    },

    /**
     * POST /api/auth/logout -> 200 { ok: true }, the session revoked on the server (a kept copy of the cookie no longer
     * signs anyone in, on any replica) and the cookie cleared.
     */
    async logout(request: Request): Promise<Response> {
      if (!isSameOrigin(request)) return errorResponse(403, { error: 'Cross-origin sign-out refused' });
      const { prisma, secret } = await context();
      await revokeSession(prisma, readCookie(request.headers.get('cookie')), secret);
      return Response.json(
        { ok: true },
        { headers: { 'set-cookie': clearSessionCookie(isSecureRequest(request)), ...noStore } },
      );
    },
  };
}
