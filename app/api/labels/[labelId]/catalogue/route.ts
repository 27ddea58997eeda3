import { labelApi, type LabelRouteContext } from '../../_api';
import { JSON_BODY } from '../../../../../lib/http/policies';
import { withBodyLimit } from '../../../../../lib/http/guard';
import { withLiveSession } from '../../../../../lib/auth/live-session';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = withBodyLimit(JSON_BODY, withLiveSession(async (request: Request, context: LabelRouteContext): Promise<Response> => (await labelApi()).addCatalogue(request, (await context.params).labelId)));

export const DELETE = withBodyLimit(JSON_BODY, withLiveSession(async (request: Request, context: LabelRouteContext): Promise<Response> => (await labelApi()).removeCatalogue(request, (await context.params).labelId)));
