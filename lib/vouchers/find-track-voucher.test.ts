import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackCollectionAbi } from '../contracts/abi';
import { findTrackVoucher } from './find-track-voucher';
import { storeVoucher } from './store-voucher';
import { startVoucherChain, type VoucherChain } from './testing/voucher-chain';

let c: VoucherChain;
beforeAll(async () => {
  c = await startVoucherChain(917_165);
});
afterAll(async () => c?.stop());

describe('findTrackVoucher (anvil, PostgreSQL, indexer)', () => {
  it('finds the open voucher of a token not minted yet, with its title, and none once it is redeemed', async () => {
    const creator = await c.funded();
    const signed = await c.sign(creator, await c.pinFolder('Before The Mint', creator));
    const { shortId, tokenId } = await storeVoucher({
      prisma: c.prisma,
      chain: c.publicClient,
      storage: c.storage,
      chainId: c.chainId,
      collection: c.collection,
      body: c.body(signed),
    });
    await expect(findTrackVoucher(c.prisma, c.chainId, BigInt(tokenId))).resolves.toEqual({
      shortId,
      title: 'Before The Mint',
    });
    await expect(findTrackVoucher(c.prisma, c.chainId, BigInt(tokenId) + 1n)).resolves.toBeNull();

    const buyer = await c.funded();
    const hash = await buyer.writeContract({
      address: c.collection,
      abi: trackCollectionAbi,
      functionName: 'redeem',
      args: [signed.voucher, signed.signature, buyer.account.address],
      value: signed.voucher.price,
    });
    expect((await c.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    await c.sync();
    await expect(findTrackVoucher(c.prisma, c.chainId, BigInt(tokenId))).resolves.toBeNull();
  });
});
