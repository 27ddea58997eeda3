import { withBodyLimit } from '../../../../lib/http/guard';
import { JSON_BODY } from '../../../../lib/http/policies';
import { getAuthContext } from '../../../../lib/platform/auth-context';
import { withLiveSession } from '../../_http/live-session';
import { createProfileHandlers } from './handler';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { params: Promise<{ address: string }> };

const handlers = createProfileHandlers(getAuthContext);

/** See ./handler.ts. */
export const GET = async (request: Request, { params }: Params): Promise<Response> =>
  handlers.get(request, (await params).address);

export const PUT = withBodyLimit(
  JSON_BODY,
  withLiveSession(async (request: Request, { params }: Params): Promise<Response> =>
    handlers.put(request, (await params).address),
  ),
);
