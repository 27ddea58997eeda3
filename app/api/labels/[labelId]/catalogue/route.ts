import { labelApi, type LabelRouteContext } from '../../_api';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function POST(request: Request, context: LabelRouteContext): Promise<Response> {
  return (await labelApi()).addCatalogue(request, (await context.params).labelId);
}

export async function DELETE(request: Request, context: LabelRouteContext): Promise<Response> {
  return (await labelApi()).removeCatalogue(request, (await context.params).labelId);
}
