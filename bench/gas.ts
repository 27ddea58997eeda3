import { keccak256, parseUnits, toHex, zeroAddress, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { compileContracts } from '../lib/contracts/compile';
import { editionsAbi, marketAbi, splitMainAbi, trackCollectionAbi } from '../lib/contracts/abi';
import { AllowlistTree } from '../lib/editions/allowlist-tree';
import { editionIdOf } from '../lib/editions/edition-id';
import { marketOrderDomain, marketOrderTypes, type MarketOrder } from '../lib/contracts/market-order';
import { approveMarket, createSplitOf, startDeployedChain } from '../test/contracts/deployed';
import type { BenchFigure, BenchModule } from './figure';

/** A distinct 32-byte digest per label and index (a track id keeps the low 96 bits, so they must differ there). */
function digest(label: string, i: number): Hex {
  return keccak256(toHex(`${label}:${i}`));
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * The best peers' figures, from the external measurement quoted in issue #13 (their real sources compiled with
 * Motif's settings, same scenario). They are anchors to compare with, not re-measured here; the one peer whose source
 * ships on npm (Solady) is also measured in this run (contracts/reference/SoladyTrack.sol).
 */
const PEERS = {
  soladyMint: 94_976,
  soladyWarm: 77_876,
  splitsCreate3: 101_985,
  splitsDistribute5: 76_848,
  splitsCycle5: 277_403,
  seaportFill: 109_261,
  erc721aTransfer: 42_074,
  /** Issue #17: Sound's new 1/1 edition + mint (a contract per edition); Zora ERC721Drop warm mint; Sound mint. */
  soundEditionCreate: 444_913,
  zoraDropMint: 68_869,
  soundMint: 77_423,
} as const;

/**
 * Gas of the Motif v2 contracts on a fresh anvil (Cancun, solc 0.8.30, optimizer 200, no IR). Every figure is a
 * receipt's gasUsed: the whole transaction, 21,000 base and calldata included. Each scenario is spelt out in its note.
 */
export const gasBench: BenchModule = {
  async run(): Promise<BenchFigure[]> {
    // The same deployed chain as the contract flow tests (test/contracts/deployed.ts): own anvil, ANVIL_KEY_0 deploys.
    const t = await startDeployedChain();
    try {
      const { chain, publicClient, admin, track, splits, market } = t;
      const { artifacts } = await compileContracts();
      const fund = async () => (await t.funded()).wallet;
      const fresh = (): Address => privateKeyToAccount(generatePrivateKey()).address;
      const gasOf = async (hash: Hex): Promise<number> => {
        const r = await publicClient.waitForTransactionReceipt({ hash });
        if (r.status !== 'success') throw new Error(`transaction ${hash} reverted`);
        return Number(r.gasUsed);
      };
      const sorted = (n: number): Address[] =>
        Array.from({ length: n }, () => fresh()).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));

      // ---------------------------------------------------------------- mint
      // cold: the very first mint of the freshly deployed collection (creator holds nothing yet), to the creator.
      const creator = await fund();
      const me = creator.account.address;
      const receiver = fresh();
      const mint = (content: Hex, royaltyReceiver: Address) =>
        creator.writeContract({
          address: track,
          abi: trackCollectionAbi,
          functionName: 'mint',
          args: [me, content, digest('manifest', 0), royaltyReceiver, 500, 7],
        });
      const mintCold = await gasOf(await mint(digest('content', 1), receiver));
      // warm: the same creator's next track, same royalty receiver.
      await gasOf(await mint(digest('content', 2), receiver));
      const mintWarm = await gasOf(await mint(digest('content', 3), receiver));
      // new_receiver: warm, but the royalty goes to a split created just before and never used as a receiver.
      const newSplit = sorted(3);
      const { split: newSplitAddress } = await createSplitOf(t, admin, newSplit, [500_000, 250_000, 250_000]);
      const mintNewReceiver = await gasOf(await mint(digest('content', 4), newSplitAddress));

      // The Solady peer, measured here: ERC721 `_mint` + ERC2981 `_setTokenRoyalty`, no digest, no squat protection.
      const refHash = await admin.deployContract({
        abi: artifacts.SoladyTrack.abi,
        bytecode: artifacts.SoladyTrack.bytecode,
      });
      const refAddress = (await publicClient.waitForTransactionReceipt({ hash: refHash })).contractAddress;
      if (!refAddress) throw new Error('deploying the Solady reference failed');
      const refMint = (id: bigint) =>
        creator.writeContract({
          address: refAddress,
          abi: artifacts.SoladyTrack.abi,
          functionName: 'mint',
          args: [me, id, receiver, 500n],
        });
      const soladyCold = await gasOf(await refMint(1n));
      await gasOf(await refMint(2n));
      const soladyWarm = await gasOf(await refMint(3n));

      // ---------------------------------------------------------------- transfer
      // warm: the owner (who keeps other tokens) sends one to an address that already holds a track.
      const holder = await fund();
      const tokenOf = (content: Hex) =>
        publicClient.readContract({
          address: track,
          abi: trackCollectionAbi,
          functionName: 'trackId',
          args: [me, content],
        });
      await gasOf(
        await creator.writeContract({
          address: track,
          abi: trackCollectionAbi,
          functionName: 'transferFrom',
          args: [me, holder.account.address, await tokenOf(digest('content', 1))],
        }),
      );
      const transferWarm = await gasOf(
        await creator.writeContract({
          address: track,
          abi: trackCollectionAbi,
          functionName: 'transferFrom',
          args: [me, holder.account.address, await tokenOf(digest('content', 2))],
        }),
      );

      // ---------------------------------------------------------------- splits
      const create3 = await gasOf(
        await admin.writeContract({
          address: splits,
          abi: splitMainAbi,
          functionName: 'createSplit',
          args: [sorted(3), [333_334, 333_333, 333_333], zeroAddress],
        }),
      );

      const payeeWallets = await Promise.all(Array.from({ length: 5 }, () => fund()));
      payeeWallets.sort((a, b) => (BigInt(a.account.address) < BigInt(b.account.address) ? -1 : 1));
      const payees5 = payeeWallets.map((w) => w.account.address);
      const shares5 = [200_000, 200_000, 200_000, 200_000, 200_000];
      const { split: split5 } = await createSplitOf(t, admin, payees5, shares5);
      const pay = async (to: Address) =>
        gasOf(await admin.sendTransaction({ to, value: parseUnits('1', chain.nativeCurrency.decimals) }));
      const distribute = () =>
        admin.writeContract({
          address: splits,
          abi: splitMainAbi,
          functionName: 'distributeETH',
          args: [split5, payees5, shares5],
        });
      const withdrawAll = async () => {
        let total = 0;
        for (const w of payeeWallets)
          total += await gasOf(
            await w.writeContract({
              address: splits,
              abi: splitMainAbi,
              functionName: 'withdrawEther',
              args: [w.account.address],
            }),
          );
        return total;
      };
      await pay(split5);
      const distributeFirst = await gasOf(await distribute());
      await withdrawAll();
      // steady: every payee withdrew since the last distribution.
      await pay(split5);
      const distributeSteady = await gasOf(await distribute());
      const withdrawSteady = await withdrawAll();
      // cycle: the next round, distribute + the five withdrawals (each payee sends its own transaction).
      await pay(split5);
      const cycleDistribute = await gasOf(await distribute());
      const cycleWithdrawals = await withdrawAll();
      const cycle5 = cycleDistribute + cycleWithdrawals;

      // ---------------------------------------------------------------- market
      // A sale through a signed order: listing is a signature (no transaction); the buyer's fill pays the price,
      // credits the ERC-2981 royalty and the seller on-chain (they withdraw later) and moves the token.
      const seller = await fund();
      const royaltyTo = fresh();
      const price = parseUnits('1', chain.nativeCurrency.decimals);
      await approveMarket(t, seller);
      let nonce = 0n;
      const mintForSale = async (i: number): Promise<bigint> => {
        const content = digest('sale', i);
        await gasOf(
          await seller.writeContract({
            address: track,
            abi: trackCollectionAbi,
            functionName: 'mint',
            args: [seller.account.address, content, digest('m', i), royaltyTo, 500, 7],
          }),
        );
        return publicClient.readContract({
          address: track,
          abi: trackCollectionAbi,
          functionName: 'trackId',
          args: [seller.account.address, content],
        });
      };
      const fill = async (tokenId: bigint, buyer: Awaited<ReturnType<typeof fund>>): Promise<number> => {
        const tokenVersion = await publicClient.readContract({
          address: track,
          abi: trackCollectionAbi,
          functionName: 'tokenVersion',
          args: [tokenId],
        });
        const block = await publicClient.getBlock();
        const order: MarketOrder = {
          seller: seller.account.address,
          collection: track,
          tokenId,
          price,
          maxFeeBps: 0,
          tokenVersion,
          expiry: block.timestamp + 86_400n,
          nonce: ++nonce,
        };
        const signature = await seller.signTypedData({
          domain: marketOrderDomain(chain.id, market),
          types: marketOrderTypes,
          primaryType: 'Order',
          message: order,
        });
        return gasOf(
          await buyer.writeContract({
            address: market,
            abi: marketAbi,
            functionName: 'fill',
            args: [order, signature],
            value: price,
          }),
        );
      };
      const withdrawMarket = async (account: Address) =>
        gasOf(
          await admin.writeContract({ address: market, abi: marketAbi, functionName: 'withdraw', args: [account] }),
        );
      const buyer = await fund();
      await gasOf(
        await seller.writeContract({
          address: track,
          abi: trackCollectionAbi,
          functionName: 'transferFrom',
          args: [seller.account.address, buyer.account.address, await mintForSale(0)],
        }),
      );
      // The very first sale of this seller and royalty receiver: both credit slots are created (22,100 gas each).
      const saleFirstEver = await fill(await mintForSale(1), buyer);
      // sale: a sale by signed order while the seller's and receiver's earlier credits are not collected yet (they
      // collect later), to a buyer who already holds a track. The listing is the signature: no transaction.
      const sale = await fill(await mintForSale(2), buyer);
      // The same sale to a buyer who holds no track yet (the collection creates the buyer's balance slot).
      const saleNewBuyer = await fill(await mintForSale(3), await fund());
      // steady: seller and receiver withdrew everything since their last credit; the buyer holds tracks.
      await withdrawMarket(seller.account.address);
      await withdrawMarket(royaltyTo);
      const buySteady = await fill(await mintForSale(4), buyer);
      // For comparison: the same steady sale through an on-chain listing (list + buy, two transactions).
      await withdrawMarket(seller.account.address);
      await withdrawMarket(royaltyTo);
      const listed = await mintForSale(5);
      const block = await publicClient.getBlock();
      const listGas = await gasOf(
        await seller.writeContract({
          address: market,
          abi: marketAbi,
          functionName: 'list',
          args: [track, listed, price, block.timestamp + 86_400n],
        }),
      );
      const buyListedGas = await gasOf(
        await buyer.writeContract({
          address: market,
          abi: marketAbi,
          functionName: 'buy',
          args: [track, listed],
          value: price,
        }),
      );

      // ---------------------------------------------------------------- editions (issue #17)
      // One Editions contract for every creator: an edition is storage in it, not a new contract.
      const { editions } = t;
      const edCreator = await fund();
      const edSplit = newSplitAddress; // an existing split as the royalty receiver (and default payout)
      const editionPrice = parseUnits('0.01', chain.nativeCurrency.decimals);
      const phaseWindow = async () => {
        const now = (await publicClient.getBlock()).timestamp;
        return { start: Number(now), end: Number(now) + 86_400 };
      };
      const createEditionTx = async (label: string, phase: { walletCap: number; mode: number; merkleRoot: Hex }) => {
        const { start, end } = await phaseWindow();
        return gasOf(
          await edCreator.writeContract({
            address: editions,
            abi: editionsAbi,
            functionName: 'createEdition',
            args: [
              {
                content: digest(label, 0),
                manifest: digest(`${label}/manifest`, 0),
                licence: 7,
                royaltyReceiver: edSplit,
                royaltyBps: 1000,
                payout: zeroAddress,
                maxSupply: 1000,
                closeAt: 0,
                referralBps: 500,
              },
              [
                {
                  price: editionPrice,
                  start,
                  end,
                  walletCap: phase.walletCap,
                  phaseCap: 0,
                  mode: phase.mode,
                  merkleRoot: phase.merkleRoot,
                },
              ],
            ],
          }),
        );
      };
      const publicPhase = { walletCap: 0, mode: 0, merkleRoot: `0x${'00'.repeat(32)}` as Hex };
      await createEditionTx('edition-first', publicPhase); // the creator's first edition (cold creator)
      // create: the creator's second edition, one public phase, 1,000 copies, 10% royalty to a split, 5% referral.
      const editionCreate = await createEditionTx('edition-public', publicPhase);
      const publicEdition = editionIdOf(edCreator.account.address, digest('edition-public', 0));
      const collector = await fund();
      const mintPublic = async (editionId: bigint) =>
        gasOf(
          await collector.writeContract({
            address: editions,
            abi: editionsAbi,
            functionName: 'mint',
            args: [editionId, 0n, 1n, collector.account.address, zeroAddress, ''],
            value: editionPrice,
          }),
        );
      await mintPublic(publicEdition); // the collector's first copy (creates their balance slot)
      // mint1.public: the collector's second copy, public phase without wallet cap, no referrer, no comment.
      const editionMintPublic = await mintPublic(publicEdition);
      await createEditionTx('edition-capped', { ...publicPhase, walletCap: 5 });
      const cappedEdition = editionIdOf(edCreator.account.address, digest('edition-capped', 0));
      await mintPublic(cappedEdition);
      const editionMintPublicCapped = await mintPublic(cappedEdition);

      // mint1.allowlist: a 1,000-address tree (10-hash proofs) built by lib/editions as the app builds it.
      const allowlistRun = async (label: string, walletCap: number) => {
        const editionId = editionIdOf(edCreator.account.address, digest(label, 0));
        const listed = [collector.account.address, ...Array.from({ length: 999 }, () => fresh())];
        const tree = AllowlistTree.build([{ editionId, phase: 0, addresses: listed }]);
        await createEditionTx(label, { walletCap, mode: 1, merkleRoot: tree.root });
        const proof = tree.proof(editionId, 0, collector.account.address);
        const mintListed = async () =>
          gasOf(
            await collector.writeContract({
              address: editions,
              abi: editionsAbi,
              functionName: 'mintAllowlisted',
              args: [editionId, 0n, 1n, collector.account.address, zeroAddress, '', proof],
              value: editionPrice,
            }),
          );
        await mintListed();
        return { gas: await mintListed(), proofLength: proof.length };
      };
      const allowlisted = await allowlistRun('edition-allowlist', 0);
      const allowlistedCapped = await allowlistRun('edition-allowlist-capped', 5);

      return [
        {
          name: 'gas.mint.cold',
          value: mintCold,
          unit: 'gas',
          goal: '<= 115000',
          note: `first mint of a freshly deployed collection, creator to self, royalty 5% to a fresh address. Peer: Solady ERC721+ERC2981 ${fmt(PEERS.soladyMint)} (issue); measured here ${fmt(soladyCold)} (no digest, no squat protection)`,
        },
        {
          name: 'gas.mint.warm',
          value: mintWarm,
          unit: 'gas',
          goal: '<= 85000',
          note: `the creator's 3rd mint, same royalty receiver. Peer: Solady ${fmt(PEERS.soladyWarm)} (issue); measured here ${fmt(soladyWarm)}`,
        },
        {
          name: 'gas.mint.new_receiver',
          value: mintNewReceiver,
          unit: 'gas',
          goal: '<= 95000',
          note: `warm mint whose royalty goes to a split never used as a receiver before (v1: 111,252). Peer: Solady ${fmt(PEERS.soladyWarm)} (issue)`,
        },
        {
          name: 'gas.transfer.warm',
          value: transferWarm,
          unit: 'gas',
          goal: '<= 42100',
          note: `transferFrom by the owner (who keeps other tracks) to an address already holding one. Peer: ERC721A ${fmt(PEERS.erc721aTransfer)} (issue)`,
        },
        {
          name: 'gas.split.create3',
          value: create3,
          unit: 'gas',
          goal: '<= 90000',
          note: `immutable split of 3 payees. Peer: 0xSplits v1 ${fmt(PEERS.splitsCreate3)} (issue)`,
        },
        {
          name: 'gas.split.distribute5.steady',
          value: distributeSteady,
          unit: 'gas',
          goal: '<= 77000',
          note: `distributeETH of 1 ETH to 5 payees who all withdrew since the last distribution (v1: 154,281); first distribution ${fmt(distributeFirst)}. Peer: 0xSplits v1 ${fmt(PEERS.splitsDistribute5)} (issue)`,
        },
        {
          name: 'gas.split.cycle5',
          value: cycle5,
          unit: 'gas',
          goal: '<= 260000',
          note: `steady round: distributeETH ${fmt(cycleDistribute)} + 5 withdrawEther transactions, one per payee, ${fmt(cycleWithdrawals)} (previous round ${fmt(withdrawSteady)}). Peer: 0xSplits v1 ${fmt(PEERS.splitsCycle5)} (issue)`,
        },
        {
          name: 'gas.market.sale',
          value: sale,
          unit: 'gas',
          goal: '<= 100000',
          note: `all one sale costs on-chain: a signed order (the listing, no transaction) filled by a buyer who holds a track, royalty 5% credited on-chain, seller and receiver collect later (their earlier credits not collected yet). To a buyer holding nothing: ${fmt(saleNewBuyer)}. A new seller's and receiver's very first sale (two new credit slots): ${fmt(saleFirstEver)}. The one-time setApprovalForAll is not counted. Peer: Seaport 1.6 ${fmt(PEERS.seaportFill)} (issue)`,
        },
        {
          name: 'gas.market.buy.steady',
          value: buySteady,
          unit: 'gas',
          goal: '<= 90000',
          note: `fill of a signed order after seller and receiver withdrew everything (their credit slots keep a marker, so they stay non-zero). On-chain listing instead: list ${fmt(listGas)} + buy ${fmt(buyListedGas)}. Peer: Seaport 1.6 ${fmt(PEERS.seaportFill)} (issue)`,
        },
        {
          name: 'gas.edition.create',
          value: editionCreate,
          unit: 'gas',
          goal: '<= 150000',
          note: `a creator's second edition in the shared Editions contract: one public phase, 1,000 copies, 10% royalty to a split (default payout), 5% referral; no contract deployed. Peer: Sound new 1/1 edition + mint ${fmt(PEERS.soundEditionCreate)} (issue)`,
        },
        {
          name: 'gas.edition.mint1.public',
          value: editionMintPublic,
          unit: 'gas',
          goal: '<= 70000',
          note: `the collector's second copy of an edition (already holds one), public phase without wallet cap, no referrer, empty comment; with a wallet cap ${fmt(editionMintPublicCapped)}. Peers: Zora ERC721Drop warm ${fmt(PEERS.zoraDropMint)}, Sound ${fmt(PEERS.soundMint)} (issue)`,
        },
        {
          name: 'gas.edition.mint1.allowlist',
          value: allowlisted.gas,
          unit: 'gas',
          goal: '<= 80000',
          note: `the collector's second allowlist copy with a ${allowlisted.proofLength}-hash proof from a 1,000-address tree (lib/editions AllowlistTree), no wallet cap; with a wallet cap ${fmt(allowlistedCapped.gas)}`,
        },
      ];
    } finally {
      await t.stop();
    }
  },
};
