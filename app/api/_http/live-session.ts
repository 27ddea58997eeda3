import 'server-only';
import { withoutRevokedSession } from '../../../lib/auth/revocation';
import type { RouteHandler } from '../../../lib/http/guard';
import { getAuthContext } from '../../../lib/platform/auth-context';

/** Wraps a route handler so a signed-out (revoked) session cookie never reaches it. */
export function withLiveSession<C>(handler: RouteHandler<C>): RouteHandler<C> {
  return async (request, context) => {
    const { prisma } = await getAuthContext();
    return handler(await withoutRevokedSession(prisma, request), context);
  };
}
