import { BaseError, ContractFunctionRevertedError, erc20Abi, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackCollectionAbi } from '../contracts/abi';
import { trackIdOf } from '../contracts/track-id';
import { voucherTypedData } from '../contracts/voucher';
import { redeemVoucher, redeemVoucherSteps } from './redeem-voucher';
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

  describe('priced in the test stablecoin (issue #20)', () => {
    const PRICE = 12_500_000n; // 12.5 tUSD
    const tusdOf = async (who: Address) =>
      c.publicClient.readContract({
        address: await c.stablecoin(),
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [who],
      });
    const creditsIn = async (who: Address) =>
      c.publicClient.readContract({
        address: c.collection,
        abi: trackCollectionAbi,
        functionName: 'currencyCreditsOf',
        args: [who, await c.stablecoin()],
      });
    const run = async (steps: { send: () => Promise<`0x${string}`> }[]) => {
      for (const step of steps) {
        const receipt = await c.publicClient.waitForTransactionReceipt({ hash: await step.send() });
        expect(receipt.status).toBe('success');
      }
    };

    it('approves exactly the price, then redeems: the token moves to the collector, the price to the creator’s credits, to the unit', async () => {
      const creator = await c.funded();
      const collector = await c.funded();
      await c.mintStablecoin(collector.account.address, 20_000_000n);
      const signed = await c.sign(creator, await c.pinFolder('Dollar Tide', creator), {
        price: PRICE,
        currency: await c.stablecoin(),
      });
      const clients = { publicClient: c.publicClient, walletClient: collector };
      const params = { collection: c.collection, signed, to: collector.account.address, label: 'Mint', symbol: 'tUSD' };
      const steps = await redeemVoucherSteps(clients, params);
      expect(steps.map((s) => s.label)).toEqual(['Allow the collection to take tUSD', 'Mint']);
      await run(steps);
      const tokenId = trackIdOf(creator.account.address, signed.voucher.content);
      const read = { address: c.collection, abi: trackCollectionAbi } as const;
      expect(await c.publicClient.readContract({ ...read, functionName: 'ownerOf', args: [tokenId] })).toBe(
        collector.account.address,
      );
      expect(await c.publicClient.readContract({ ...read, functionName: 'creatorOf', args: [tokenId] })).toBe(
        creator.account.address,
      );
      expect(await tusdOf(collector.account.address)).toBe(20_000_000n - PRICE);
      expect(await creditsIn(creator.account.address)).toBe(PRICE);
      expect(
        await c.publicClient.readContract({ ...read, functionName: 'creditsOf', args: [creator.account.address] }),
      ).toBe(0n);
      // the allowance was exactly the price: nothing is left for the collection to take
      expect(
        await c.publicClient.readContract({
          address: await c.stablecoin(),
          abi: erc20Abi,
          functionName: 'allowance',
          args: [collector.account.address, c.collection],
        }),
      ).toBe(0n);
    });

    it('asks for no approval when the allowance already covers the price', async () => {
      const creator = await c.funded();
      const collector = await c.funded();
      await c.mintStablecoin(collector.account.address, PRICE);
      const hash = await collector.writeContract({
        address: await c.stablecoin(),
        abi: erc20Abi,
        functionName: 'approve',
        args: [c.collection, PRICE * 2n],
      });
      await c.publicClient.waitForTransactionReceipt({ hash });
      const signed = await c.sign(creator, await c.pinFolder('Covered', creator), {
        price: PRICE,
        currency: await c.stablecoin(),
      });
      const steps = await redeemVoucherSteps(
        { publicClient: c.publicClient, walletClient: collector },
        { collection: c.collection, signed, to: collector.account.address, label: 'Mint', symbol: 'tUSD' },
      );
      expect(steps.map((s) => s.label)).toEqual(['Mint']);
      await run(steps);
      expect(await tusdOf(collector.account.address)).toBe(0n);
    });

    it('a currency voucher whose nonce was redeemed natively is refused before signing; a native signature never redeems as a currency voucher', async () => {
      const creator = await c.funded();
      const collector = await c.funded();
      await c.mintStablecoin(collector.account.address, PRICE);
      const clients = { publicClient: c.publicClient, walletClient: collector };
      const native = await c.sign(creator, await c.pinFolder('Native First', creator));
      // the same fields and signature, presented as priced in tUSD: a different EIP-712 type, so not the creator's
      const forged = { voucher: { ...native.voucher, currency: await c.stablecoin() }, signature: native.signature };
      const forgedError = await redeemVoucher(clients, {
        collection: c.collection,
        signed: forged,
        to: collector.account.address,
      }).catch((e: unknown) => e);
      expect(revertName(forgedError)).toBe('InvalidVoucherSignature');
      await c.publicClient.waitForTransactionReceipt({
        hash: await redeemVoucher(clients, { collection: c.collection, signed: native, to: collector.account.address }),
      });
      // the creator signs the same nonce again, priced in tUSD: the nonce is spent in either form
      const again = await c.sign(creator, native.voucher.content, { price: PRICE, currency: await c.stablecoin() });
      const reused = {
        ...again,
        voucher: { ...again.voucher, nonce: native.voucher.nonce },
      };
      const resigned = await creator.signTypedData(voucherTypedData(reused.voucher, c.chainId, c.collection));
      const error = await redeemVoucher(clients, {
        collection: c.collection,
        signed: { voucher: reused.voucher, signature: resigned },
        to: collector.account.address,
      }).catch((e: unknown) => e);
      expect(revertName(error)).toBe('VoucherNonceUsed');
      expect(await tusdOf(collector.account.address)).toBe(PRICE);
    });
  });
});
