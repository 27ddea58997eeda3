import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { hashTypedData, parseEther, parseEventLogs, toHex, type Address, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketAbi, splitMainAbi, trackCollectionAbi } from '../../lib/contracts/abi';
import { deployContracts } from '../../lib/contracts/deploy';
import type { Deployment } from '../../lib/contracts/deployment';
import { LICENCES, tokenIdFromContent, voucherDomain, voucherTypes, type Voucher } from '../../lib/contracts/voucher';
import { ANVIL_KEY_0, startTestChain, type TestChain } from './chain';

let t: TestChain;
let d: Deployment;
let track: Address;
let splits: Address;
let market: Address;
const dir = mkdtempSync(path.join(os.tmpdir(), 'motif-flows-'));

beforeAll(async () => {
  t = await startTestChain();
  ({ deployment: d } = await deployContracts({
    publicClient: t.publicClient,
    walletClient: t.wallet(ANVIL_KEY_0),
    deploymentPath: path.join(dir, 'deployment.json'),
  }));
  track = d.contracts.TrackCollection.address;
  splits = d.contracts.SplitMain.address;
  market = d.contracts.Market.address;
}, 120_000);
afterAll(async () => {
  await t?.anvil.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function contentOf(text: string): Promise<{ digest: Hex; cid: string }> {
  const mh = await sha256.digest(new TextEncoder().encode(text));
  return { digest: toHex(mh.digest), cid: CID.createV1(0x70, mh).toString() };
}

async function mined(hash: Hex) {
  const receipt = await t.publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
  return receipt;
}

describe('TrackCollection through viem', () => {
  it('mints a 1/1 whose tokenURI is the CIDv1 of its stored digest', async () => {
    const { wallet: creator } = await t.funded();
    const { digest, cid } = await contentOf('track one');
    const receiver = creator.account.address;
    const hash = await creator.writeContract({
      address: track,
      abi: trackCollectionAbi,
      functionName: 'mint',
      args: [creator.account.address, digest, toHex(1n, { size: 32 }), receiver, 750, 7],
    });
    const receipt = await mined(hash);
    const [minted] = parseEventLogs({ abi: trackCollectionAbi, logs: receipt.logs, eventName: 'TrackMinted' });
    expect(minted?.args.contentDigest).toBe(digest);
    expect(minted?.args.creator).toBe(creator.account.address);
    expect(minted?.args.licence).toBe(7);
    const id = tokenIdFromContent(digest);
    expect(await t.publicClient.readContract({ address: track, abi: trackCollectionAbi, functionName: 'tokenURI', args: [id] })).toBe(
      `ipfs://${cid}/metadata.json`,
    );
    expect(cid.startsWith('bafybei')).toBe(true);
    const [r, amount] = await t.publicClient.readContract({
      address: track,
      abi: trackCollectionAbi,
      functionName: 'royaltyInfo',
      args: [id, 10_000n],
    });
    expect(r).toBe(receiver);
    expect(amount).toBe(750n);
    const name = await t.publicClient.readContract({ address: track, abi: trackCollectionAbi, functionName: 'licenceName', args: [7] });
    expect(name).toBe(LICENCES[7]);
  });

  it('redeems a viem-signed voucher once, credits the creator, and refuses replays', async () => {
    const { key: creatorKey, wallet: creator } = await t.funded();
    const { wallet: collector } = await t.funded();
    const voucher: Voucher = {
      creator: creator.account.address,
      content: (await contentOf('voucher track')).digest,
      manifest: toHex(2n, { size: 32 }),
      price: parseEther('0.05'),
      royaltyReceiver: creator.account.address,
      royaltyBps: 500,
      licence: 2,
      nonce: 42n,
      deadline: BigInt(Math.floor(Date.now() / 1000) + 3600),
    };
    const domain = voucherDomain(t.chain.id, track);
    const signature = await creator.signTypedData({ domain, types: voucherTypes, primaryType: 'Voucher', message: voucher });
    const onChainDigest = await t.publicClient.readContract({
      address: track,
      abi: trackCollectionAbi,
      functionName: 'voucherDigest',
      args: [voucher],
    });
    expect(onChainDigest).toBe(hashTypedData({ domain, types: voucherTypes, primaryType: 'Voucher', message: voucher }));
    expect(creatorKey).toMatch(/^0x/);

    await mined(
      await collector.writeContract({
        address: track,
        abi: trackCollectionAbi,
        functionName: 'redeem',
        args: [voucher, signature, collector.account.address],
        value: voucher.price,
      }),
    );
    const id = tokenIdFromContent(voucher.content);
    expect(await t.publicClient.readContract({ address: track, abi: trackCollectionAbi, functionName: 'ownerOf', args: [id] })).toBe(
      collector.account.address,
    );
    expect(
      await t.publicClient.readContract({ address: track, abi: trackCollectionAbi, functionName: 'creditsOf', args: [creator.account.address] }),
    ).toBe(voucher.price);

    await expect(
      t.publicClient.simulateContract({
        account: collector.account,
        address: track,
        abi: trackCollectionAbi,
        functionName: 'redeem',
        args: [voucher, signature, collector.account.address],
        value: voucher.price,
      }),
    ).rejects.toThrow(/VoucherNonceUsed/);

    // The same signature on another deployment of the contract is worthless.
    const other = await deployContracts({
      publicClient: t.publicClient,
      walletClient: t.wallet(ANVIL_KEY_0),
      deploymentPath: path.join(dir, 'other.json'),
    });
    await expect(
      t.publicClient.simulateContract({
        account: collector.account,
        address: other.deployment.contracts.TrackCollection.address,
        abi: trackCollectionAbi,
        functionName: 'redeem',
        args: [voucher, signature, collector.account.address],
        value: voucher.price,
      }),
    ).rejects.toThrow(/InvalidVoucherSignature/);

    const before = await t.publicClient.getBalance({ address: creator.account.address });
    await mined(
      await collector.writeContract({ address: track, abi: trackCollectionAbi, functionName: 'withdraw', args: [creator.account.address] }),
    );
    expect((await t.publicClient.getBalance({ address: creator.account.address })) - before).toBe(voucher.price);
  });

  it('refuses an expired voucher and a cancelled nonce', async () => {
    const { wallet: creator } = await t.funded();
    const { wallet: collector } = await t.funded();
    const base: Voucher = {
      creator: creator.account.address,
      content: (await contentOf('late')).digest,
      manifest: toHex(3n, { size: 32 }),
      price: 1n,
      royaltyReceiver: creator.account.address,
      royaltyBps: 0,
      licence: 0,
      nonce: 1n,
      deadline: 1n,
    };
    const sign = (v: Voucher) =>
      creator.signTypedData({ domain: voucherDomain(t.chain.id, track), types: voucherTypes, primaryType: 'Voucher', message: v });
    const redeem = async (v: Voucher) =>
      t.publicClient.simulateContract({
        account: collector.account,
        address: track,
        abi: trackCollectionAbi,
        functionName: 'redeem',
        args: [v, await sign(v), collector.account.address],
        value: v.price,
      });
    await expect(redeem(base)).rejects.toThrow(/VoucherExpired/);
    const live = { ...base, nonce: 2n, deadline: 2n ** 40n };
    await mined(await creator.writeContract({ address: track, abi: trackCollectionAbi, functionName: 'cancelNonce', args: [2n] }));
    await expect(redeem(live)).rejects.toThrow(/VoucherNonceUsed/);
  });
});

describe('splits and market through viem', () => {
  it('sells a track, credits its royalty to a split, and distributes it to the payees', async () => {
    const { wallet: seller } = await t.funded();
    const { wallet: buyer } = await t.funded();
    const payees = [seller.account.address, (await t.funded()).wallet.account.address].sort((a, b) =>
      BigInt(a) < BigInt(b) ? -1 : 1,
    ) as [Address, Address];
    const shares = [600_000, 400_000];
    const zero = '0x0000000000000000000000000000000000000000' as const;
    const predicted = await t.publicClient.readContract({
      address: splits,
      abi: splitMainAbi,
      functionName: 'predictSplitAddress',
      args: [payees, shares, zero],
    });
    const created = await mined(
      await seller.writeContract({ address: splits, abi: splitMainAbi, functionName: 'createSplit', args: [payees, shares, zero] }),
    );
    const [event] = parseEventLogs({ abi: splitMainAbi, logs: created.logs, eventName: 'SplitCreated' });
    expect(event?.args.split).toBe(predicted);

    const { digest } = await contentOf('market track');
    const id = tokenIdFromContent(digest);
    await mined(
      await seller.writeContract({
        address: track,
        abi: trackCollectionAbi,
        functionName: 'mint',
        args: [seller.account.address, digest, digest, predicted, 1000, 8],
      }),
    );
    await mined(
      await seller.writeContract({ address: track, abi: trackCollectionAbi, functionName: 'setApprovalForAll', args: [market, true] }),
    );
    const price = parseEther('2');
    await mined(await seller.writeContract({ address: market, abi: marketAbi, functionName: 'list', args: [track, id, price] }));
    const sale = await mined(
      await buyer.writeContract({ address: market, abi: marketAbi, functionName: 'buy', args: [track, id], value: price }),
    );
    const [sold] = parseEventLogs({ abi: marketAbi, logs: sale.logs, eventName: 'Sale' });
    expect(sold?.args.royalty).toBe(parseEther('0.2'));
    expect(sold?.args.royaltyReceiver).toBe(predicted);
    expect(await t.publicClient.readContract({ address: track, abi: trackCollectionAbi, functionName: 'ownerOf', args: [id] })).toBe(
      buyer.account.address,
    );
    await expect(
      t.publicClient.simulateContract({
        account: buyer.account,
        address: market,
        abi: marketAbi,
        functionName: 'buy',
        args: [track, id],
        value: price,
      }),
    ).rejects.toThrow(/NotListed/);

    // Royalty: market -> split wallet (pull, anyone may trigger) -> SplitMain ledger -> payees.
    await mined(await buyer.writeContract({ address: market, abi: marketAbi, functionName: 'withdraw', args: [predicted] }));
    expect(await t.publicClient.getBalance({ address: predicted })).toBe(parseEther('0.2'));
    await mined(
      await buyer.writeContract({ address: splits, abi: splitMainAbi, functionName: 'distributeETH', args: [predicted, payees, shares] }),
    );
    const owed = await Promise.all(
      payees.map((p) => t.publicClient.readContract({ address: splits, abi: splitMainAbi, functionName: 'balanceOf', args: [p, zero] })),
    );
    expect(owed).toEqual([parseEther('0.12'), parseEther('0.08')]);
    expect(
      await t.publicClient.readContract({ address: market, abi: marketAbi, functionName: 'creditsOf', args: [seller.account.address] }),
    ).toBe(parseEther('1.8'));
  });
});
