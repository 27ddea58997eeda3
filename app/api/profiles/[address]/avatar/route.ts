import { withBodyLimit } from '../../../../../lib/http/guard';
import { AVATAR_RATE, clientKey, takeRate, tooManyRequests } from '../../../../../lib/http/rate-limit';
import { withApiHeaders } from '../../../../../lib/http/security-headers';
import { getAuthContext } from '../../../../../lib/platform/auth-context';
import { getServices } from '../../../../../lib/platform/services';
import { AVATAR_MAX_BYTES } from '../../../../../lib/profiles/avatar-upload';
import { withLiveSession } from '../../../_http/live-session';
import { createAvatarHandler } from './handler';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { params: Promise<{ address: string }> };

const put = createAvatarHandler(async () => {
  const [{ prisma, secret }, { storage }] = await Promise.all([getAuthContext(), getServices()]);
  const admit = async (request: Request) => {
    const decision = await takeRate(prisma, AVATAR_RATE, clientKey(request));
    return decision.allowed ? null : tooManyRequests(decision);
  };
  return { prisma, secret, storage, admit };
});

const bounded = withBodyLimit(
  { limit: AVATAR_MAX_BYTES },
  withLiveSession(async (request: Request, { params }: Params): Promise<Response> =>
    put(request, (await params).address),
  ),
);

/**
 * See ./handler.ts; bodies over AVATAR_MAX_BYTES answer 413 as they stream. The proxy does not run here (proxy.ts:
 * it would cut a body past 1 MiB), so the API's security headers are set on the way out.
 */
export async function PUT(request: Request, context: Params): Promise<Response> {
  return withApiHeaders(await bounded(request, context));
}
