import { labelHandlers } from '../wiring';
import { withLiveSession } from '../../_http/live-session';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** GET: the catalogue requests labels sent for the signed-in creator's tracks, still pending. See ../handler.ts. */
export const GET = withLiveSession(async (request: Request): Promise<Response> =>
  (await labelHandlers()).myRequests(request),
);
