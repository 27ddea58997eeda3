import { labelApi, type LabelRouteContext } from '../_api';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request, context: LabelRouteContext): Promise<Response> {
  return (await labelApi()).get(request, (await context.params).labelId);
}
