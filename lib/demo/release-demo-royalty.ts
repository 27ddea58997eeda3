import type { Account, Address, Chain, Client, Hex, Transport } from 'viem';
import { simulateContract, writeContract } from 'viem/actions';
import { marketAbi } from '../contracts/abi';
import { confirmed } from './confirm';

/** Releases the royalties the Market credited to a track's split (`Market.withdraw(split)`; anyone may send it). */
export async function releaseDemoRoyalty(
  wallet: Client<Transport, Chain | undefined, Account>,
  p: { market: Address; split: Address },
): Promise<Hex> {
  const { request } = await simulateContract(wallet, {
    address: p.market,
    abi: marketAbi,
    functionName: 'withdraw',
    args: [p.split],
    account: wallet.account,
    chain: wallet.chain,
  });
  return confirmed(wallet, 'The royalty release', await writeContract(wallet, request));
}
