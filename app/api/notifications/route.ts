import { withLiveSession } from '../_http/live-session';
import { notificationHandlers } from './wiring';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** See ./handler.ts. */
export const GET = withLiveSession((request: Request) => notificationHandlers.get(request));
