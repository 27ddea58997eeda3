import { BaseError, ContractFunctionRevertedError } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackCollectionAbi } from '../contracts/abi';
import { trackIdOf } from '../contracts/track-id';
import { redeemVoucher } from './redeem-voucher';
import { startVoucherChain, type VoucherChain } from './testing/voucher-chain';

let c: VoucherChain;
beforeAll(async () => {
  c = await startVoucherChain(917_171);
});
afterAll(async () => c?.stop());

const revertName = (error: unknown): string | undefined => {
  const reverted =
    error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
  return reverted instanceof ContractFunctionRevertedError ? reverted.data?.errorName : undefined;
};

describe('redeemVoucher (anvil)', () => {
  it('mints the track to the collector and credits the price to the creator', async () => {
    const creator = await c.funded();
    const collector = await c.funded();
    const signed = await c.sign(creator, await c.pinFolder('Low Tide', creator));
    const hash = await redeemVoucher(
      { publicClient: c.publicClient, walletClient: collector },
      { collection: c.collection, signed, to: collector.account.address },
    );
    expect((await c.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    const tokenId = trackIdOf(creator.account.address, signed.voucher.content);
    const read = { address: c.collection, abi: trackCollectionAbi } as const;
    await expect(c.publicClient.readContract({ ...read, functionName: 'ownerOf', args: [tokenId] })).resolves.toBe(
      collector.account.address,
    );
    await expect(
      c.publicClient.readContract({ ...read, functionName: 'creditsOf', args: [creator.account.address] }),
    ).resolves.toBe(signed.voucher.price);
  });

  it('refuses a voucher already redeemed before the wallet signs: nothing is sent, nothing is paid', async () => {
    const creator = await c.funded();
    const first = await c.funded();
    const late = await c.funded();
    const signed = await c.sign(creator, await c.pinFolder('Once Only', creator));
    const hash = await redeemVoucher(
      { publicClient: c.publicClient, walletClient: first },
      { collection: c.collection, signed, to: first.account.address },
    );
    await c.publicClient.waitForTransactionReceipt({ hash });
    const nonceBefore = await c.publicClient.getTransactionCount({ address: late.account.address });
    const balanceBefore = await c.publicClient.getBalance({ address: late.account.address });
    const error = await redeemVoucher(
      { publicClient: c.publicClient, walletClient: late },
      { collection: c.collection, signed, to: late.account.address },
    ).catch((e: unknown) => e);
    expect(revertName(error)).toBe('VoucherNonceUsed');
    expect(await c.publicClient.getTransactionCount({ address: late.account.address })).toBe(nonceBefore);
    expect(await c.publicClient.getBalance({ address: late.account.address })).toBe(balanceBefore);
  });
});
