import { gatewayResponse } from '../../../../lib/ipfs/gateway';
import { getServices } from '../../../../lib/platform/services';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { params: Promise<{ cid: string; path?: string[] }> };

async function handle(request: Request, { params }: Params): Promise<Response> {
  const { cid, path = [] } = await params;
  const { storage } = await getServices();
  return gatewayResponse(storage, request, cid, path);
}

export const GET = handle;
export const HEAD = handle;
