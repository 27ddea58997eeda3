import { cachedServicesHealth } from '../../../lib/platform/health-cache';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(): Promise<Response> {
  const report = await cachedServicesHealth(); // live checks at most once a second (lib/platform/health-cache.ts)
  return Response.json(report, { status: report.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
