// The trivial route the gallery's latency is compared with in `npm run bench` (same app, same run).
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ ok: true });
}
