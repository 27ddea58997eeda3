import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  parseEther,
  type Abi,
  type Address,
  type Hex,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { startAnvil } from '../lib/chain/anvil';
import { compileContracts } from '../lib/contracts/compile';
import { deployContracts } from '../lib/contracts/deploy';
import { marketAbi, splitMainAbi, trackCollectionAbi } from '../lib/contracts/abi';
import { voucherDomain, voucherTypes } from '../lib/contracts/voucher';
import type { BenchFigure, BenchModule } from './figure';

const ANVIL_KEY_0: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

function digest(label: string, i: number): Hex {
  return `0x${Buffer.from(`${label}:${i}`).toString('hex').padEnd(64, '0').slice(0, 64)}` as Hex;
}

/**
 * Gas of the Motif contracts on a fresh anvil (Cancun, solc 0.8.30, optimizer 200), each beside a naive
 * OpenZeppelin reference (contracts/reference/) compiled and run in the same run. Figures are receipt gasUsed of
 * the whole transaction (21,000 base + calldata included).
 */
export const gasBench: BenchModule = {
  title: 'Contract gas (anvil, receipt gasUsed)',
  async run(): Promise<BenchFigure[]> {
    const anvil = await startAnvil();
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'motif-gas-'));
    try {
      const chain = defineChain({
        id: anvil.chainId,
        name: 'anvil',
        nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
        rpcUrls: { default: { http: [anvil.rpcUrl] } },
      });
      const transport = http(anvil.rpcUrl);
      const publicClient = createPublicClient({ chain, transport, pollingInterval: 20 });
      const deployer = privateKeyToAccount(ANVIL_KEY_0);
      const wallet = (key: Hex) =>
        createWalletClient({ chain, transport, account: privateKeyToAccount(key), pollingInterval: 20 });
      const admin = wallet(ANVIL_KEY_0);
      const { artifacts } = await compileContracts();
      const { deployment } = await deployContracts({
        publicClient,
        walletClient: admin,
        deploymentPath: path.join(tmp, 'deployment.json'),
      });
      const track = deployment.contracts.TrackCollection.address;
      const splits = deployment.contracts.SplitMain.address;
      const market = deployment.contracts.Market.address;

      const fund = async (): Promise<{ key: Hex; address: Address }> => {
        const key = generatePrivateKey();
        const address = privateKeyToAccount(key).address;
        await publicClient.request({ method: 'anvil_setBalance' as never, params: [address, '0x56BC75E2D63100000'] as never });
        return { key, address };
      };
      const fresh = (): Address => privateKeyToAccount(generatePrivateKey()).address;
      const gasOf = async (hash: Hex): Promise<number> => {
        const r = await publicClient.waitForTransactionReceipt({ hash });
        if (r.status !== 'success') throw new Error(`transaction ${hash} reverted`);
        return Number(r.gasUsed);
      };
      const deployRef = async (name: 'NaiveTrack' | 'NaiveSplitFactory' | 'NaiveMarket'): Promise<Address> => {
        const hash = await admin.deployContract({ abi: artifacts[name].abi, bytecode: artifacts[name].bytecode });
        const r = await publicClient.waitForTransactionReceipt({ hash });
        if (!r.contractAddress) throw new Error(`deploying ${name} failed`);
        return r.contractAddress;
      };
      const write = (
        client: ReturnType<typeof wallet>,
        address: Address,
        abi: Abi,
        functionName: string,
        args: readonly unknown[],
        value?: bigint,
      ): Promise<Hex> => client.writeContract({ address, abi, functionName, args, value, chain, account: client.account });

      const creator = await fund();
      const creatorWallet = wallet(creator.key);
      const royaltyReceiver = fresh();
      const naiveTrack = await deployRef('NaiveTrack');
      const naiveFactory = await deployRef('NaiveSplitFactory');
      const naiveMarket = await deployRef('NaiveMarket');
      const naiveTrackAbi = artifacts.NaiveTrack.abi;
      const uri = (i: number) => `ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbz${i}i/metadata.json`;

      // --- mint (warm: the creator's second mint, same royalty receiver, to a new holder)
      const mintArgs = (i: number) => [fresh(), digest('content', i), digest('manifest', i), royaltyReceiver, 500, 7] as const;
      await gasOf(await write(creatorWallet, track, trackCollectionAbi, 'mint', mintArgs(1)));
      const mintWarm = await gasOf(await write(creatorWallet, track, trackCollectionAbi, 'mint', mintArgs(2)));
      // Same mint with a royalty receiver never seen before (interning it costs two more slots).
      const mintNewReceiver = await gasOf(
        await write(creatorWallet, track, trackCollectionAbi, 'mint', [fresh(), digest('content', 3), digest('manifest', 3), fresh(), 500, 7]),
      );
      await gasOf(await write(creatorWallet, naiveTrack, naiveTrackAbi, 'mint', [fresh(), uri(1), royaltyReceiver, 500n]));
      const naiveMint = await gasOf(
        await write(creatorWallet, naiveTrack, naiveTrackAbi, 'mint', [fresh(), uri(2), royaltyReceiver, 500n]),
      );

      // --- split creation with 3 payees, no controller
      const sorted = (n: number): Address[] =>
        Array.from({ length: n }, () => fresh()).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      const shares3 = [333_334, 333_333, 333_333];
      const create3 = await gasOf(
        await write(admin, splits, splitMainAbi, 'createSplit', [sorted(3), shares3, '0x0000000000000000000000000000000000000000']),
      );
      const naiveCreate3 = await gasOf(
        await write(admin, naiveFactory, artifacts.NaiveSplitFactory.abi, 'createSplit', [sorted(3), shares3.map(BigInt)]),
      );

      // --- distribute ETH to 5 payees (second distribution: payees already hold credits / exist)
      const payees5 = sorted(5);
      const shares5 = [200_000, 200_000, 200_000, 200_000, 200_000];
      const split5 = (await publicClient.readContract({
        address: splits,
        abi: splitMainAbi,
        functionName: 'predictSplitAddress',
        args: [payees5, shares5, '0x0000000000000000000000000000000000000000'],
      })) as Address;
      await gasOf(await write(admin, splits, splitMainAbi, 'createSplit', [payees5, shares5, '0x0000000000000000000000000000000000000000']));
      const pay = async (to: Address) => gasOf(await admin.sendTransaction({ to, value: parseEther('1'), chain, account: deployer }));
      await pay(split5);
      const distribute5First = await gasOf(await write(admin, splits, splitMainAbi, 'distributeETH', [split5, payees5, shares5]));
      await pay(split5);
      const distribute5 = await gasOf(await write(admin, splits, splitMainAbi, 'distributeETH', [split5, payees5, shares5]));
      const naiveSplitReceipt = await publicClient.waitForTransactionReceipt({
        hash: await write(admin, naiveFactory, artifacts.NaiveSplitFactory.abi, 'createSplit', [payees5, shares5.map(BigInt)]),
      });
      const naiveSplit = `0x${naiveSplitReceipt.logs[0]?.address.slice(2)}` as Address;
      await pay(naiveSplit);
      await gasOf(await write(admin, naiveSplit, artifacts.NaiveSplit.abi, 'distribute', []));
      await pay(naiveSplit);
      const naiveDistribute5 = await gasOf(await write(admin, naiveSplit, artifacts.NaiveSplit.abi, 'distribute', []));

      // --- voucher redeem (a collector's second redemption from the same creator)
      const collector = await fund();
      const collectorWallet = wallet(collector.key);
      const price = parseEther('0.01');
      const redeemOne = async (i: number): Promise<number> => {
        const voucher = {
          creator: creator.address,
          content: digest('voucher', i),
          manifest: digest('vmanifest', i),
          price,
          royaltyReceiver,
          royaltyBps: 500,
          licence: 7,
          nonce: BigInt(i),
          deadline: 2n ** 40n,
        };
        const signature = await creatorWallet.signTypedData({
          domain: voucherDomain(anvil.chainId, track),
          types: voucherTypes,
          primaryType: 'Voucher',
          message: voucher,
        });
        return gasOf(await write(collectorWallet, track, trackCollectionAbi, 'redeem', [voucher, signature, fresh()], price));
      };
      await redeemOne(1);
      const redeem = await redeemOne(2);
      const naiveRedeemOne = async (i: number): Promise<number> => {
        const voucher = { creator: creator.address, uri: uri(100 + i), price, royaltyReceiver, royaltyBps: 500n, nonce: BigInt(i) };
        const signature = await creatorWallet.signTypedData({
          domain: { name: 'Naive', version: '1', chainId: anvil.chainId, verifyingContract: naiveTrack },
          types: {
            Voucher: [
              { name: 'creator', type: 'address' },
              { name: 'uri', type: 'string' },
              { name: 'price', type: 'uint256' },
              { name: 'royaltyReceiver', type: 'address' },
              { name: 'royaltyBps', type: 'uint96' },
              { name: 'nonce', type: 'uint256' },
            ],
          },
          primaryType: 'Voucher',
          message: voucher,
        });
        return gasOf(await write(collectorWallet, naiveTrack, naiveTrackAbi, 'redeem', [voucher, signature], price));
      };
      await naiveRedeemOne(1);
      const naiveRedeem = await naiveRedeemOne(2);

      // --- market buy (the seller's second sale; royalty receiver and seller already hold credits)
      const seller = await fund();
      const sellerWallet = wallet(seller.key);
      const buyer = await fund();
      const buyerWallet = wallet(buyer.key);
      const salePrice = parseEther('1');
      await gasOf(await write(sellerWallet, track, trackCollectionAbi, 'setApprovalForAll', [market, true]));
      await gasOf(await write(sellerWallet, naiveTrack, naiveTrackAbi, 'setApprovalForAll', [naiveMarket, true]));
      const buyOne = async (i: number): Promise<[number, number]> => {
        const content = digest('market', i);
        await gasOf(
          await write(sellerWallet, track, trackCollectionAbi, 'mint', [seller.address, content, digest('mm', i), royaltyReceiver, 500, 7]),
        );
        await gasOf(await write(sellerWallet, market, marketAbi, 'list', [track, BigInt(content), salePrice]));
        const ours = await gasOf(await write(buyerWallet, market, marketAbi, 'buy', [track, BigInt(content)], salePrice));
        const mintHash = await write(sellerWallet, naiveTrack, naiveTrackAbi, 'mint', [seller.address, uri(200 + i), royaltyReceiver, 500n]);
        const mintReceipt = await publicClient.waitForTransactionReceipt({ hash: mintHash });
        const tokenId = BigInt(mintReceipt.logs[0]?.topics[3] ?? '0x0');
        await gasOf(await write(sellerWallet, naiveMarket, artifacts.NaiveMarket.abi, 'list', [naiveTrack, tokenId, salePrice]));
        const naive = await gasOf(
          await write(buyerWallet, naiveMarket, artifacts.NaiveMarket.abi, 'buy', [naiveTrack, tokenId], salePrice),
        );
        return [ours, naive];
      };
      await buyOne(1);
      const [buy, naiveBuy] = await buyOne(2);

      const ref = (v: number, extra = '') => `naive OpenZeppelin reference ${v.toLocaleString('en-US')} gas${extra}`;
      return [
        {
          name: 'gas.mint.warm',
          value: mintWarm,
          unit: 'gas',
          goal: '<= 95000',
          note: `${ref(naiveMint, ' (ERC721URIStorage ipfs:// string + ERC2981)')}; creator's 2nd mint, same royalty receiver, new holder; with a never-seen royalty receiver ${mintNewReceiver.toLocaleString('en-US')}`,
        },
        {
          name: 'gas.split.create3',
          value: create3,
          unit: 'gas',
          goal: '<= 90000',
          note: `${ref(naiveCreate3, ' (EIP-1167 clone + initialise)')}; immutable split: 87-byte CREATE2 wallet (55 code + 32-byte hash), no storage`,
        },
        {
          name: 'gas.split.distribute5',
          value: distribute5,
          unit: 'gas',
          goal: '<= 70000',
          note: `${ref(naiveDistribute5, ' (push to 5 payees)')}; 2nd distribution (payees already hold credits), pull ledger; first distribution to empty balances ${distribute5First.toLocaleString('en-US')}`,
        },
        {
          name: 'gas.voucher.redeem',
          value: redeem,
          unit: 'gas',
          goal: 'recorded',
          note: `${ref(naiveRedeem, ' (ECDSA + ERC721URIStorage + push payment)')}; EIP-712 voucher, pull credit to payout`,
        },
        {
          name: 'gas.market.buy',
          value: buy,
          unit: 'gas',
          goal: 'recorded',
          note: `${ref(naiveBuy, ' (push royalty + proceeds)')}; ERC-2981 royalty credited, seller's 2nd sale`,
        },
      ];
    } finally {
      await anvil.stop();
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
