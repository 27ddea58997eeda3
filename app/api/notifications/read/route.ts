import { withBodyLimit } from '../../../../lib/http/guard';
import { JSON_BODY } from '../../../../lib/http/policies';
import { withLiveSession } from '../../_http/live-session';
import { notificationHandlers } from '../wiring';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** See ../handler.ts. */
export const POST = withBodyLimit(
  JSON_BODY,
  withLiveSession((request: Request) => notificationHandlers.markRead(request)),
);
