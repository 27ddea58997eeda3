import {
  keccak256,
  parseEther,
  toHex,
  type Account,
  type Address,
  type Chain,
  type Transport,
  type WalletClient,
} from 'viem';
import { marketAbi, trackCollectionAbi } from '../../lib/contracts/abi';
import { trackIdOf } from '../../lib/contracts/track-id';
import type { SplitRecipients } from '../../lib/balance/account-splits';
import { approveMarket, createSplitOf, minedOk, startDeployedChain, type DeployedChain } from '../contracts/deployed';

type Wallet = WalletClient<Transport, Chain, Account>;

/**
 * A seller whose money sits in every place lib/balance reads: their track (royalty 10% to a 70/30 split of the seller
 * and a co-writer) sold for 1 ETH in the Market (0.9 credited to the seller, 0.1 to the split), and 0.2 ETH paid
 * straight to the split's wallet. What the seller can withdraw: 0.9 + 70% of 0.3 = 1.11 ETH.
 */
export type BalanceScenario = {
  c: DeployedChain;
  seller: Wallet;
  split: SplitRecipients;
  contracts: { Market: Address; TrackCollection: Address; Editions: Address; SplitMain: Address };
};

export const SCENARIO_TOTAL = parseEther('1.11');

export async function startBalanceScenario(): Promise<BalanceScenario> {
  const c = await startDeployedChain();
  try {
    const seller = (await c.funded()).wallet;
    const cowriter = (await c.funded()).wallet.account.address;
    const buyer = (await c.funded()).wallet;
    const accounts = [seller.account.address, cowriter].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    const shares = accounts.map((a) => (a === seller.account.address ? 700_000 : 300_000));
    const { split } = await createSplitOf(c, seller, accounts, shares);
    const content = keccak256(toHex(`balance ${seller.account.address}`));
    await minedOk(
      c,
      await seller.writeContract({
        address: c.track,
        abi: trackCollectionAbi,
        functionName: 'mint',
        args: [seller.account.address, content, keccak256(toHex('manifest')), split, 1000, 0],
      }),
    );
    const tokenId = trackIdOf(seller.account.address, content);
    await approveMarket(c, seller);
    const expiry = BigInt(Math.floor(Date.now() / 1000) + 86_400);
    await minedOk(
      c,
      await seller.writeContract({
        address: c.market,
        abi: marketAbi,
        functionName: 'list',
        args: [c.track, tokenId, parseEther('1'), expiry],
      }),
    );
    await minedOk(
      c,
      await buyer.writeContract({
        address: c.market,
        abi: marketAbi,
        functionName: 'buy',
        args: [c.track, tokenId],
        value: parseEther('1'),
      }),
    );
    await minedOk(c, await buyer.sendTransaction({ to: split, value: parseEther('0.2') }));
    return {
      c,
      seller,
      split: { split, accounts, shares },
      contracts: { Market: c.market, TrackCollection: c.track, Editions: c.editions, SplitMain: c.splits },
    };
  } catch (error) {
    await c.stop();
    throw error;
  }
}
