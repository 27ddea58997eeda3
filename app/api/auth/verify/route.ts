import { withBodyLimit } from '../../../../lib/http/guard';
import { JSON_BODY } from '../../../../lib/http/policies';
import { authHandlers } from '../wiring';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** See ../handler.ts. */
export const POST = withBodyLimit(JSON_BODY, (request: Request): Promise<Response> => authHandlers.verify(request));
