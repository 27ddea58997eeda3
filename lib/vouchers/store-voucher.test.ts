import { getAddress, parseEther } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackIdOf } from '../contracts/track-id';
import { readVoucher } from './read-voucher';
import { VoucherError } from './errors';
import { storeVoucher, voucherShortId } from './store-voucher';
import { startVoucherChain, type VoucherChain } from './testing/voucher-chain';

let c: VoucherChain;
beforeAll(async () => {
  c = await startVoucherChain(917_161);
});
afterAll(async () => c?.stop());

const store = (body: unknown, nowSeconds?: number) =>
  storeVoucher({
    prisma: c.prisma,
    chain: c.publicClient,
    storage: c.storage,
    chainId: c.chainId,
    collection: c.collection,
    body,
    nowSeconds,
  });

async function refusal(body: unknown): Promise<VoucherError> {
  const error = await store(body).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof VoucherError)) throw new Error(`expected a VoucherError, got ${String(error)}`);
  return error;
}

describe('storeVoucher (anvil, PostgreSQL, Helia)', () => {
  it("stores a creator's voucher under a short id, with the title of its pinned folder; storing it again keeps the id", async () => {
    const creator = await c.funded();
    const content = await c.pinFolder('Harbour Lights', creator);
    const signed = await c.sign(creator, content, { price: parseEther('0.02') });
    const stored = await store(c.body(signed));
    expect(stored.shortId).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect(stored.shortId).toBe(voucherShortId(c.chainId, c.collection, creator.account.address, signed.voucher.nonce));
    expect(stored.tokenId).toBe(trackIdOf(creator.account.address, content).toString());
    const row = await c.prisma.storedVoucher.findUniqueOrThrow({ where: { shortId: stored.shortId } });
    expect(row).toMatchObject({
      chainId: c.chainId,
      creator: getAddress(creator.account.address),
      title: 'Harbour Lights',
      genre: 'folk',
      bpm: 96,
      deadline: signed.voucher.deadline,
    });
    expect(row.priceWei.toFixed()).toBe(parseEther('0.02').toString());
    await expect(store(c.body(signed))).resolves.toEqual(stored);
    expect(await c.prisma.storedVoucher.count({ where: { chainId: c.chainId, shortId: stored.shortId } })).toBe(1);
  });

  it('refuses a voucher signed by someone other than the creator it names', async () => {
    const creator = await c.funded();
    const impostor = await c.funded();
    const signed = await c.sign(impostor, await c.pinFolder('Not Mine', impostor));
    const forged = { ...signed, voucher: { ...signed.voucher, creator: creator.account.address } };
    const error = await refusal(c.body(forged));
    expect([error.reason, error.status]).toEqual(['bad-signature', 422]);
    expect(error.shortMessage).toContain(creator.account.address);
    expect(
      await c.prisma.storedVoucher.count({ where: { chainId: c.chainId, creator: creator.account.address } }),
    ).toBe(0);
  });

  it("refuses a voucher for someone else's track folder, and one for a folder this node cannot read", async () => {
    const author = await c.funded();
    const squatter = await c.funded();
    const theirs = await c.pinFolder('Not Yours', author);
    // a valid voucher by the squatter (their own signature) for a folder whose manifest the author signed
    const squatted = await refusal(c.body(await c.sign(squatter, theirs)));
    expect([squatted.reason, squatted.status]).toEqual(['not-author', 422]);
    expect(squatted.shortMessage).toContain(squatter.account.address);
    // a folder nobody pinned here: its author cannot be checked
    const unreadable = await refusal(c.body(await c.sign(squatter, `0x${'ab'.repeat(32)}`)));
    expect(unreadable.reason).toBe('not-author');
    expect(
      await c.prisma.storedVoucher.count({ where: { chainId: c.chainId, creator: squatter.account.address } }),
    ).toBe(0);
    // the author's own voucher for it is stored
    await expect(store(c.body(await c.sign(author, theirs)))).resolves.toMatchObject({ shortId: expect.any(String) });
  });

  it('refuses a voucher whose fields were changed after signing (a lower price)', async () => {
    const creator = await c.funded();
    const signed = await c.sign(creator, await c.pinFolder('Full Price', creator));
    const error = await refusal(c.body({ ...signed, voucher: { ...signed.voucher, price: 1n } }));
    expect(error.reason).toBe('bad-signature');
  });

  it('refuses a voucher for another chain id, or for another contract, or signed over another domain', async () => {
    const creator = await c.funded();
    const content = await c.pinFolder('Elsewhere', creator);
    const signed = await c.sign(creator, content);
    const other = getAddress('0x00000000000000000000000000000000000c0ffe');
    expect((await refusal(c.body(signed, { chainId: 1, collection: c.collection }))).reason).toBe('wrong-chain');
    expect((await refusal(c.body(signed, { chainId: c.chainId, collection: other }))).reason).toBe('wrong-collection');
    // signed for chain 1 but posted as ours: the signature does not match this chain's domain
    const forChain1 = await c.sign(creator, content, { domain: { chainId: 1, collection: c.collection } });
    expect((await refusal(c.body(forChain1))).reason).toBe('bad-signature');
    const forOther = await c.sign(creator, content, { domain: { chainId: c.chainId, collection: other } });
    expect((await refusal(c.body(forOther))).reason).toBe('bad-signature');
  });

  it('refuses a malformed body with a 400 that names each invalid field', async () => {
    const creator = await c.funded();
    const signed = await c.sign(creator, await c.pinFolder('Broken', creator));
    const body = c.body(signed) as { voucher: Record<string, unknown> };
    const error = await refusal({ ...body, chainId: 'x', voucher: { ...body.voucher, price: '-1', creator: 'bob' } });
    expect([error.reason, error.status]).toEqual(['malformed', 400]);
    expect(error.issues.join('\n')).toMatch(/chainId/);
    expect(error.issues.join('\n')).toMatch(/voucher\.creator: must be an address/);
    expect((await refusal(null)).reason).toBe('malformed');
    expect((await refusal({ chainId: c.chainId, collection: c.collection })).reason).toBe('malformed');
  });

  it('refuses an expired voucher', async () => {
    const creator = await c.funded();
    const block = await c.publicClient.getBlock();
    const signed = await c.sign(creator, await c.pinFolder('Too Late', creator), { deadline: block.timestamp - 1n });
    const error = await store(c.body(signed), Number(block.timestamp)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VoucherError);
    expect(error instanceof VoucherError && error.reason).toBe('expired');
  });

  it('stores a voucher priced in the stablecoin (issue #20): its price in token units, its currency read back', async () => {
    const creator = await c.funded();
    const currency = await c.stablecoin();
    const signed = await c.sign(creator, await c.pinFolder('Stable Shore', creator), { price: 12_500_000n, currency });
    const stored = await store(c.body(signed));
    const row = await c.prisma.storedVoucher.findUniqueOrThrow({ where: { shortId: stored.shortId } });
    expect(row.priceWei.toFixed()).toBe('12500000');
    const view = await readVoucher(c.prisma, c.chainId, stored.shortId);
    expect(view.currency).toBe(currency);
    expect(view.signed.voucher).toMatchObject({ currency, price: 12_500_000n });
  });

  it('refuses a native signature presented as priced in a token, and a currency the collection does not take', async () => {
    const creator = await c.funded();
    const currency = await c.stablecoin();
    const native = await c.sign(creator, await c.pinFolder('Swapped Form', creator), { price: 12_500_000n });
    const swapped = { voucher: { ...native.voucher, currency }, signature: native.signature };
    expect((await refusal(c.body(swapped))).reason).toBe('bad-signature');
    // signed by the creator, but in a token that is not on the collection's allowlist
    const other = '0x000000000000000000000000000000000000bEEF';
    const unlisted = await c.sign(creator, await c.pinFolder('Unlisted Coin', creator), { currency: other });
    const error = await refusal(c.body(unlisted));
    expect(error.reason).toBe('currency-not-allowed');
    expect(error.status).toBe(422);
  });
});
