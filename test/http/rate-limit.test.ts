import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from '../../lib/db/client';
import { clientKey, takeRate, type RateRule } from '../../lib/http/rate-limit';

const prisma = createPrismaClient(inject('databaseUrl'));
const other = createPrismaClient(inject('databaseUrl')); // a second web replica's client
afterAll(async () => {
  await prisma.$disconnect();
  await other.$disconnect();
});
const rule = (): RateRule => ({ name: `test-${randomUUID()}`, limit: 5, windowMs: 60_000, globalLimit: 8 });

describe('rate limits in PostgreSQL', () => {
  it('allows `limit` requests per client per window across replicas, then 429s until the next window', async () => {
    const r = rule();
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 1_000);
    const decisions = await Promise.all(
      Array.from({ length: 8 }, (_, i) => takeRate(i % 2 ? prisma : other, r, '10.0.0.1', now)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5); // concurrent hits are counted exactly
    expect(decisions.find((d) => !d.allowed)).toMatchObject({ allowed: false, scope: 'client', retryAfterSeconds: 59 });
    expect(await takeRate(prisma, r, '10.0.0.2', now)).toEqual({ allowed: true }); // another client has its own count
    expect(await takeRate(prisma, r, '10.0.0.1', new Date(now.getTime() + 60_000))).toEqual({ allowed: true });
  });

  it('caps all clients together, so naming a new address per request does not escape the limit', async () => {
    const r = rule();
    const now = new Date();
    const decisions = [];
    for (let i = 0; i < 10; i++) decisions.push(await takeRate(prisma, r, `spoofed-${i}`, now));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(8);
    expect(decisions.at(-1)).toMatchObject({ allowed: false, scope: 'everyone' });
  });

  it('keys a request on the last X-Forwarded-For entry', () => {
    expect(clientKey(new Request('http://x/', { headers: { 'x-forwarded-for': '1.2.3.4, 10.0.0.9' } }))).toBe(
      '10.0.0.9',
    );
    expect(clientKey(new Request('http://x/'))).toBe('unknown');
  });
});
