import type { Address } from 'viem';
import type { Config } from 'wagmi';
import { getConnectorClient, getPublicClient } from 'wagmi/actions';
import { isCurrencyVoucher, type AnyVoucher } from '../../lib/contracts/voucher';
import { currencyOf, formatAmount } from '../../lib/format/amount';
import { redeemVoucherSteps } from '../../lib/vouchers/redeem-voucher';
import { useNativeCurrency, useStablecoin } from './use-chain-info';
import type { TxStep } from './use-tx';

/**
 * The transactions that collect a voucher (lib/vouchers/redeem-voucher), as steps for `useTx`: the connected account
 * pays the price and receives the track. A voucher priced in an ERC-20 first approves the collection for exactly the
 * price when the allowance is short (`symbol` names the token). Used by the collect page and the track page's redeem
 * form.
 */
export async function redeemSteps(
  config: Config,
  collection: Address,
  signed: { voucher: AnyVoucher; signature: `0x${string}` },
  account: Address,
  label: string,
  symbol: string,
): Promise<TxStep[]> {
  const publicClient = getPublicClient(config);
  if (!publicClient) throw new Error('No chain client');
  const walletClient = await getConnectorClient(config, { account });
  return redeemVoucherSteps({ publicClient, walletClient }, { collection, signed, to: account, label, symbol });
}

/**
 * `(voucher) => { text: "12.5 tUSD", symbol: "tUSD" }`: a voucher's price in its own currency, the chain's native one
 * or the platform's stablecoin (lib/format/amount's currencyOf: another token reads in its raw units), and that
 * currency's symbol for the approval step.
 */
export function useVoucherPrice(): (voucher: AnyVoucher) => { text: string; symbol: string } {
  const native = useNativeCurrency();
  const stablecoin = useStablecoin();
  return (voucher) => {
    const currency = currencyOf(
      isCurrencyVoucher(voucher) ? voucher.currency : null,
      native,
      stablecoin ? [stablecoin] : [],
    );
    return { text: formatAmount(voucher.price, currency), symbol: currency.symbol };
  };
}
