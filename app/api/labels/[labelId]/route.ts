import { labelHandlers, type LabelRouteContext } from '../wiring';
import { withLiveSession } from '../../_http/live-session';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withLiveSession(async (request: Request, context: LabelRouteContext): Promise<Response> =>
  (await labelHandlers()).get(request, (await context.params).labelId),
);
