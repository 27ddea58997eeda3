import type { Account, Address, Chain, Client, Hash, Transport } from 'viem';
import { simulateContract, writeContract } from 'viem/actions';
import { trackCollectionAbi } from '../contracts/abi';
import type { Voucher } from '../contracts/voucher';

export type RedeemVoucherClients = {
  /** Simulates the redemption (the page's public client, or a test's). */
  publicClient: Client;
  /** The collector's wallet: it signs and pays. */
  walletClient: Client<Transport, Chain | undefined, Account>;
};

export type RedeemVoucherParameters = {
  collection: Address;
  signed: { voucher: Voucher; signature: `0x${string}` };
  /** Who receives the minted track (the collector, as a rule). */
  to: Address;
};

export type RedeemVoucherReturnType = Hash;

/**
 * Redeems a creator's signed voucher: TrackCollection.redeem mints the track to `to` and credits the price to the
 * creator's payout address. Simulated first, so a used, cancelled, expired or forged voucher is refused with the
 * contract's error before the wallet is asked to sign or pay anything. One home for the collect page and the track
 * page's redeem form.
 */
export async function redeemVoucher(
  clients: RedeemVoucherClients,
  { collection, signed, to }: RedeemVoucherParameters,
): Promise<RedeemVoucherReturnType> {
  const { request } = await simulateContract(clients.publicClient, {
    address: collection,
    abi: trackCollectionAbi,
    functionName: 'redeem',
    args: [signed.voucher, signed.signature, to],
    value: signed.voucher.price,
    account: clients.walletClient.account,
  });
  return writeContract(clients.walletClient, { ...request, chain: clients.walletClient.chain });
}
