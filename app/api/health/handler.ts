import type { HealthReport } from '../../../lib/health/health';

/** GET /api/health -> the health report; 503 when a component fails. */
export function createHealthHandler(health: () => Promise<HealthReport>): () => Promise<Response> {
  return async () => {
    const report = await health();
    return Response.json(report, { status: report.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
  };
}
