import type { PrismaClient } from '../db/client';

type RateDb = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

export type RateRule = { name: string; limit: number; windowMs: number; globalLimit: number };

/** Sign-in nonces: each one is a row; a person needs a handful a minute. */
export const NONCE_RATE: RateRule = { name: 'nonce', limit: 30, windowMs: 60_000, globalLimit: 1_000 };
/** Pins: each one stores up to ~130 MB; a creator publishes a few tracks a minute at most. */
export const PIN_RATE: RateRule = { name: 'pin', limit: 10, windowMs: 60_000, globalLimit: 120 };

/** Avatar uploads: each one pins up to 2 MiB that stays in IPFS; a person changes theirs a few times a minute at most. */
export const AVATAR_RATE: RateRule = { name: 'avatar', limit: 10, windowMs: 60_000, globalLimit: 120 };

/** Stored vouchers: each one is a row; a creator shares a few vouchers a minute at most. */
export const VOUCHER_RATE: RateRule = { name: 'voucher', limit: 20, windowMs: 60_000, globalLimit: 300 };

/**
 * The client a request comes from, for rate limits: the last X-Forwarded-For entry (the address the load balancer,
 * or Next itself when there is none, saw). Without a load balancer a client can name its own address there, which is
 * why every rule also has a global limit over all clients together.
 */
export function clientKey(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for') ?? '';
  const last = forwarded
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .at(-1);
  return (last ?? 'unknown').slice(0, 100);
}

/**
 * Counts one request against `key` in fixed windows, atomically in PostgreSQL (one statement, so web replicas
 * share the count): the new count. A row whose window has passed starts again at 1.
 */
async function countHit(
  prisma: RateDb,
  key: string,
  windowMs: number,
  now: Date,
): Promise<{ count: number; windowStart: Date }> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const rows = await prisma.$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitHit" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitHit"."windowStart" = EXCLUDED."windowStart" THEN "RateLimitHit"."count" + 1 ELSE 1 END,
      "windowStart" = EXCLUDED."windowStart"
    RETURNING "count", "windowStart"`;
  const row = rows[0];
  if (!row) throw new Error('rate limit upsert returned no row');
  return row;
}

export type RateDecision =
  { allowed: true } | { allowed: false; retryAfterSeconds: number; scope: 'client' | 'everyone' };

/** Whether one more request under `rule` from `client` is allowed now (and counts it). */
export async function takeRate(
  prisma: RateDb,
  rule: RateRule,
  client: string,
  now = new Date(),
): Promise<RateDecision> {
  const mine = await countHit(prisma, `${rule.name}:${client}`, rule.windowMs, now);
  const retryAfterSeconds = Math.max(1, Math.ceil((mine.windowStart.getTime() + rule.windowMs - now.getTime()) / 1000));
  if (mine.count === 1)
    await prisma.$executeRaw`DELETE FROM "RateLimitHit" WHERE "windowStart" < ${new Date(now.getTime() - 60 * 60 * 1000)}`; // sweep stale keys once per window
  if (mine.count > rule.limit) return { allowed: false, retryAfterSeconds, scope: 'client' };
  const all = await countHit(prisma, `${rule.name}:*`, rule.windowMs, now);
  if (all.count > rule.globalLimit) return { allowed: false, retryAfterSeconds, scope: 'everyone' };
  return { allowed: true };
}

/** The 429 for a refused decision. */
export function tooManyRequests(decision: Extract<RateDecision, { allowed: false }>): Response {
  const who = decision.scope === 'client' ? 'from this client' : 'right now';
  return Response.json(
    { error: `Too many requests ${who}; try again in ${decision.retryAfterSeconds} s` },
    { status: 429, headers: { 'retry-after': String(decision.retryAfterSeconds), 'cache-control': 'no-store' } },
  );
}
