import type { Address } from 'viem';
import type { Config } from 'wagmi';
import { getConnectorClient, getPublicClient } from 'wagmi/actions';
import type { Voucher } from '../../lib/contracts/voucher';
import { redeemVoucher } from '../../lib/vouchers/redeem-voucher';
import type { TxStep } from './use-tx';

/**
 * The one transaction that collects a voucher (lib/vouchers/redeem-voucher), as a step for `useTx`: the connected
 * account pays the price and receives the track. Used by the collect page and the track page's redeem form.
 */
export function redeemStep(
  config: Config,
  collection: Address,
  signed: { voucher: Voucher; signature: `0x${string}` },
  account: Address,
  label: string,
): TxStep {
  return {
    label,
    send: async () => {
      const publicClient = getPublicClient(config);
      if (!publicClient) throw new Error('No chain client');
      const walletClient = await getConnectorClient(config, { account });
      return redeemVoucher({ publicClient, walletClient }, { collection, signed, to: account });
    },
  };
}
