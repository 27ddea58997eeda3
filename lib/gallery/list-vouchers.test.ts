import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackCollectionAbi } from '../contracts/abi';
import { storeVoucher } from '../vouchers/store-voucher';
import { startVoucherChain, type VoucherChain } from '../vouchers/testing/voucher-chain';
import { listOpenVouchers } from './list-vouchers';

let c: VoucherChain;
beforeAll(async () => {
  c = await startVoucherChain(917_163);
});
afterAll(async () => c?.stop());

/** A voucher stored for a new folder titled `title`, pinned and signed by a fresh creator. */
async function stored(title: string, deadline?: bigint, nowSeconds?: number) {
  const creator = await c.funded();
  const signed = await c.sign(creator, await c.pinFolder(title, creator), { deadline });
  const body = c.body(signed);
  const common = { prisma: c.prisma, chain: c.publicClient, storage: c.storage, chainId: c.chainId };
  const { shortId } = await storeVoucher({ ...common, collection: c.collection, body, nowSeconds });
  return { signed, shortId };
}

describe('listOpenVouchers (anvil, PostgreSQL, indexer)', () => {
  it('lists open vouchers with a readable folder as collectable, and drops one once its redemption is indexed', async () => {
    const open = await stored('Collect Me');
    const redeemed = await stored('Collected');
    const expired = await stored('Gone', 1_000n, 999);

    const before = await listOpenVouchers(c.prisma, c.chainId);
    expect(before.map((v) => v.shortId).sort()).toEqual([open.shortId, redeemed.shortId].sort());
    const card = before.find((v) => v.shortId === open.shortId);
    expect(card).toMatchObject({ title: 'Collect Me', genre: 'folk', bpm: 96 });
    expect(card?.priceWei).toBe(open.signed.voucher.price.toString());
    expect(before.some((v) => v.shortId === expired.shortId)).toBe(false);

    const buyer = await c.funded();
    const { voucher, signature } = redeemed.signed;
    const hash = await buyer.writeContract({
      address: c.collection,
      abi: trackCollectionAbi,
      functionName: 'redeem',
      args: [voucher, signature, buyer.account.address],
      value: voucher.price,
    });
    expect((await c.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    await c.sync();
    expect((await listOpenVouchers(c.prisma, c.chainId)).map((v) => v.shortId)).toEqual([open.shortId]);
  });
});
