import type { Account, Address, Chain, Client, Hex, Transport } from 'viem';
import { readContract, simulateContract, writeContract } from 'viem/actions';
import { marketAbi } from '../contracts/abi';
import { BaseError } from '../errors/base';
import { confirmed } from './confirm';

/** The track has no live listing to buy. */
export class DemoNotListedError extends BaseError {
  override name = 'DemoNotListedError';
}

export type BuyDemoTrackParameters = { collection: Address; market: Address; tokenId: bigint };

/** Buys a listed demo track at its listed price (`Market.buy`), as the collector (`wallet`). */
export async function buyDemoTrack(
  wallet: Client<Transport, Chain | undefined, Account>,
  p: BuyDemoTrackParameters,
): Promise<{ hash: Hex; price: bigint }> {
  const [, price, , live] = await readContract(wallet, {
    address: p.market,
    abi: marketAbi,
    functionName: 'listingOf',
    args: [p.collection, p.tokenId],
  });
  if (!live) throw new DemoNotListedError(`token ${p.tokenId} has no live listing`);
  const { request } = await simulateContract(wallet, {
    address: p.market,
    abi: marketAbi,
    functionName: 'buy',
    args: [p.collection, p.tokenId],
    value: price,
    account: wallet.account,
    chain: wallet.chain,
  });
  return { hash: await confirmed(wallet, 'The purchase', await writeContract(wallet, request)), price };
}
