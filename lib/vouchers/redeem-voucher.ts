import type { Account, Address, Chain, Client, Hash, Transport } from 'viem';
import { simulateContract, writeContract } from 'viem/actions';
import { approvalSteps, type ChainStep } from '../chain/approval-steps';
import { trackCollectionAbi } from '../contracts/abi';
import { isCurrencyVoucher, type AnyVoucher } from '../contracts/voucher';

export type RedeemVoucherClients = {
  /** Simulates the redemption (the page's public client, or a test's). */
  publicClient: Client;
  /** The collector's wallet: it signs and pays. */
  walletClient: Client<Transport, Chain | undefined, Account>;
};

export type RedeemVoucherParameters = {
  collection: Address;
  /** A native voucher, or one priced in an ERC-20 (a CurrencyVoucher: `currency` set). */
  signed: { voucher: AnyVoucher; signature: `0x${string}` };
  /** Who receives the minted track (the collector, as a rule). */
  to: Address;
};

export type RedeemVoucherReturnType = Hash;

/**
 * Redeems a creator's signed voucher: TrackCollection.redeem (native price, sent as value) or redeemInCurrency (a
 * price in an ERC-20, pulled from the collector: the allowance must cover it, see redeemVoucherSteps) mints the track
 * to `to` and credits the price to the creator's payout address. Simulated first, so a used, cancelled, expired or
 * forged voucher is refused with the contract's error before the wallet is asked to sign or pay anything. One home
 * for the collect page and the track page's redeem form.
 */
export async function redeemVoucher(
  clients: RedeemVoucherClients,
  { collection, signed, to }: RedeemVoucherParameters,
): Promise<RedeemVoucherReturnType> {
  const account = clients.walletClient.account;
  const chain = clients.walletClient.chain;
  const { voucher, signature } = signed;
  if (isCurrencyVoucher(voucher)) {
    const { request } = await simulateContract(clients.publicClient, {
      address: collection,
      abi: trackCollectionAbi,
      functionName: 'redeemInCurrency',
      args: [voucher, signature, to],
      account,
    });
    return writeContract(clients.walletClient, { ...request, chain });
  }
  const { request } = await simulateContract(clients.publicClient, {
    address: collection,
    abi: trackCollectionAbi,
    functionName: 'redeem',
    args: [voucher, signature, to],
    value: voucher.price,
    account,
  });
  return writeContract(clients.walletClient, { ...request, chain });
}

/**
 * The transactions that collect a voucher, in order: for a voucher priced in an ERC-20, first an approval of the
 * collection for exactly the price when the collector's allowance is short of it, then the redemption. `label` names
 * the redemption step, `symbol` the token in the approval's label.
 */
export async function redeemVoucherSteps(
  clients: RedeemVoucherClients,
  parameters: RedeemVoucherParameters & { label: string; symbol: string },
): Promise<ChainStep[]> {
  const { voucher } = parameters.signed;
  const approval = isCurrencyVoucher(voucher)
    ? await approvalSteps(clients, {
        token: voucher.currency,
        spender: parameters.collection,
        amount: voucher.price,
        label: `Allow the collection to take ${parameters.symbol}`,
      })
    : [];
  return [...approval, { label: parameters.label, send: () => redeemVoucher(clients, parameters) }];
}
