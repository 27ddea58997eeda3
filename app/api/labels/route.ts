import { labelHandlers } from './wiring';
import { JSON_BODY } from '../../../lib/http/policies';
import { withBodyLimit } from '../../../lib/http/guard';
import { withLiveSession } from '../_http/live-session';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** GET: the signed-in wallet's labels. POST { name }: creates a label (creator = owner). See ./handler.ts. */
export const GET = withLiveSession(async (request: Request): Promise<Response> =>
  (await labelHandlers()).list(request),
);

export const POST = withBodyLimit(
  JSON_BODY,
  withLiveSession(async (request: Request): Promise<Response> => (await labelHandlers()).create(request)),
);
