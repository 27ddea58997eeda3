import { labelHandlers } from '../../wiring';
import { JSON_BODY } from '../../../../../lib/http/policies';
import { withBodyLimit } from '../../../../../lib/http/guard';
import { withLiveSession } from '../../../_http/live-session';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ requestId: string }> };

/** POST { decision: accept | decline }: the track's creator decides a label's catalogue request. See ../../handler.ts. */
export const POST = withBodyLimit(
  JSON_BODY,
  withLiveSession(async (request: Request, context: Context): Promise<Response> =>
    (await labelHandlers()).decide(request, (await context.params).requestId),
  ),
);
