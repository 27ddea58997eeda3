import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoreVoucherHandler } from '../../app/api/vouchers/handler';
import { takeRate, tooManyRequests, type RateRule } from '../../lib/http/rate-limit';
import { storeVoucher } from '../../lib/vouchers/store-voucher';
import { startVoucherChain, type VoucherChain } from '../../lib/vouchers/testing/voucher-chain';

let c: VoucherChain;
beforeAll(async () => {
  c = await startVoucherChain(917_164);
});
afterAll(async () => c?.stop());

// A rule of its own (one store a minute per client), so the 429 is this test's and no other file's.
const RULE: RateRule = { name: `voucher-test-${Date.now()}`, limit: 1, windowMs: 60_000, globalLimit: 1_000 };

const handler = () =>
  createStoreVoucherHandler({
    store: (body) =>
      storeVoucher({
        prisma: c.prisma,
        chain: c.publicClient,
        storage: c.storage,
        chainId: c.chainId,
        collection: c.collection,
        body,
      }),
    admit: async (request) => {
      const decision = await takeRate(c.prisma, RULE, request.headers.get('x-forwarded-for') ?? 'unknown');
      return decision.allowed ? null : tooManyRequests(decision);
    },
  });

let clients = 0;
const post = (body: string, client = `client-${++clients}`) =>
  handler()(
    new Request('http://localhost/api/vouchers', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body,
    }),
  );

describe('POST /api/vouchers', () => {
  it('answers 201 with the short id and the collect page path', async () => {
    const creator = await c.funded();
    const signed = await c.sign(creator, await c.pinFolder('Short Link', creator));
    const res = await post(JSON.stringify(c.body(signed)));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { shortId: string; path: string };
    expect(body.path).toBe(`/c/${body.shortId}`);
    expect(body.shortId).toMatch(/^[A-Za-z0-9_-]{11}$/);
  });

  it('answers 400 for a body that is not JSON, and for a malformed voucher with one issue per field', async () => {
    const notJson = await post('{voucher');
    expect(notJson.status).toBe(400);
    await expect(notJson.json()).resolves.toMatchObject({ reason: 'malformed' });
    const res = await post(JSON.stringify({ chainId: c.chainId, collection: 'x', voucher: {}, signature: 'zz' }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; issues: string[]; reason: string };
    expect(body.error).toBe('Not a signed voucher');
    expect(body.reason).toBe('malformed');
    expect(body.issues).toEqual(
      expect.arrayContaining([
        'collection: must be an address',
        expect.stringMatching(/^voucher\.creator: /),
        'signature: must be a hex signature',
      ]),
    );
  });

  it('answers 422 for a voucher not signed by the creator it names, with the reason', async () => {
    const author = await c.funded();
    const signed = await c.sign(author, await c.pinFolder('Forged', author));
    const other = (await c.funded()).account.address;
    const res = await post(JSON.stringify(c.body({ ...signed, voucher: { ...signed.voucher, creator: other } })));
    expect(res.status).toBe(422);
    await expect(res.json()).resolves.toMatchObject({ reason: 'bad-signature' });
  });

  it('answers 429 past the rate limit', async () => {
    const creator = await c.funded();
    const first = await c.sign(creator, await c.pinFolder('One', creator));
    const second = await c.sign(creator, await c.pinFolder('Two', creator));
    expect((await post(JSON.stringify(c.body(first)), 'same-client')).status).toBe(201);
    const res = await post(JSON.stringify(c.body(second)), 'same-client');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
