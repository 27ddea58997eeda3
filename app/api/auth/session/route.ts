import { withLiveSession } from '../../_http/live-session';
import { authHandlers } from '../wiring';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** See ../handler.ts. */
export const GET = withLiveSession((request: Request): Promise<Response> => authHandlers.session(request));
