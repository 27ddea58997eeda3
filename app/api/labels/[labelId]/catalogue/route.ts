import { labelHandlers, type LabelRouteContext } from '../../wiring';
import { JSON_BODY } from '../../../../../lib/http/policies';
import { withBodyLimit } from '../../../../../lib/http/guard';
import { withLiveSession } from '../../../_http/live-session';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = withBodyLimit(
  JSON_BODY,
  withLiveSession(async (request: Request, context: LabelRouteContext): Promise<Response> =>
    (await labelHandlers()).addCatalogue(request, (await context.params).labelId),
  ),
);

export const DELETE = withBodyLimit(
  JSON_BODY,
  withLiveSession(async (request: Request, context: LabelRouteContext): Promise<Response> =>
    (await labelHandlers()).removeCatalogue(request, (await context.params).labelId),
  ),
);
