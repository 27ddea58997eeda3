import { labelApi } from './_api';
import { JSON_BODY } from '../../../lib/http/policies';
import { withBodyLimit } from '../../../lib/http/guard';
import { withLiveSession } from '../../../lib/auth/live-session';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** GET: the signed-in wallet's labels. POST { name }: creates a label (creator = owner). See lib/labels/http.ts. */
export const GET = withLiveSession(async (request: Request): Promise<Response> => (await labelApi()).list(request));

export const POST = withBodyLimit(JSON_BODY, withLiveSession(async (request: Request): Promise<Response> => (await labelApi()).create(request)));
