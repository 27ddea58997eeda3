import type { RouteHandler } from '../http/guard';
import { withoutRevokedSession } from './revocation';
import { getAuthContext } from './server-context';

/** Wraps a route handler so a signed-out (revoked) session cookie never reaches it. */
export function withLiveSession<C>(handler: RouteHandler<C>): RouteHandler<C> {
  return async (request, context) => {
    const { prisma } = await getAuthContext();
    return handler(await withoutRevokedSession(prisma, request), context);
  };
}
