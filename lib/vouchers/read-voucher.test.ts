import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackCollectionAbi } from '../contracts/abi';
import { VoucherError } from './errors';
import { readVoucher } from './read-voucher';
import { storeVoucher } from './store-voucher';
import { startVoucherChain, type VoucherChain } from './testing/voucher-chain';

let c: VoucherChain;
beforeAll(async () => {
  c = await startVoucherChain(917_162);
});
afterAll(async () => c?.stop());

async function stored(title: string, options: { deadline?: bigint; nowSeconds?: number } = {}) {
  const creator = await c.funded();
  const signed = await c.sign(creator, await c.pinFolder(title, creator), { deadline: options.deadline });
  const { shortId } = await storeVoucher({
    prisma: c.prisma,
    chain: c.publicClient,
    storage: c.storage,
    chainId: c.chainId,
    collection: c.collection,
    body: c.body(signed),
    nowSeconds: options.nowSeconds,
  });
  return { creator, signed, shortId };
}

describe('readVoucher (anvil, PostgreSQL, indexer)', () => {
  it('reads an open voucher, and reads it as redeemed once its redemption is indexed', async () => {
    const { creator, signed, shortId } = await stored('Open Water');
    const view = await readVoucher(c.prisma, c.chainId, shortId);
    expect(view).toMatchObject({ shortId, title: 'Open Water', state: 'open', creator: creator.account.address });
    expect(view.priceWei).toBe(signed.voucher.price.toString());
    expect(view.signed).toEqual(signed);

    const buyer = await c.funded();
    const hash = await buyer.writeContract({
      address: c.collection,
      abi: trackCollectionAbi,
      functionName: 'redeem',
      args: [view.signed.voucher, view.signed.signature, buyer.account.address],
      value: view.signed.voucher.price,
    });
    expect((await c.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    expect((await readVoucher(c.prisma, c.chainId, shortId)).state).toBe('open'); // not indexed yet
    await c.sync();
    expect((await readVoucher(c.prisma, c.chainId, shortId)).state).toBe('redeemed');
  });

  it('reads a voucher as cancelled once the NonceCancelled of its nonce is indexed', async () => {
    const { creator, signed, shortId } = await stored('Called Off');
    const hash = await creator.writeContract({
      address: c.collection,
      abi: trackCollectionAbi,
      functionName: 'cancelNonce',
      args: [signed.voucher.nonce],
    });
    expect((await c.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    await c.sync();
    expect((await readVoucher(c.prisma, c.chainId, shortId)).state).toBe('cancelled');
  });

  it('reads a voucher past its deadline as expired', async () => {
    const { shortId } = await stored('Yesterday', { deadline: 1_000n, nowSeconds: 999 });
    expect((await readVoucher(c.prisma, c.chainId, shortId)).state).toBe('expired');
  });

  it('answers not-found (404) for an unknown or malformed short id, and for another chain', async () => {
    const { shortId } = await stored('Elsewhere');
    for (const [chainId, id] of [
      [c.chainId, 'AAAAAAAAAAA'],
      [c.chainId, '../../etc'],
      [c.chainId + 1, shortId],
    ] as const) {
      const error = await readVoucher(c.prisma, chainId, id).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error instanceof VoucherError && [error.reason, error.status]).toEqual(['not-found', 404]);
    }
  });
});
