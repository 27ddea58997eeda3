import { z } from 'zod';
import { isSameOrigin, sessionOf } from '../../../lib/auth/server-context';
import type { PrismaClient } from '../../../lib/db/client';
import type { Currency } from '../../../lib/format/amount';
import { markNotificationsRead } from '../../../lib/notifications/mark-notifications-read';
import { readNotifications } from '../../../lib/notifications/read-notifications';
import { errorResponse, issueLines } from '../_http/errors';

type Context = {
  prisma: Pick<
    PrismaClient,
    'chainEvent' | 'track' | 'edition' | 'notificationRead' | 'profile' | 'profileAvatar' | '$transaction'
  >;
  secret: Uint8Array;
  chainId: number;
  currency: Currency;
};

const markSchema = z.object({
  blockNumber: z.string().regex(/^\d{1,20}$/, 'a block number'),
  logIndex: z.number().int().min(0).max(1_000_000),
});

/** GET /api/notifications and POST /api/notifications/read for the signed-in account (./route.ts wires them). */
export function createNotificationHandlers(context: () => Promise<Context>) {
  return {
    /** GET -> { items, unread }; 401 without a SIWE session. */
    async get(request: Request): Promise<Response> {
      const ctx = await context();
      const session = sessionOf(request, ctx.secret);
      if (!session) return errorResponse(401, { error: 'Sign in with Ethereum first' });
      return Response.json(await readNotifications(ctx.prisma, ctx.chainId, session.address, ctx.currency), {
        headers: { 'cache-control': 'no-store' },
      });
    },
    /** POST { blockNumber, logIndex } -> { unread }: read up to that event. 401 signed out, 403 cross-origin, 400 bad body. */
    async markRead(request: Request): Promise<Response> {
      if (!isSameOrigin(request)) return errorResponse(403, { error: 'Cross-origin request refused' });
      const ctx = await context();
      const session = sessionOf(request, ctx.secret);
      if (!session) return errorResponse(401, { error: 'Sign in with Ethereum first' });
      const parsed = markSchema.safeParse(await request.json().catch(() => null));
      if (!parsed.success) return errorResponse(400, { error: 'Invalid read mark', issues: issueLines(parsed.error) });
      await markNotificationsRead(ctx.prisma, ctx.chainId, session.address, {
        blockNumber: BigInt(parsed.data.blockNumber),
        logIndex: parsed.data.logIndex,
      });
      const { unread } = await readNotifications(ctx.prisma, ctx.chainId, session.address, ctx.currency, 0);
      return Response.json({ unread }, { headers: { 'cache-control': 'no-store' } });
    },
  };
}
