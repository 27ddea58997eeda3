/** GET /api/ping -> { ok: true }: the trivial route the gallery's latency is compared with in `npm run bench`. */
export function createPingHandler(): () => Response {
  return () => Response.json({ ok: true });
}
