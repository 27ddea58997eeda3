import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { hashTypedData, parseEther, parseEventLogs, toHex, type Address, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketAbi, splitMainAbi, trackCollectionAbi } from '../../lib/contracts/abi';
import { deployContracts } from '../../lib/contracts/deploy';
import { LICENCES, licenceUri } from '../../lib/contracts/licences';
import { marketOrderDomain, marketOrderTypes, type MarketOrder } from '../../lib/contracts/market-order';
import { trackIdOf } from '../../lib/contracts/track-id';
import { voucherDomain, voucherTypes, type Voucher } from '../../lib/contracts/voucher';
import { ANVIL_KEY_0 } from './chain';
import { approveMarket, createSplitOf, minedOk, startDeployedChain, type DeployedChain } from './deployed';

let t: DeployedChain;
let track: Address;
let splits: Address;
let market: Address;
/** For a second deployment (the voucher replay test). */
const dir = mkdtempSync(path.join(os.tmpdir(), 'motif-flows-'));

beforeAll(async () => {
  t = await startDeployedChain();
  ({ track, splits, market } = t);
});
afterAll(async () => {
  await t?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function contentOf(text: string): Promise<{ digest: Hex; cid: string }> {
  const mh = await sha256.digest(new TextEncoder().encode(text));
  return { digest: toHex(mh.digest), cid: CID.createV1(0x70, mh).toString() };
}

const mined = (hash: Hex) => minedOk(t, hash);

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
    const id = trackIdOf(creator.account.address, digest);
    expect(minted?.args.tokenId).toBe(id);
    expect(
      await t.publicClient.readContract({
        address: track,
        abi: trackCollectionAbi,
        functionName: 'trackId',
        args: [creator.account.address, digest],
      }),
    ).toBe(id);
    expect(
      await t.publicClient.readContract({
        address: track,
        abi: trackCollectionAbi,
        functionName: 'contentDigestOf',
        args: [id],
      }),
    ).toBe(digest);
    expect(
      await t.publicClient.readContract({
        address: track,
        abi: trackCollectionAbi,
        functionName: 'tokenURI',
        args: [id],
      }),
    ).toBe(`ipfs://${cid}/metadata.json`);
    expect(cid.startsWith('bafybei')).toBe(true);
    const [r, amount] = await t.publicClient.readContract({
      address: track,
      abi: trackCollectionAbi,
      functionName: 'royaltyInfo',
      args: [id, 10_000n],
    });
    expect(r).toBe(receiver);
    expect(amount).toBe(750n);
  });

  it('has exactly the licences of lib/contracts/licences.ts: every id, its name and its URI (one source of truth)', async () => {
    const read = { address: track, abi: trackCollectionAbi } as const;
    const count = await t.publicClient.readContract({ ...read, functionName: 'licenceCount' });
    expect(Number(count)).toBe(LICENCES.length);
    for (let id = 0; id < LICENCES.length; id++) {
      expect(await t.publicClient.readContract({ ...read, functionName: 'licenceName', args: [id] })).toBe(
        LICENCES[id],
      );
      expect(await t.publicClient.readContract({ ...read, functionName: 'licenceURI', args: [id] })).toBe(
        licenceUri(id),
      );
    }
    expect(licenceUri(0)).toBe('ar://zmc1WTspIhFyVY82bwfAIcIExLFH5lUcHHUN0wXg4W8/0');
    await expect(
      t.publicClient.readContract({ ...read, functionName: 'licenceName', args: [LICENCES.length] }),
    ).rejects.toThrow(/UnknownLicence/);
  });

  it('redeems a viem-signed voucher once, credits the creator, and refuses replays', async () => {
    const { key: creatorKey, wallet: creator } = await t.funded();
    const { wallet: collector } = await t.funded();
    const voucher: Voucher = {
      creator: creator.account.address,
      content: (await contentOf('voucher track')).digest,
      manifest: toHex(2n, { size: 32 }),
      price: parseEther('0.05'),
      payout: creator.account.address,
      royaltyReceiver: creator.account.address,
      royaltyBps: 500,
      licence: 2,
      nonce: 42n,
      deadline: BigInt(Math.floor(Date.now() / 1000) + 3600),
    };
    const domain = voucherDomain(t.chain.id, track);
    const signature = await creator.signTypedData({
      domain,
      types: voucherTypes,
      primaryType: 'Voucher',
      message: voucher,
    });
    const onChainDigest = await t.publicClient.readContract({
      address: track,
      abi: trackCollectionAbi,
      functionName: 'voucherDigest',
      args: [voucher],
    });
    expect(onChainDigest).toBe(
      hashTypedData({ domain, types: voucherTypes, primaryType: 'Voucher', message: voucher }),
    );
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
    const id = trackIdOf(creator.account.address, voucher.content);
    expect(
      await t.publicClient.readContract({
        address: track,
        abi: trackCollectionAbi,
        functionName: 'ownerOf',
        args: [id],
      }),
    ).toBe(collector.account.address);
    expect(
      await t.publicClient.readContract({
        address: track,
        abi: trackCollectionAbi,
        functionName: 'creditsOf',
        args: [creator.account.address],
      }),
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
      await collector.writeContract({
        address: track,
        abi: trackCollectionAbi,
        functionName: 'withdraw',
        args: [creator.account.address],
      }),
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
      payout: creator.account.address,
      royaltyReceiver: creator.account.address,
      royaltyBps: 0,
      licence: 0,
      nonce: 1n,
      deadline: 1n,
    };
    const sign = (v: Voucher) =>
      creator.signTypedData({
        domain: voucherDomain(t.chain.id, track),
        types: voucherTypes,
        primaryType: 'Voucher',
        message: v,
      });
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
    await mined(
      await creator.writeContract({ address: track, abi: trackCollectionAbi, functionName: 'cancelNonce', args: [2n] }),
    );
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
    const { split: predicted, receipt: created } = await createSplitOf(t, seller, payees, shares);
    const [event] = parseEventLogs({ abi: splitMainAbi, logs: created.logs, eventName: 'SplitCreated' });
    expect(event?.args.split).toBe(predicted);

    const { digest } = await contentOf('market track');
    const id = trackIdOf(seller.account.address, digest);
    await mined(
      await seller.writeContract({
        address: track,
        abi: trackCollectionAbi,
        functionName: 'mint',
        args: [seller.account.address, digest, digest, predicted, 1000, 8],
      }),
    );
    await approveMarket(t, seller);
    const price = parseEther('2');
    const expiry = (await t.publicClient.getBlock()).timestamp + 86_400n;
    await mined(
      await seller.writeContract({
        address: market,
        abi: marketAbi,
        functionName: 'list',
        args: [track, id, price, expiry],
      }),
    );
    const sale = await mined(
      await buyer.writeContract({
        address: market,
        abi: marketAbi,
        functionName: 'buy',
        args: [track, id],
        value: price,
      }),
    );
    const [sold] = parseEventLogs({ abi: marketAbi, logs: sale.logs, eventName: 'Sale' });
    expect(sold?.args.royalty).toBe(parseEther('0.2'));
    expect(sold?.args.royaltyReceiver).toBe(predicted);
    expect(
      await t.publicClient.readContract({
        address: track,
        abi: trackCollectionAbi,
        functionName: 'ownerOf',
        args: [id],
      }),
    ).toBe(buyer.account.address);
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
    await mined(
      await buyer.writeContract({ address: market, abi: marketAbi, functionName: 'withdraw', args: [predicted] }),
    );
    expect(await t.publicClient.getBalance({ address: predicted })).toBe(parseEther('0.2'));
    await mined(
      await buyer.writeContract({
        address: splits,
        abi: splitMainAbi,
        functionName: 'distributeETH',
        args: [predicted, payees, shares],
      }),
    );
    const owed = await Promise.all(
      payees.map((p) =>
        t.publicClient.readContract({ address: splits, abi: splitMainAbi, functionName: 'balanceOf', args: [p, zero] }),
      ),
    );
    expect(owed).toEqual([parseEther('0.12'), parseEther('0.08')]);
    expect(
      await t.publicClient.readContract({
        address: market,
        abi: marketAbi,
        functionName: 'creditsOf',
        args: [seller.account.address],
      }),
    ).toBe(parseEther('1.8'));
  });

  it('nested splits: a label split that pays an artist split, royalty from a signed-order sale, down to every payee', async () => {
    const zero = '0x0000000000000000000000000000000000000000' as const;
    const { wallet: seller } = await t.funded();
    const { wallet: buyer } = await t.funded();
    const artists = await Promise.all([t.funded(), t.funded()]);
    const label = await t.funded();
    const bySort = (a: Address, b: Address) => (BigInt(a) < BigInt(b) ? -1 : 1);
    const artistAccounts = artists.map((a) => a.wallet.account.address).sort(bySort);
    const artistShares = [500_000, 500_000];
    const create = async (accounts: Address[], shares: number[]) =>
      (await createSplitOf(t, seller, accounts, shares)).split;
    const inner = await create(artistAccounts, artistShares);
    const outerPairs = [
      { account: label.wallet.account.address, share: 300_000 },
      { account: inner, share: 700_000 },
    ].sort((a, b) => bySort(a.account, b.account));
    const outerAccounts = outerPairs.map((p) => p.account);
    const outerShares = outerPairs.map((p) => p.share);
    const outer = await create(outerAccounts, outerShares);

    const { digest } = await contentOf('nested royalty track');
    const id = trackIdOf(seller.account.address, digest);
    await mined(
      await seller.writeContract({
        address: track,
        abi: trackCollectionAbi,
        functionName: 'mint',
        args: [seller.account.address, digest, digest, outer, 1000, 7],
      }),
    );
    await approveMarket(t, seller);

    // Listed by a signature only; the buyer fills it. The viem-signed typed data is the contract's own digest.
    const price = parseEther('1');
    const order: MarketOrder = {
      seller: seller.account.address,
      collection: track,
      tokenId: id,
      price,
      maxFeeBps: 0,
      tokenVersion: await t.publicClient.readContract({
        address: track,
        abi: trackCollectionAbi,
        functionName: 'tokenVersion',
        args: [id],
      }),
      expiry: (await t.publicClient.getBlock()).timestamp + 3600n,
      nonce: 1n,
    };
    const domain = marketOrderDomain(t.chain.id, market);
    const signature = await seller.signTypedData({
      domain,
      types: marketOrderTypes,
      primaryType: 'Order',
      message: order,
    });
    expect(
      await t.publicClient.readContract({
        address: market,
        abi: marketAbi,
        functionName: 'orderDigest',
        args: [order],
      }),
    ).toBe(hashTypedData({ domain, types: marketOrderTypes, primaryType: 'Order', message: order }));
    const filled = await mined(
      await buyer.writeContract({
        address: market,
        abi: marketAbi,
        functionName: 'fill',
        args: [order, signature],
        value: price,
      }),
    );
    const [sold] = parseEventLogs({ abi: marketAbi, logs: filled.logs, eventName: 'Sale' });
    expect(sold?.args.royaltyReceiver).toBe(outer);
    expect(sold?.args.royalty).toBe(parseEther('0.1'));
    // The order sells once: the token moved, so it is dead even if it came back to the seller.
    await mined(
      await buyer.writeContract({
        address: track,
        abi: trackCollectionAbi,
        functionName: 'transferFrom',
        args: [buyer.account.address, seller.account.address, id],
      }),
    );
    await expect(
      t.publicClient.simulateContract({
        account: buyer.account,
        address: market,
        abi: marketAbi,
        functionName: 'fill',
        args: [order, signature],
        value: price,
      }),
    ).rejects.toThrow(/OrderStale/);

    // market -> outer split wallet -> SplitMain (label, inner split) -> inner split wallet (a plain ETH payment to a
    // split wallet: v1 burnt all gas here) -> SplitMain (artists) -> artists.
    const balance = (account: Address) =>
      t.publicClient.readContract({
        address: splits,
        abi: splitMainAbi,
        functionName: 'balanceOf',
        args: [account, zero],
      });
    await mined(
      await buyer.writeContract({ address: market, abi: marketAbi, functionName: 'withdraw', args: [outer] }),
    );
    await mined(
      await buyer.writeContract({
        address: splits,
        abi: splitMainAbi,
        functionName: 'distributeETH',
        args: [outer, outerAccounts, outerShares],
      }),
    );
    expect(await balance(label.wallet.account.address)).toBe(parseEther('0.03'));
    expect(await balance(inner)).toBe(parseEther('0.07'));
    await mined(
      await buyer.writeContract({
        address: splits,
        abi: splitMainAbi,
        functionName: 'withdraw',
        args: [inner, true, []],
      }),
    );
    expect(await t.publicClient.getBalance({ address: inner })).toBe(parseEther('0.07'));
    await mined(
      await buyer.writeContract({
        address: splits,
        abi: splitMainAbi,
        functionName: 'distributeETH',
        args: [inner, artistAccounts, artistShares],
      }),
    );
    for (const artist of artists) {
      const a = artist.wallet.account.address;
      expect(await balance(a)).toBe(parseEther('0.035'));
      const before = await t.publicClient.getBalance({ address: a });
      const receipt = await mined(
        await artist.wallet.writeContract({
          address: splits,
          abi: splitMainAbi,
          functionName: 'withdraw',
          args: [a, true, []],
        }),
      );
      expect(
        (await t.publicClient.getBalance({ address: a })) - before + receipt.gasUsed * receipt.effectiveGasPrice,
      ).toBe(parseEther('0.035'));
    }
  });
});
