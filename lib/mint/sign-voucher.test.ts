import { erc20Abi, getAddress, parseUnits, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { motifTestUsdAbi, trackCollectionAbi } from '../contracts/abi';
import { licenceId } from '../contracts/licences';
import { DraftNotReadyError } from './contracts';
import { parseSignedVoucher } from '../vouchers/signed-voucher';
import { redeemVoucherSteps } from '../vouchers/redeem-voucher';
import { NoStablecoinError, signVoucher, VOUCHER_LIFETIME_SECONDS, voucherNonce, voucherOf } from './sign-voucher';
import { pinnedFor, startMintChain, testDraft, type MintChain } from './testing/mint-chain';

let c: MintChain;
beforeAll(async () => {
  c = await startMintChain();
});
afterAll(async () => c?.stop());

const ETH = { symbol: 'ETH', decimals: 18 };
const USDC = { symbol: 'USDC', decimals: 6 };

type VoucherJson = { voucher: Record<string, string | number>; signature: Hex };

describe('signVoucher (anvil)', () => {
  it('a buyer redeems the signed voucher; the proceeds go to the creator and the track carries its royalty', async () => {
    const { wallet } = await c.funded();
    const buyer = await c.funded();
    const creator = wallet.account.address;
    const base = await testDraft(creator, { mode: 'voucher', price: '0.02', licence: 'CC-BY-SA-4.0' });
    const pinned = pinnedFor(base, creator);
    const draft = { ...base, progress: { pinned, split: { address: creator } } };
    const block = await c.publicClient.getBlock();
    const { json } = await signVoucher(wallet, {
      draft,
      collection: c.contracts.collection,
      chainId: c.chain.id,
      nowSeconds: Number(block.timestamp),
      currency: c.chain.nativeCurrency,
    });
    const parsed = JSON.parse(json) as VoucherJson;
    const v = parsed.voucher;
    expect(v).toMatchObject({
      creator,
      payout: creator,
      royaltyReceiver: creator,
      royaltyBps: 500,
      licence: licenceId('CC-BY-SA-4.0'),
      price: parseUnits('0.02', c.chain.nativeCurrency.decimals).toString(),
      nonce: voucherNonce(draft.id, pinned.cid).toString(),
    });
    expect(Number(v.deadline)).toBe(Number(block.timestamp) + VOUCHER_LIFETIME_SECONDS);
    const voucher = {
      creator,
      content: pinned.contentDigest,
      manifest: pinned.manifestDigest,
      price: BigInt(v.price as string),
      payout: creator,
      royaltyReceiver: creator,
      royaltyBps: Number(v.royaltyBps),
      licence: Number(v.licence),
      nonce: BigInt(v.nonce as string),
      deadline: BigInt(v.deadline as string),
    };
    const hash = await buyer.wallet.writeContract({
      address: c.contracts.collection,
      abi: trackCollectionAbi,
      functionName: 'redeem',
      args: [voucher, parsed.signature, buyer.wallet.account.address],
      value: voucher.price,
    });
    expect((await c.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    expect(
      await c.publicClient.readContract({
        address: c.contracts.collection,
        abi: trackCollectionAbi,
        functionName: 'ownerOf',
        args: [BigInt(pinned.tokenId)],
      }),
    ).toBe(buyer.wallet.account.address);
  });

  it('the nonce is the same for the same draft and folder (one redemption however often it is signed), new otherwise', async () => {
    const creator = (await c.funded()).wallet.account.address;
    const d = await testDraft(creator, { mode: 'voucher' });
    const withPin = { ...d, progress: { pinned: pinnedFor(d, creator), split: { address: creator } } };
    expect(voucherOf(withPin, creator, 1, ETH).nonce).toBe(voucherOf(withPin, creator, 2, ETH).nonce);
    expect(voucherNonce(d.id, 'bafy-a')).not.toBe(voucherNonce(d.id, 'bafy-b'));
    expect(voucherNonce(d.id, 'bafy-a') < 2n ** 192n).toBe(true);
    expect(() => voucherOf(d, creator, 1, ETH)).toThrow(DraftNotReadyError);
  });

  it("prices the voucher in the chain's currency decimals (a 6-decimals token: 0.02 is 20,000 base units)", async () => {
    const creator = (await c.funded()).wallet.account.address;
    const d = await testDraft(creator, { mode: 'voucher', price: '0.02' });
    const withPin = { ...d, progress: { pinned: pinnedFor(d, creator), split: { address: creator } } };
    expect(voucherOf(withPin, creator, 1, USDC).price).toBe(20_000n);
    expect(voucherOf(withPin, creator, 1, ETH).price).toBe(20_000_000_000_000_000n);
  });

  it('a draft priced in the stablecoin signs a CurrencyVoucher in its decimals; a collector approves and redeems it (issue #20)', async () => {
    const { wallet } = await c.funded();
    const buyer = (await c.funded()).wallet;
    const creator = wallet.account.address;
    const base = await testDraft(creator, { mode: 'voucher', price: '12.5', priceIn: 'stablecoin' });
    const draft = { ...base, progress: { pinned: pinnedFor(base, creator), split: { address: creator } } };
    const block = await c.publicClient.getBlock();
    const { json } = await signVoucher(wallet, {
      draft,
      collection: c.contracts.collection,
      chainId: c.chain.id,
      nowSeconds: Number(block.timestamp),
      currency: c.chain.nativeCurrency,
      stablecoin: c.stablecoin,
    });
    const parsed = parseSignedVoucher(json);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.voucher).toMatchObject({ price: 12_500_000n, currency: getAddress(c.stablecoin.address) });
    const usd = { address: c.stablecoin.address, abi: erc20Abi } as const;
    await c.publicClient.waitForTransactionReceipt({
      hash: await buyer.writeContract({
        address: c.stablecoin.address,
        abi: motifTestUsdAbi,
        functionName: 'mint',
        args: [buyer.account.address, 12_500_000n],
      }),
    });
    const steps = await redeemVoucherSteps(
      { publicClient: c.publicClient, walletClient: buyer },
      {
        collection: c.contracts.collection,
        signed: parsed.value,
        to: buyer.account.address,
        label: 'Mint',
        symbol: 'tUSD',
      },
    );
    expect(steps).toHaveLength(2);
    for (const step of steps)
      expect((await c.publicClient.waitForTransactionReceipt({ hash: await step.send() })).status).toBe('success');
    expect(
      await c.publicClient.readContract({ ...usd, functionName: 'balanceOf', args: [buyer.account.address] }),
    ).toBe(0n);
    expect(
      await c.publicClient.readContract({
        address: c.contracts.collection,
        abi: trackCollectionAbi,
        functionName: 'currencyCreditsOf',
        args: [creator, c.stablecoin.address],
      }),
    ).toBe(12_500_000n);
  });

  it('a draft priced in the stablecoin on a platform without one is refused before signing', async () => {
    const creator = (await c.funded()).wallet.account.address;
    const d = await testDraft(creator, { mode: 'voucher', price: '1', priceIn: 'stablecoin' });
    const withPin = { ...d, progress: { pinned: pinnedFor(d, creator), split: { address: creator } } };
    expect(() => voucherOf(withPin, creator, 1, ETH)).toThrow(NoStablecoinError);
    expect(
      'currency' in voucherOf({ ...withPin, details: { ...withPin.details, priceIn: 'native' } }, creator, 1, ETH),
    ).toBe(false);
  });
});
