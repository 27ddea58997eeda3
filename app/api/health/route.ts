import { checkHealth } from '../../../lib/platform/health';
import { getServices } from '../../../lib/platform/services';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(): Promise<Response> {
  const services = await getServices();
  const report = await checkHealth({
    rpcUrl: services.rpcUrl,
    contracts: await services.contractAddresses(),
    databaseUrl: services.databaseUrl,
    storage: services.storage,
  });
  return Response.json(report, { status: report.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
