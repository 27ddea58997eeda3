import { labelApi, type LabelRouteContext } from '../../_api';
import { withLiveSession } from '../../../../../lib/auth/live-session';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = withLiveSession(async (request: Request, context: LabelRouteContext): Promise<Response> => (await labelApi()).earnings(request, (await context.params).labelId));
