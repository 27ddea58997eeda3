import type { Account, Address, Chain, Client, Hex, Transport } from 'viem';
import { simulateContract, writeContract } from 'viem/actions';
import { splitMainAbi } from '../contracts/abi';
import type { NormalizedSplit } from '../splits';
import { confirmed } from './confirm';

/** Distributes the ETH a split holds to its payees (`SplitMain.distributeETH` with the split's exact lists). */
export async function distributeDemoRoyalty(
  wallet: Client<Transport, Chain | undefined, Account>,
  p: { splitMain: Address; split: Address; recipients: NormalizedSplit },
): Promise<Hex> {
  const { request } = await simulateContract(wallet, {
    address: p.splitMain,
    abi: splitMainAbi,
    functionName: 'distributeETH',
    args: [p.split, p.recipients.accounts, p.recipients.shares],
    account: wallet.account,
    chain: wallet.chain,
  });
  return confirmed(wallet, 'The distribution', await writeContract(wallet, request));
}
