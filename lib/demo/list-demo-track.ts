import { parseEther, type Account, type Address, type Chain, type Client, type Hex, type Transport } from 'viem';
import { getBlock, readContract, simulateContract, writeContract } from 'viem/actions';
import { marketAbi, trackCollectionAbi } from '../contracts/abi';
import { confirmed } from './confirm';

/** How long a demo listing stays up (the Market refuses more than a year). */
export const DEMO_LISTING_DAYS = 180;

export type ListDemoTrackParameters = {
  collection: Address;
  market: Address;
  tokenId: bigint;
  /** Native token, decimal text. */
  price: string;
};

/**
 * Lists a demo track as the track page does: approves the Market for the token (unless it already is), then
 * `Market.list` at the price until DEMO_LISTING_DAYS after the chain's latest block. Sent by the owner (`wallet`).
 */
export async function listDemoTrack(
  wallet: Client<Transport, Chain | undefined, Account>,
  p: ListDemoTrackParameters,
): Promise<Hex> {
  const account = wallet.account;
  const approved = await readContract(wallet, {
    address: p.collection,
    abi: trackCollectionAbi,
    functionName: 'getApproved',
    args: [p.tokenId],
  });
  if (approved.toLowerCase() !== p.market.toLowerCase()) {
    const { request } = await simulateContract(wallet, {
      address: p.collection,
      abi: trackCollectionAbi,
      functionName: 'approve',
      args: [p.market, p.tokenId],
      account,
      chain: wallet.chain,
    });
    await confirmed(wallet, 'The approval', await writeContract(wallet, request));
  }
  const block = await getBlock(wallet);
  const expiry = block.timestamp + BigInt(DEMO_LISTING_DAYS * 86_400);
  const { request } = await simulateContract(wallet, {
    address: p.market,
    abi: marketAbi,
    functionName: 'list',
    args: [p.collection, p.tokenId, parseEther(p.price), expiry],
    account,
    chain: wallet.chain,
  });
  return confirmed(wallet, 'The listing', await writeContract(wallet, request));
}
